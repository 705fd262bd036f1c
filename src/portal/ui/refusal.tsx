// The page that says why a service can't be used, and what to do about it.
import type { PageCtx } from '../../server/page-context.js';
import type { Refusal } from '../policy/access.js';

export function RefusalPage({ ctx, service, reason, groups, signupOpen }: { ctx: PageCtx; service: string; reason: Refusal; groups: string[]; signupOpen: boolean }) {
  const { t } = ctx;
  const next = encodeURIComponent(ctx.path);
  return (
    <section class="refusal">
      <h1>{t(`refusal.${reason}.title`, { service })}</h1>
      <p>{t(`refusal.${reason}.text`, { service, groups: String(groups.length) })}</p>
      {reason === 'login' && (
        <p class="actions">
          <a class="button" href={`/login?next=${next}`}>{t('layout.login')}</a>{' '}
          {signupOpen && <a class="button secondary" href={`/signup?next=${next}`}>{t('refusal.signup')}</a>}
        </p>
      )}
      <p>
        <a href="/charters/member">{t('refusal.charter')}</a> · <a href="/">{t('refusal.home')}</a>
      </p>
    </section>
  );
}
