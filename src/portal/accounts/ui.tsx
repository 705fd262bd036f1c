// Small pieces shared by the accounts pages.
import type { ComponentChildren } from 'preact';
import type { PageCtx } from '../../server/page-context.js';
import { When } from '../ui/when.js';

/** The form's problem, announced to screen readers. */
export function FormError({ message }: { message: string | null }) {
  return message ? (
    <p class="form-error" role="alert">
      {message}
    </p>
  ) : null;
}

/** A confirmation after a change (e.g. "Saved."). */
export function Flash({ message }: { message: string | null }) {
  return message ? (
    <p class="flash" role="status">
      {message}
    </p>
  ) : null;
}

/** A one-time link to hand over, shown once, easy to select and copy. */
export function OneTimeLink({ ctx, url, text }: { ctx: PageCtx; url: string; text: ComponentChildren }) {
  return (
    <div class="flash one-time-link" role="status">
      <p>{text}</p>
      <p>
        <code class="link">{url}</code>
      </p>
      <p class="hint">{ctx.t('accounts.link.once')}</p>
    </div>
  );
}

export function DateOrNever({ ctx, at, never }: { ctx: Pick<PageCtx, 'lang' | 'config'>; at: number | null; never: string }) {
  return at === null ? <>{never}</> : <When ctx={ctx} at={at} style="dateTime" />;
}
