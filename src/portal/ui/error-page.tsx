import type { PageCtx } from '../../server/page-context.js';

export function ErrorPage({ ctx, status, message }: { ctx: PageCtx; status: number; message: string }) {
  return (
    <section class="error">
      <h1>{ctx.t('error.title')}</h1>
      <p class="status">{ctx.t('error.status', { status })}</p>
      <p role="alert">{message}</p>
      <p>
        <a href="/">{ctx.t('refusal.home')}</a>
      </p>
    </section>
  );
}
