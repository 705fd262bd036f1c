// The dashboard's first-steps checklist: what a fresh chaton still needs, each item ticked from the real
// state (public address, charters, e-mail, ChatonsInfos files, health checks) and linking to where it is done.
import type { Core } from '../../core.js';
import type { PageCtx } from '../../server/page-context.js';
import { publicUrl } from '../../config/public-url.js';
import { CHARTER_KINDS, kindTitleKey, type CharterKind } from '../charters/kinds.js';
import { isPublished } from '../charters/store.js';
import { allFiles } from '../../federation/publish/files.js';
import { checkChatonsInfosText } from '../../federation/chatonsinfos/index.js';
import { readStatuses } from '../services/health.js';
import { pick } from '../../i18n/index.js';

/** Health results older than this many health-check intervals (and at least 15 minutes) are stale. */
const FRESH_INTERVALS = 3;
const FRESH_MIN_MS = 15 * 60_000;

export interface FirstStepsState {
  /** The address links give; whether public_url is set; the configured origin when this page was reached under another one. */
  publicUrl: { url: string; set: boolean; mismatch: string | null };
  missingCharters: CharterKind[];
  mailConfigured: boolean;
  chatonsInfos: { files: number; withErrors: string[] };
  /** Services whose last health result is missing or older than `freshMinutes`. */
  services: { total: number; stale: string[]; freshMinutes: number };
}

export function freshnessMs(core: Core): number {
  return Math.max(FRESH_MIN_MS, FRESH_INTERVALS * core.config.health.interval_seconds * 1000);
}

export async function readFirstSteps(core: Core, opts: { mismatch: string | null; mailConfigured: boolean; lang: PageCtx['lang']; now?: number }): Promise<FirstStepsState> {
  const now = opts.now ?? Date.now();
  const missingCharters: CharterKind[] = [];
  for (const kind of CHARTER_KINDS) if (!(await isPublished(core.db, kind))) missingCharters.push(kind);
  const files = await allFiles(core);
  const withErrors = files.filter((f) => checkChatonsInfosText(f.text).errors > 0).map((f) => f.name);
  const statuses = await readStatuses(core.db, core.services);
  const fresh = freshnessMs(core);
  const stale = core.services
    .all()
    .filter((s) => {
      const at = statuses.get(s.id)?.checkedAt ?? null;
      return at === null || now - at > fresh;
    })
    .map((s) => pick(s.name, opts.lang));
  return {
    publicUrl: { url: publicUrl(core.config), set: Boolean(core.config.public_url), mismatch: opts.mismatch },
    missingCharters,
    mailConfigured: opts.mailConfigured,
    chatonsInfos: { files: files.length, withErrors },
    services: { total: core.services.all().length, stale, freshMinutes: Math.round(fresh / 60_000) },
  };
}

interface Item { id: string; done: boolean; optional?: boolean; title: string; text: string; href?: string; link?: string }

function items(ctx: PageCtx, s: FirstStepsState): Item[] {
  const { t } = ctx;
  const list = (names: string[]) => names.map((n) => t('admin.firstSteps.quoted', { text: n })).join(', ');
  const addressOk = s.publicUrl.set && s.publicUrl.mismatch === null;
  return [
    {
      id: 'address',
      done: addressOk,
      title: t('admin.firstSteps.address'),
      text: !s.publicUrl.set
        ? t('admin.firstSteps.addressUnset', { url: s.publicUrl.url })
        : s.publicUrl.mismatch
          ? t('admin.firstSteps.addressElsewhere', { url: s.publicUrl.url })
          : t('admin.firstSteps.addressOk', { url: s.publicUrl.url }),
      href: s.publicUrl.url,
      link: t('admin.firstSteps.addressLink'),
    },
    {
      id: 'charters',
      done: s.missingCharters.length === 0,
      title: t('admin.firstSteps.charters'),
      text: s.missingCharters.length
        ? t('admin.firstSteps.chartersMissing', { n: s.missingCharters.length, list: list(s.missingCharters.map((k) => t(kindTitleKey(k)))) })
        : t('admin.firstSteps.chartersOk'),
      href: `/admin/charters?kind=${s.missingCharters[0] ?? 'member'}`,
      link: t(s.missingCharters.length ? 'admin.firstSteps.chartersLink' : 'admin.firstSteps.chartersLinkDone'),
    },
    {
      id: 'mail',
      done: s.mailConfigured,
      optional: true,
      title: t('admin.firstSteps.mail'),
      text: t(s.mailConfigured ? 'admin.firstSteps.mailOk' : 'admin.firstSteps.mailNone'),
      href: '/admin/members',
      link: t('admin.firstSteps.mailLink'),
    },
    {
      id: 'chatonsinfos',
      done: s.chatonsInfos.withErrors.length === 0,
      title: t('admin.firstSteps.chatonsInfos'),
      text: s.chatonsInfos.withErrors.length
        ? t('admin.firstSteps.chatonsInfosErrors', { n: s.chatonsInfos.withErrors.length, list: list(s.chatonsInfos.withErrors) })
        : t('admin.firstSteps.chatonsInfosOk', { n: s.chatonsInfos.files }),
      href: '/admin/chatonsinfos',
      link: t('admin.firstSteps.chatonsInfosLink'),
    },
    {
      id: 'services',
      done: s.services.stale.length === 0,
      title: t('admin.firstSteps.services'),
      text: s.services.stale.length
        ? t('admin.firstSteps.servicesStale', { n: s.services.stale.length, list: list(s.services.stale), minutes: s.services.freshMinutes })
        : t('admin.firstSteps.servicesOk', { n: s.services.total, minutes: s.services.freshMinutes }),
      href: '/admin/services',
      link: t('admin.firstSteps.servicesLink'),
    },
  ];
}

export function FirstSteps({ ctx, state }: { ctx: PageCtx; state: FirstStepsState }) {
  const { t } = ctx;
  const all = items(ctx, state);
  const required = all.filter((i) => !i.optional);
  const done = required.filter((i) => i.done).length;
  return (
    <section class="first-steps" aria-labelledby="first-steps-title">
      <h2 id="first-steps-title">{t('admin.firstSteps.title')}</h2>
      <p>{done === required.length ? t('admin.firstSteps.allDone') : t('admin.firstSteps.progress', { done, n: required.length })}</p>
      <ul class="checklist">
        {all.map((i) => (
          <li id={`step-${i.id}`} class={i.done ? 'done' : i.optional ? 'optional' : 'todo'}>
            <span class="step-state">
              <span aria-hidden="true">{i.done ? '✓' : '○'}</span> {t(i.done ? 'admin.firstSteps.done' : i.optional ? 'admin.firstSteps.optional' : 'admin.firstSteps.todo')}
            </span>{' '}
            <strong>{i.title}</strong>
            {t('punct.colon')} {i.text}
            {i.href && (
              <>
                {' '}
                <a href={i.href}>{i.link}</a>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
