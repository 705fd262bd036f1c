// The admin page of the charters: choose a kind, write the next version (pre-filled with the one in
// force, or a starter text), preview it, publish it; and the list of published versions.
import type { PageCtx } from '../../server/page-context.js';
import type { MessageKey, Params } from '../../i18n/index.js';
import { AdminNav } from '../admin/admin-nav.js';
import type { CharterVersion } from './store.js';
import { CHARTER_KINDS, kindTitleKey, type CharterKind } from './kinds.js';
import { CharterBody } from './charter-text.js';
import { VersionsTable } from './pages.js';

export interface CharterFormError { key: MessageKey; params?: Params }

export interface CharterAdminProps {
  ctx: PageCtx;
  kind: CharterKind;
  versions: CharterVersion[];
  body: string;
  summary: string;
  /** The English text and summary (empty: not translated). */
  bodyEn: string;
  summaryEn: string;
  /** True when the form holds the starter text (nothing published yet). */
  starter: boolean;
  preview: boolean;
  errors: CharterFormError[];
  /** The version just published, for the confirmation. */
  published: number | null;
}

export function CharterAdminPage({ ctx, kind, versions, body, summary, bodyEn, summaryEn, starter, preview, errors, published }: CharterAdminProps) {
  const { t } = ctx;
  const charter = t(kindTitleKey(kind));
  const nextVersion = (versions[0]?.version ?? 0) + 1;
  return (
    <>
      <AdminNav ctx={ctx} />
      <h1>{t('charters.admin.title')}</h1>
      {published !== null && (
        <p class="flash" role="status">
          {t('charters.admin.published', { charter, version: published })}
        </p>
      )}
      <p>{t('charters.admin.lead')}</p>
      <nav aria-label={t('charters.admin.choose')}>
        <ul class="admin-tabs">
          {CHARTER_KINDS.map((k) => (
            <li>
              <a href={`/admin/charters?kind=${k}`} aria-current={k === kind ? 'page' : undefined}>
                {t(kindTitleKey(k))}
              </a>
            </li>
          ))}
          <li>
            <a href="/admin/charters/acceptances">{t('charters.admin.acceptancesLink')}</a>
          </li>
        </ul>
      </nav>

      <h2 id="form-title">{t('charters.admin.formTitle', { charter, version: nextVersion })}</h2>
      {errors.length > 0 && (
        <div class="form-error" role="alert">
          <p>{t('charters.admin.formErrors')}</p>
          <ul>
            {errors.map((e) => (
              <li>{t(e.key, e.params)}</li>
            ))}
          </ul>
        </div>
      )}
      {starter && <p class="hint">{t('charters.admin.starterNote')}</p>}
      <form method="post" action="/admin/charters" class="stack charter-form" aria-labelledby="form-title">
        <input type="hidden" name="_csrf" value={ctx.csrf()} />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="base" value={String(nextVersion - 1)} />
        <div>
          <label for="charter-body">
            {t('charters.admin.body')}
            <span class="hint" id="charter-body-hint">
              {t('charters.admin.bodyHint')}
            </span>
          </label>
          <textarea id="charter-body" name="body" lang="fr" rows={24} aria-describedby="charter-body-hint" required>
            {body}
          </textarea>
        </div>
        <div>
          <label for="charter-summary">
            {t('charters.admin.summary')}
            <span class="hint" id="charter-summary-hint">
              {t('charters.admin.summaryHint')}
            </span>
          </label>
          <input type="text" id="charter-summary" name="summary" lang="fr" value={summary} maxLength={500} aria-describedby="charter-summary-hint" required />
        </div>
        <div>
          <label for="charter-body-en">
            {t('charters.admin.bodyEn')}
            <span class="hint" id="charter-body-en-hint">
              {t('charters.admin.bodyEnHint')}
            </span>
          </label>
          <textarea id="charter-body-en" name="body_en" lang="en" rows={24} aria-describedby="charter-body-en-hint">
            {bodyEn}
          </textarea>
        </div>
        <div>
          <label for="charter-summary-en">
            {t('charters.admin.summaryEn')}
            <span class="hint" id="charter-summary-en-hint">
              {t('charters.admin.summaryEnHint')}
            </span>
          </label>
          <input type="text" id="charter-summary-en" name="summary_en" lang="en" value={summaryEn} maxLength={500} aria-describedby="charter-summary-en-hint" />
        </div>
        <p>
          <button type="submit" name="action" value="publish">
            {t('charters.admin.publish', { version: nextVersion })}
          </button>{' '}
          <button type="submit" name="action" value="preview" class="secondary" formnovalidate>
            {t('charters.admin.preview')}
          </button>
        </p>
      </form>

      {preview && (
        <section aria-labelledby="preview-title">
          <h2 id="preview-title">{t('charters.admin.previewTitle')}</h2>
          <h3>{t('charters.admin.previewFr')}</h3>
          <CharterBody md={body} topLevel={4} lang={ctx.lang === 'fr' ? undefined : 'fr'} />
          <h3>{t('charters.admin.previewEn')}</h3>
          {bodyEn ? <CharterBody md={bodyEn} topLevel={4} lang={ctx.lang === 'en' ? undefined : 'en'} /> : <p>{t('charters.admin.previewNoEnglish')}</p>}
        </section>
      )}

      <h2>{t('charters.admin.versions')}</h2>
      {versions.length === 0 ? <p>{t('charters.admin.none')}</p> : <VersionsTable ctx={ctx} kind={kind} versions={versions} showAuthor />}
    </>
  );
}
