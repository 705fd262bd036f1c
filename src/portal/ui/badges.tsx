import type { Opening } from '../../config/schema.js';
import type { Translate } from '../../i18n/index.js';
import type { PageCtx } from '../../server/page-context.js';
import { whenText } from './when.js';
import type { ServiceStatus } from '../services/health.js';

export function OpeningBadge({ t, opening }: { t: Translate; opening: Opening }) {
  return <span class={`badge opening ${opening}`}>{t(`opening.${opening}`)}</span>;
}

export function StatusBadge({ ctx, status }: { ctx: PageCtx; status: ServiceStatus }) {
  const { t } = ctx;
  const title = status.checkedAt ? t('status.checkedAt', { date: whenText(ctx, status.checkedAt, 'dateTime') }) : t('status.never');
  return (
    <span class={`badge status ${status.status}`} title={title}>
      {t(`status.${status.status}`)}
    </span>
  );
}
