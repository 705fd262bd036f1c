// The paste page (write, then share; or read a shared link) and the deletion confirmation page.
// Encryption needs JavaScript, so the page script (web/paste/main.ts) shows the parts that apply; the
// server renders every label and message, and the script only reads them from the page.
import type { PageCtx } from '../../server/page-context.js';
import type { MessageKey } from '../../i18n/index.js';
import { PASTE_EXPIRES } from '../../config/schema.js';
import { LANGUAGES } from './languages.js';
import { formatBytes } from '../../i18n/bytes.js';
import { HintedLabel } from '../../portal/ui/hinted-label.js';
import { OpeningSentence } from '../../portal/ui/opening-sentence.js';
import type { ServiceOpening } from '../../portal/policy/openings.js';

/** Messages the script shows by itself (errors, states); passed as one data attribute. */
const SCRIPT_MESSAGES: MessageKey[] = [
  'paste.form.sending', 'paste.form.send', 'paste.read.burned', 'paste.read.wrongPassword', 'paste.read.noKey', 'paste.read.badKey',
  'paste.read.expires', 'paste.read.copied', 'paste.read.preview', 'paste.read.openPdf', 'paste.read.saveFile', 'paste.read.loading',
  'paste.comments.reply', 'paste.comments.anonymous', 'paste.comments.undecryptable', 'paste.error.empty', 'paste.error.tooLarge',
  'paste.error.network', 'paste.error.browser', 'paste.error.insecure', 'paste.api.notFound', 'paste.result.copy',
  'paste.form.previewEmpty',
];

export interface PastePageProps {
  ctx: PageCtx;
  mode: 'write' | 'read';
  opening: ServiceOpening;
}

export function PastePage({ ctx, mode, opening }: PastePageProps) {
  const { t, lang } = ctx;
  const cfg = ctx.config.paste;
  const strings = Object.fromEntries(SCRIPT_MESSAGES.map((k) => [k, t(k)]));
  const size = formatBytes(cfg.max_bytes, lang);
  return (
    <section
      class="paste"
      id="paste-app"
      data-mode={mode}
      data-max-bytes={String(cfg.max_bytes)}
      data-highlight-max-chars={String(cfg.highlight_max_chars)}
      data-highlight-max-line-chars={String(cfg.highlight_max_line_chars)}
      data-size={size}
      data-lang={lang}
      data-strings={JSON.stringify(strings)}
    >
      <h1>{mode === 'read' ? t('paste.read.title') : t('paste.title')}</h1>
      {mode === 'write' && <p class="lead">{t('paste.intro')}</p>}
      {mode === 'write' && <OpeningSentence t={t} opening={opening} />}
      <noscript>
        <p class="form-error">{t('paste.noscript')}</p>
      </noscript>
      <p id="paste-status" class="meta" role="status" aria-live="polite"></p>
      <p id="paste-error" class="form-error" role="alert" hidden></p>

      <form id="paste-form" class="stack paste-form" hidden>
        {/* Shown by the script for Markdown and code: the text, or its preview through the reader's pipeline. */}
        <div class="paste-tabs" role="tablist" id="paste-tabs" aria-label={t('paste.form.tabs')} hidden>
          <button type="button" role="tab" id="paste-tab-write" aria-selected="true" aria-controls="paste-write">
            {t('paste.form.write')}
          </button>
          <button type="button" role="tab" id="paste-tab-preview" aria-selected="false" aria-controls="paste-preview" tabIndex={-1}>
            {t('paste.form.preview')}
          </button>
        </div>
        <div id="paste-write">
          <label for="paste-text">{t('paste.form.text')}</label>
          <textarea id="paste-text" name="text" rows={14} spellcheck={false}></textarea>
        </div>
        <div id="paste-preview" class="paste-content" role="tabpanel" aria-labelledby="paste-tab-preview" tabIndex={0} hidden></div>
        <div>
          <label for="paste-format">{t('paste.form.format')}</label>
          <select id="paste-format" name="format">
            <option value="plaintext">{t('paste.format.plaintext')}</option>
            <option value="syntaxhighlighting">{t('paste.format.syntaxhighlighting')}</option>
            <option value="markdown">{t('paste.format.markdown')}</option>
          </select>
        </div>
        <div id="paste-language-field" hidden>
          <label for="paste-language">{t('paste.form.language')}</label>
          <select id="paste-language" name="language">
            <option value="">{t('paste.form.languageAuto')}</option>
            {LANGUAGES.map(([id, label]) => (
              <option value={id}>{label}</option>
            ))}
          </select>
        </div>
        <div>
          <label for="paste-expire">{t('paste.form.expire')}</label>
          <select id="paste-expire" name="expire">
            {PASTE_EXPIRES.filter((e) => cfg.expire_options.includes(e)).map((e) => (
              <option value={e} selected={e === cfg.expire_default}>
                {t(`paste.expire.${e}`)}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend>{t('paste.form.options')}</legend>
          <label class="check" for="paste-burn">
            <input type="checkbox" id="paste-burn" name="burn" aria-describedby="paste-burn-hint" />
            <span>
              {t('paste.form.burn')}
              <span class="hint" id="paste-burn-hint">{t('paste.form.burnHint')}</span>
            </span>
          </label>
          {cfg.discussion && (
            <label class="check" for="paste-discussion">
              <input type="checkbox" id="paste-discussion" name="discussion" aria-describedby="paste-discussion-hint" />
              <span>
                {t('paste.form.discussion')}
                <span class="hint" id="paste-discussion-hint">{t('paste.form.discussionHint')}</span>
              </span>
            </label>
          )}
        </fieldset>
        <div>
          <HintedLabel field="paste-password" hint={t('paste.form.passwordHint')}>
            {t('paste.form.password')}
          </HintedLabel>
          <input type="password" id="paste-password" name="password" autocomplete="new-password" aria-describedby="paste-password-hint" />
        </div>
        {cfg.attachments && (
          <div>
            <HintedLabel field="paste-files" hint={t('paste.form.filesHint')}>
              {t('paste.form.files')}
            </HintedLabel>
            <input type="file" id="paste-files" name="files" multiple aria-describedby="paste-files-hint paste-limit" />
          </div>
        )}
        <p class="hint" id="paste-limit">{t('paste.form.limit', { size })}</p>
        <p>
          <button type="submit" id="paste-send">{t('paste.form.send')}</button>
        </p>
      </form>

      <section id="paste-result" class="paste-result" hidden aria-labelledby="paste-result-title">
        <h2 id="paste-result-title" tabIndex={-1}>{t('paste.result.title')}</h2>
        <div>
          <HintedLabel field="paste-link" hint={t('paste.result.linkHint')}>
            {t('paste.result.link')}
          </HintedLabel>
          <input type="text" id="paste-link" readonly aria-describedby="paste-link-hint" />
        </div>
        <p class="paste-tools">
          <button type="button" id="paste-copy-link">{t('paste.result.copy')}</button>
        </p>
        <p id="paste-burn-note" class="flash" hidden>{t('paste.result.burnNote')}</p>
        <h3>{t('paste.result.qr')}</h3>
        <canvas id="paste-qr" class="paste-qr" role="img" aria-label={t('paste.result.qr')}></canvas>
        <div>
          <label for="paste-delete-link">
            {t('paste.result.delete')}
            <span class="hint" id="paste-delete-hint">{t('paste.result.deleteHint')}</span>
          </label>
          <input type="text" id="paste-delete-link" readonly aria-describedby="paste-delete-hint" />
        </div>
        <p>
          <a href="/paste/">{t('paste.result.new')}</a>
        </p>
      </section>

      <section id="paste-burn-confirm" class="card" hidden>
        <p>{t('paste.read.burnConfirm')}</p>
        <p>
          <button type="button" id="paste-burn-button">{t('paste.read.burnButton')}</button>
        </p>
      </section>

      <form id="paste-password-form" class="stack" hidden>
        <div>
          <label for="paste-read-password">{t('paste.read.password')}</label>
          <input type="password" id="paste-read-password" name="password" autocomplete="off" />
        </div>
        <p>
          <button type="submit">{t('paste.read.passwordButton')}</button>
        </p>
      </form>

      <section id="paste-view" hidden aria-label={t('paste.read.content')}>
        <p id="paste-expires" class="meta" hidden></p>
        <p id="paste-burned" class="flash" hidden>{t('paste.read.burned')}</p>
        <p class="paste-tools">
          <button type="button" id="paste-copy">{t('paste.read.copy')}</button>
          <a class="button secondary" id="paste-raw" href="#" target="_blank" rel="noopener noreferrer">{t('paste.read.raw')}</a>
          <a class="button secondary" id="paste-download" href="#" download="paste.txt">{t('paste.read.download')}</a>
          <button type="button" class="secondary" id="paste-clone">{t('paste.read.clone')}</button>
        </p>
        <p id="paste-plain-note" class="hint" hidden>{t('paste.read.plainNote')}</p>
        <div id="paste-content" class="paste-content" tabIndex={0}></div>
        <section id="paste-attachments" hidden>
          <h2>{t('paste.read.attachments')}</h2>
          <ul id="paste-attachment-list" class="paste-attachments"></ul>
        </section>
        <section id="paste-comments-section" hidden>
          <h2>{t('paste.comments.title')}</h2>
          <p id="paste-no-comments">{t('paste.comments.none')}</p>
          <div id="paste-comments" class="paste-comments"></div>
          <form id="paste-comment-form" class="stack">
            <p id="paste-reply-note" hidden>
              {t('paste.comments.replyTo')}{' '}
              <button type="button" class="link" id="paste-reply-cancel">{t('paste.comments.cancel')}</button>
            </p>
            <div>
              <label for="paste-nickname">{t('paste.comments.nickname')}</label>
              <input type="text" id="paste-nickname" name="nickname" maxLength={80} autocomplete="nickname" />
            </div>
            <div>
              <label for="paste-comment">{t('paste.comments.text')}</label>
              <textarea id="paste-comment" name="comment" rows={4} required></textarea>
            </div>
            <p>
              <button type="submit">{t('paste.comments.send')}</button>
            </p>
          </form>
        </section>
      </section>
    </section>
  );
}

export function DeletePage({ ctx, pasteid, token, done }: { ctx: PageCtx; pasteid: string; token: string; done: boolean }) {
  const { t } = ctx;
  return (
    <section class="paste">
      <h1>{t('paste.delete.title')}</h1>
      {done ? (
        <>
          <p class="flash" role="status">{t('paste.delete.done')}</p>
          <p><a href="/paste/">{t('paste.result.new')}</a></p>
        </>
      ) : (
        <form method="post" action="/paste/delete" class="stack">
          <input type="hidden" name="_csrf" value={ctx.csrf()} />
          <input type="hidden" name="pasteid" value={pasteid} />
          <input type="hidden" name="deletetoken" value={token} />
          <p>{t('paste.delete.confirm')}</p>
          <p>
            <button type="submit" class="danger">{t('paste.delete.button')}</button>
          </p>
        </form>
      )}
    </section>
  );
}
