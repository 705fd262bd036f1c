// SPDX-License-Identifier: AGPL-3.0-or-later
// The validator: paste a URL or the text of a ChatonsInfos file and see its errors and warnings.
import type { PageCtx } from '../../server/page-context.js';
import type { Sub } from '../chatonsinfos/index.js';
import { IssueList, type ShownIssue } from './issues.js';
import { DirectoryNav } from './nav.js';

export interface ValidationView {
  source: string;
  fileClass: string | undefined;
  entries: number;
  errors: number;
  warnings: number;
  issues: ShownIssue[];
  subs: Sub[];
}

export function ValidatorPage({ ctx, url, text, error, view }: { ctx: PageCtx; url: string; text: string; error?: string; view?: ValidationView }) {
  const { t } = ctx;
  return (
    <>
      <h1>{t('directory.validate.title')}</h1>
      <DirectoryNav ctx={ctx} />
      <p class="lead">{t('directory.validate.lead')}</p>
      {view && (
        <section aria-labelledby="result-title" class="validation">
          <h2 id="result-title" tabIndex={-1}>{t('directory.validate.result', { source: view.source })}</h2>
          <p class={view.errors ? 'form-error' : 'flash'} role="status">
            {view.errors === 0 && view.warnings === 0
              ? t('directory.validate.perfect', { fileClass: view.fileClass ?? '?' })
              : t('directory.validate.summary', { fileClass: view.fileClass ?? t('directory.validate.noClass'), errors: view.errors, warnings: view.warnings, entries: view.entries })}
          </p>
          <IssueList ctx={ctx} issues={view.issues} />
          {view.subs.length > 0 && (
            <>
              <h3>{t('directory.validate.subs')}</h3>
              <ul>
                {view.subs.map((s) => (
                  <li><code class="link">{s.url}</code> — <a href={`/directory/validate?url=${encodeURIComponent(s.url)}`}>{t('directory.validate.checkSub')}</a></li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {error && <p class="form-error" role="alert">{error}</p>}
      <form method="post" action="/directory/validate" class="stack">
        <input type="hidden" name="_csrf" value={ctx.csrf()} />
        <div>
          <label for="v-url">{t('directory.validate.url')}</label>
          <span class="hint" id="v-url-hint">{t('directory.validate.urlHint')}</span>
          <input type="url" id="v-url" name="url" value={url} maxLength={2000} aria-describedby="v-url-hint" placeholder="https://exemple.org/.well-known/chatonsinfos/organization.properties" />
        </div>
        <div>
          <label for="v-text">{t('directory.validate.text')}</label>
          <span class="hint" id="v-text-hint">{t('directory.validate.textHint')}</span>
          <textarea id="v-text" name="text" aria-describedby="v-text-hint" spellcheck={false}>{text}</textarea>
        </div>
        <div class="file-pick" hidden>
          <label for="v-file">{t('directory.validate.file')}</label>
          <input type="file" id="v-file" accept=".properties,text/plain" data-target="v-text" />
        </div>
        <p><button type="submit">{t('directory.validate.submit')}</button></p>
      </form>
      <p class="muted">{t('directory.validate.cli')} <code>{`npx chaton chatonsinfos check ${t('directory.validate.cliArg')}`}</code></p>
    </>
  );
}
