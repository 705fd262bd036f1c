import type { Opening } from '../../config/schema.js';
import { formatDate, type Lang, type Translate } from '../../i18n/index.js';
import type { ServiceStatus } from '../services/health.js';

export function OpeningBadge({ t, opening }: { t: Translate; opening: Opening }) {
  return <span class={`badge opening ${opening}`}>{t(`opening.${opening}`)}</span>;
}

export function StatusBadge({ t, status, lang }: { t: Translate; status: ServiceStatus; lang: Lang }) {
  const title = status.checkedAt ? t('status.checkedAt', { date: formatDate(status.checkedAt, lang, true) }) : t('status.never');
  return (
    <span class={`badge status ${status.status}`} title={title}>
      {t(`status.${status.status}`)}
    </span>
  );
}
