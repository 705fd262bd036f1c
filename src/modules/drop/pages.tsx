// Drop's pages: send, receive, manage (owner), report, and the admins' list of reports. The pages
// are shells that web/drop/main.ts brings to life (encryption needs JavaScript); the report form
// and the admin pages work without it. Strings for the script travel in data-strings.
import { When } from '../../portal/ui/when.js';
import type { PageCtx } from '../../server/page-context.js';
import type { MessageKey } from '../../i18n/index.js';
import { REPORT_MAX_CHARS, UPLOAD_DEADLINE_MS } from './store.js';
import { formatBytes } from '../../i18n/bytes.js';
import { defaultExpiry, expiryChoices, expiryParts } from './expiry.js';
import { AdminNav } from '../../portal/admin/admin-nav.js';
import { DataTable } from '../../portal/ui/data-table.js';
import { HintedLabel } from '../../portal/ui/hinted-label.js';
import { OpeningSentence } from '../../portal/ui/opening-sentence.js';
import type { ServiceOpening } from '../../portal/policy/openings.js';

const SCRIPT_KEYS = [
  'drop.error.noFiles', 'drop.error.tooManyFiles', 'drop.error.network', 'drop.error.fileTooBig', 'drop.encrypting', 'drop.progressText',
  'drop.retrying', 'drop.finishing', 'drop.mailSubject', 'drop.mailBody', 'drop.copied', 'drop.mineEmpty', 'drop.mineManage', 'drop.mineForget', 'drop.receive.noKey',
  'drop.receive.badPassword', 'drop.receive.download', 'drop.receive.left', 'drop.receive.decrypting', 'drop.receive.saved',
  'drop.receive.savedArchive', 'drop.receive.archiveName',
  'drop.receive.failed', 'drop.receive.gone', 'drop.owner.noToken', 'drop.owner.state', 'drop.owner.uploading', 'drop.owner.confirm',
  'drop.owner.deleted', 'drop.resume.until', 'drop.resume.missing', 'drop.resume.changed', 'drop.resume.confirm', 'drop.resume.abandoned',
  'drop.resume.gone', 'drop.resume.resuming', 'drop.resume.passwordNeeded', 'drop.stopped', 'drop.error.proxyLimit',
] as const satisfies readonly MessageKey[];

function strings(ctx: PageCtx): string {
  return JSON.stringify(Object.fromEntries(SCRIPT_KEYS.map((k) => [k, ctx.t(k)])));
}

function NoScript({ ctx }: { ctx: PageCtx }) {
  return (
    <noscript>
      <p class="flash">{ctx.t('drop.noscript')}</p>
    </noscript>
  );
}

/** "5 minutes", "1 day", "30 days": the label of an offered lifetime. */
function expiryLabel(t: PageCtx['t'], seconds: number): string {
  const { n, unit } = expiryParts(seconds);
  return t(`drop.expiry.${unit}`, { n });
}

export function SendPage({ ctx, opening }: { ctx: PageCtx; opening: ServiceOpening }) {
  const { t } = ctx;
  const cfg = ctx.config.drop;
  const expiries = expiryChoices(cfg.max_expiry_hours);
  const selected = defaultExpiry(expiries);
  return (
    <section class="drop" id="drop-send" data-page="send" data-lang={ctx.lang} data-max-file={String(cfg.max_file_bytes)} data-upload-deadline={String(UPLOAD_DEADLINE_MS)} data-strings={strings(ctx)}>
      <h1>{t('drop.title')}</h1>
      <p>{t('drop.intro')}</p>
      <OpeningSentence t={t} opening={opening} />
      <NoScript ctx={ctx} />
      <div class="stack" id="drop-resume" hidden>
        <h2>{t('drop.resume.title')}</h2>
        <p>{t('drop.resume.intro')}</p>
        <ul id="drop-resume-names" class="drop-picked"></ul>
        <p class="hint" id="drop-resume-until"></p>
        <div class="drop-zone" id="drop-resume-zone">
          <label for="drop-resume-files">
            {t('drop.resume.files')}
            <span class="hint" id="drop-resume-hint">{t('drop.resume.hint')}</span>
          </label>
          <input type="file" id="drop-resume-files" multiple aria-describedby="drop-resume-hint" />
        </div>
        <div class="stack" id="drop-resume-password-box" hidden>
          <label for="drop-resume-password">{t('drop.resume.password')}</label>
          <p class="hint" id="drop-resume-password-hint">{t('drop.resume.passwordHint')}</p>
          <input type="password" id="drop-resume-password" autocomplete="off" aria-describedby="drop-resume-password-hint" />
        </div>
        <p class="form-error" id="drop-resume-error" role="alert" hidden></p>
        <p>
          <button type="button" id="drop-resume-go">{t('drop.resume.go')}</button>{' '}
          <button type="button" class="secondary" id="drop-resume-abandon">{t('drop.resume.abandon')}</button>
        </p>
      </div>
      <p class="flash" id="drop-resume-note" role="status" hidden></p>
      <form class="stack" id="drop-form" method="get" action="/drop/">
        <div class="drop-zone" id="drop-zone">
          <HintedLabel field="drop-files" hint={t('drop.filesHint', { max: formatBytes(cfg.max_file_bytes, ctx.lang) })}>
            {t('drop.files')}
          </HintedLabel>
          <input type="file" id="drop-files" name="files" multiple required aria-describedby="drop-files-hint" />
          <ul id="drop-picked" class="drop-picked"></ul>
        </div>
        <div>
          <label for="drop-expiry">{t('drop.expiry')}</label>
          <select id="drop-expiry" name="expiry">
            {expiries.map((s) => (
              <option value={String(s)} selected={s === selected}>{expiryLabel(t, s)}</option>
            ))}
          </select>
        </div>
        <div>
          <HintedLabel field="drop-downloads" hint={t('drop.downloadsHint')}>
            {t('drop.downloads')}
          </HintedLabel>
          <input type="number" id="drop-downloads" name="downloads" min="1" max="100" value="1" required aria-describedby="drop-downloads-hint" />
        </div>
        <div>
          <HintedLabel field="drop-password" hint={t('drop.passwordHint')}>
            {t('drop.password')}
          </HintedLabel>
          <input type="password" id="drop-password" name="password" autocomplete="new-password" aria-describedby="drop-password-hint" />
        </div>
        <p class="form-error" id="drop-error" role="alert" hidden></p>
        <p>
          <button type="submit" id="drop-submit">{t('drop.send')}</button>
        </p>
      </form>
      <div id="drop-progress-box" hidden>
        <label for="drop-progress">{t('drop.progress')}</label>
        <progress id="drop-progress" max="100" value="0"></progress>
        <p id="drop-progress-text" aria-live="polite"></p>
      </div>
      <div id="drop-result" hidden>
        <h2 tabIndex={-1} id="drop-done">{t('drop.done')}</h2>
        <div class="stack">
          <label for="drop-link">{t('drop.link')}</label>
          <p class="hint" id="drop-link-hint">{t('drop.linkHint')}</p>
          <input type="text" id="drop-link" readOnly aria-describedby="drop-link-hint" />
          <p>
            <button type="button" class="secondary" data-copy-input="drop-link">{t('drop.copy')}</button>{' '}
            <a class="button secondary" id="drop-mail" href="mailto:">{t('drop.mail')}</a>
          </p>
          <figure>
            <img id="drop-qr" alt={t('drop.qr')} width="200" height="200" />
          </figure>
          <label for="drop-owner">{t('drop.ownerLink')}</label>
          <p class="hint" id="drop-owner-hint">{t('drop.ownerHint')}</p>
          <input type="text" id="drop-owner" readOnly aria-describedby="drop-owner-hint" />
          <p><button type="button" class="secondary" data-copy-input="drop-owner">{t('drop.copy')}</button></p>
          <p><a href="/drop/">{t('drop.another')}</a></p>
        </div>
      </div>
      <h2>{t('drop.mine')}</h2>
      <p class="hint">{t('drop.mineHint')}</p>
      <ul id="drop-mine" class="drop-mine"></ul>
    </section>
  );
}

function ReportForm({ ctx, id, error, value = '' }: { ctx: PageCtx; id: string; error?: string; value?: string }) {
  const { t } = ctx;
  return (
    <details class="drop-report" open={!!error}>
      <summary>{t('drop.report.title')}</summary>
      <form method="post" action={`/drop/s/${id}/report`} class="stack">
        <input type="hidden" name="_csrf" value={ctx.csrf()} />
        <p>{t('drop.report.intro')}</p>
        <div>
          <label for="drop-report-reason">
            {t('drop.report.reason')}
            <span class="hint" id="drop-report-hint">{t('drop.report.reasonHint')}</span>
          </label>
          {error && <p class="form-error" id="drop-report-error" role="alert">{error}</p>}
          <textarea id="drop-report-reason" name="reason" rows={4} maxLength={REPORT_MAX_CHARS} aria-describedby={error ? 'drop-report-hint drop-report-error' : 'drop-report-hint'}>
            {value}
          </textarea>
        </div>
        <p><button type="submit" class="secondary">{t('drop.report.send')}</button></p>
      </form>
    </details>
  );
}

export function ReceivePage({ ctx, id, password, reportError, reportValue }: { ctx: PageCtx; id: string; password: boolean; reportError?: string; reportValue?: string }) {
  const { t } = ctx;
  return (
    <section class="drop" id="drop-receive" data-page="receive" data-id={id} data-lang={ctx.lang} data-strings={strings(ctx)}>
      <h1>{t('drop.receive.title')}</h1>
      <p>{t('drop.receive.intro')}</p>
      <NoScript ctx={ctx} />
      <p class="form-error" id="drop-error" role="alert" hidden></p>
      {password && (
        <form class="stack" id="drop-unlock" hidden>
          <div>
            <label for="drop-unlock-password">{t('drop.receive.password')}</label>
            <input type="password" id="drop-unlock-password" name="password" autocomplete="off" required />
          </div>
          <p><button type="submit">{t('drop.receive.unlock')}</button></p>
        </form>
      )}
      <div id="drop-files-box" hidden>
        <h2>{t('drop.receive.files')}</h2>
        <p id="drop-left"></p>
        <p class="hint">{t('drop.receive.each')}</p>
        <ul id="drop-file-list" class="drop-file-list"></ul>
        <p><button type="button" id="drop-all">{t('drop.receive.downloadAll')}</button></p>
        <progress id="drop-progress" max="100" value="0" hidden aria-label={t('drop.progress')}></progress>
        <p id="drop-status" aria-live="polite"></p>
      </div>
      <ReportForm ctx={ctx} id={id} {...(reportError ? { error: reportError } : {})} {...(reportValue ? { value: reportValue } : {})} />
    </section>
  );
}

export function ReportedPage({ ctx }: { ctx: PageCtx }) {
  return (
    <section>
      <h1>{ctx.t('drop.report.title')}</h1>
      <p class="flash" role="status">{ctx.t('drop.report.thanks')}</p>
      <p><a href="/drop/">{ctx.t('drop.title')}</a></p>
    </section>
  );
}

export function OwnerPage({ ctx, id }: { ctx: PageCtx; id: string }) {
  const { t } = ctx;
  return (
    <section class="drop" id="drop-owner-page" data-page="owner" data-id={id} data-lang={ctx.lang} data-strings={strings(ctx)}>
      <h1>{t('drop.owner.title')}</h1>
      <NoScript ctx={ctx} />
      <p class="form-error" id="drop-error" role="alert" hidden></p>
      <p id="drop-owner-state" aria-live="polite"></p>
      <p><button type="button" class="danger" id="drop-delete" hidden>{t('drop.owner.delete')}</button></p>
    </section>
  );
}

export interface ReportRow { id: number; shareId: string; reason: string; createdAt: number; size: number | null }

export function AdminReportsPage({ ctx, reports, used }: { ctx: PageCtx; reports: ReportRow[]; used: number }) {
  const { t, lang } = ctx;
  return (
    <section>
      <AdminNav ctx={ctx} />
      <h1>{t('drop.admin.title')}</h1>
      <p>{t('drop.admin.intro')}</p>
      <p>{t('drop.admin.usage', { used: formatBytes(used, lang), max: formatBytes(ctx.config.drop.max_total_bytes, lang) })}</p>
      {reports.length === 0 ? (
        <p>{t('drop.admin.empty')}</p>
      ) : (
        <DataTable
          headers={[
            t('drop.admin.share'), t('drop.admin.date'), t('drop.admin.reason'), t('drop.admin.status'),
            { class: 'actions', content: <span class="visually-hidden">{t('drop.admin.actions')}</span> },
          ]}
        >
          {reports.map((r) => (
            <tr>
              <td><code>{r.shareId}</code></td>
              <td><When ctx={ctx} at={r.createdAt} style="dateTime" /></td>
              <td>{r.reason}</td>
              <td>{r.size === null ? t('drop.admin.removed') : t('drop.admin.live', { size: formatBytes(r.size, lang) })}</td>
              <td>
                {r.size !== null && (
                  <form method="post" action={`/drop/admin/shares/${r.shareId}/delete`} class="inline">
                    <input type="hidden" name="_csrf" value={ctx.csrf()} />
                    <button type="submit" class="danger">{t('drop.admin.remove')}</button>
                  </form>
                )}{' '}
                <form method="post" action={`/drop/admin/reports/${r.id}/dismiss`} class="inline">
                  <input type="hidden" name="_csrf" value={ctx.csrf()} />
                  <button type="submit" class="secondary">{t('drop.admin.dismiss')}</button>
                </form>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
