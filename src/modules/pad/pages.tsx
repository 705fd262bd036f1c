// The pad's pages: the index (create, import), the editor, the timeslider, the creator's admin page.
import { CHAT_MAX_CHARS, NAME_MAX_CHARS, VERSION_LABEL_MAX_CHARS } from './protocol.js';
import { When, tWith } from '../../portal/ui/when.js';
import type { PageCtx } from '../../server/page-context.js';
import type { MessageKey } from '../../i18n/index.js';
import type { SavedVersion } from './history.js';
import { HintedLabel } from '../../portal/ui/hinted-label.js';
import { OpeningSentence } from '../../portal/ui/opening-sentence.js';
import type { ServiceOpening } from '../../portal/policy/openings.js';

/** Strings the browser code needs, passed as JSON data (not executed, so the CSP allows it). */
export function BrowserStrings({ ctx, keys }: { ctx: PageCtx; keys: MessageKey[] }) {
  const json = JSON.stringify(Object.fromEntries(keys.map((k) => [k, ctx.t(k)]))).replace(/</g, '\\u003c');
  return <script type="application/json" id="pad-strings" dangerouslySetInnerHTML={{ __html: json }} />;
}

export function PadIndexPage({ ctx, opening, error, name = '', importError }: { ctx: PageCtx; opening: ServiceOpening; error?: string; name?: string; importError?: string }) {
  const { t } = ctx;
  return (
    <section class="pad-index">
      <h1>{t('pad.title')}</h1>
      <p class="lead">{t('pad.intro')}</p>
      <OpeningSentence t={t} opening={opening} />
      <h2>{t('pad.create.title')}</h2>
      <form method="post" action="/pad/" class="stack">
        <input type="hidden" name="_csrf" value={ctx.csrf()} />
        <div>
          <HintedLabel field="pad-name" hint={t('pad.create.nameHint')}>
            {t('pad.create.name')}
          </HintedLabel>
          {error && <p class="form-error" id="pad-name-error" role="alert">{error}</p>}
          <input type="text" id="pad-name" name="name" value={name} maxLength={60} pattern="[A-Za-z0-9_\-]*" autocomplete="off"
            aria-describedby={error ? 'pad-name-hint pad-name-error' : 'pad-name-hint'} {...(error ? { 'aria-invalid': 'true' } : {})} />
        </div>
        <p><button type="submit">{t('pad.create.submit')}</button></p>
      </form>
      <details open={Boolean(importError)}>
        <summary>{t('pad.import.historyTitle')}</summary>
        <form method="post" action="/pad/import" class="stack pad-import">
          <input type="hidden" name="_csrf" value={ctx.csrf()} />
          <p class="hint">{t('pad.import.historyHint')}</p>
          {importError && <p class="form-error" role="alert">{importError}</p>}
          <div class="js-only">
            <label for="history-file">{t('pad.import.file')}</label>
            <input type="file" id="history-file" accept=".chatonpad,.json" data-fills="history-content" />
          </div>
          <div>
            <label for="history-content">{t('pad.import.content')}</label>
            <textarea id="history-content" name="content" rows={4} required></textarea>
          </div>
          <p><button type="submit" class="secondary">{t('pad.import.submitHistory')}</button></p>
        </form>
      </details>
    </section>
  );
}

export function PadNotFoundPage({ ctx, name }: { ctx: PageCtx; name: string }) {
  const { t } = ctx;
  return (
    <section>
      <h1>{t('pad.notFound.title')}</h1>
      <p>{t('pad.notFound.text', { name })}</p>
      <form method="post" action="/pad/">
        <input type="hidden" name="_csrf" value={ctx.csrf()} />
        <input type="hidden" name="name" value={name} />
        <button type="submit">{t('pad.notFound.create', { name })}</button>
      </form>
    </section>
  );
}

export interface PadView {
  name: string;
  readOnly: boolean;
  /** The base path of this view: /pad/<name> or /pad/ro/<id>. */
  base: string;
  readOnlyUrl: string | null;
  shareUrl: string | null;
  deleteAt: number | null;
  historyAllowed: boolean;
  html: string;
  flash?: string;
}

const EDITOR_KEYS: MessageKey[] = [
  'pad.tool.linkPrompt', 'pad.status.connecting', 'pad.status.online', 'pad.status.saving', 'pad.status.offline', 'pad.status.readOnly', 'pad.status.closed',
  'pad.close.4400', 'pad.close.4403', 'pad.close.4404', 'pad.close.4408', 'pad.close.4410', 'pad.close.4413', 'pad.close.4422', 'pad.close.4429', 'pad.close.4507',
  'pad.close.4451', 'pad.close.4452', 'pad.close.4453', 'pad.close.4454',
  'pad.people.you', 'pad.chat.anonymous', 'pad.chat.empty', 'pad.deleteAt', 'pad.neverDeleted',
];

const TOOLS: [string, MessageKey, string][] = [
  ['bold', 'pad.tool.bold', 'B'], ['italic', 'pad.tool.italic', 'I'], ['underline', 'pad.tool.underline', 'U'], ['strike', 'pad.tool.strike', 'S'],
  ['h1', 'pad.tool.h1', 'H1'], ['h2', 'pad.tool.h2', 'H2'], ['paragraph', 'pad.tool.paragraph', '¶'],
  ['bullet', 'pad.tool.bullet', '•'], ['ordered', 'pad.tool.ordered', '1.'], ['link', 'pad.tool.link', 'URL'],
  ['undo', 'pad.tool.undo', '↶'], ['redo', 'pad.tool.redo', '↷'],
];

export function PadPage({ ctx, view }: { ctx: PageCtx; view: PadView }) {
  const { t, lang } = ctx;
  return (
    <div class="pad" id="pad-app" data-ws={`${view.base}/ws`} data-readonly={view.readOnly ? '1' : '0'} data-name={view.name} data-lang={lang}>
      <BrowserStrings ctx={ctx} keys={EDITOR_KEYS} />
      <div class="pad-main">
        <h1 class="pad-title">{view.readOnly ? t('pad.page.readOnlyTitle') : t('pad.page.title', { name: view.name })}</h1>
        {view.flash && <p class="flash" role="status">{view.flash}</p>}
        {!view.readOnly && (
          <section id="pad-created" class="card" hidden aria-labelledby="pad-created-title">
            <h2 id="pad-created-title">{t('pad.created.title')}</h2>
            <p id="pad-created-hint">{t('pad.created.adminOnce')}</p>
            <p>
              <label for="pad-created-admin">{t('pad.created.adminLink')}</label>
              <input type="text" id="pad-created-admin" readOnly class="copy" aria-describedby="pad-created-hint" />
            </p>
          </section>
        )}
        <p class="pad-status" role="status" aria-live="polite">
          <span class="visually-hidden">{t('pad.status.label')}{t('punct.colon')} </span>
          <span id="pad-status" data-state="connecting">{t('pad.status.connecting')}</span>
        </p>
        <p id="pad-error" class="form-error" role="alert" hidden></p>
        {!view.readOnly && (
          <div class="pad-toolbar js-only" role="toolbar" aria-label={t('pad.page.toolbar')} aria-controls="pad-editor">
            {TOOLS.map(([cmd, key, label]) => (
              <button type="button" class="secondary" data-cmd={cmd} title={t(key)}>
                <span aria-hidden="true">{label}</span>
                <span class="visually-hidden">{t(key)}</span>
              </button>
            ))}
            <button type="button" class="secondary" id="pad-line-numbers" aria-pressed="false" title={t('pad.tool.lineNumbers')}>
              <span aria-hidden="true">№</span>
              <span class="visually-hidden">{t('pad.tool.lineNumbers')}</span>
            </button>
          </div>
        )}
        <div id="pad-editor" class="pad-editor authors-on" aria-label={t('pad.page.editor')}>
          <div class="pad-static" dangerouslySetInnerHTML={{ __html: view.html }} />
        </div>
        <noscript><p class="hint">{t('pad.page.noscript')}</p></noscript>
        <p class="hint" id="pad-lifetime">{view.deleteAt ? tWith(ctx, 'pad.deleteAt', { date: <When ctx={ctx} at={view.deleteAt} /> }) : t('pad.neverDeleted')}</p>
      </div>
      <aside class="pad-side">
        <section class="js-only" aria-labelledby="pad-people-title">
          <h2 id="pad-people-title">{t('pad.people.title')}</h2>
          <ul id="pad-people" class="pad-people"></ul>
          <div class="stack pad-me">
            <div>
              <label for="pad-me-name">{t('pad.me.name')}<span class="hint">{t('pad.me.nameHint')}</span></label>
              <input type="text" id="pad-me-name" maxLength={NAME_MAX_CHARS} autocomplete="nickname" />
            </div>
            <div>
              <label for="pad-me-color">{t('pad.me.color')}</label>
              <input type="color" id="pad-me-color" />
            </div>
            <label class="check" for="pad-author-colors">
              <input type="checkbox" id="pad-author-colors" checked />
              {t('pad.me.authorColors')}
            </label>
          </div>
        </section>
        <section class="js-only" aria-labelledby="pad-chat-title">
          <h2 id="pad-chat-title">{t('pad.chat.title')}</h2>
          <ol id="pad-chat" class="pad-chat" aria-live="polite"></ol>
          {!view.readOnly && (
            <form id="pad-chat-form" class="pad-chat-form">
              <label for="pad-chat-input">{t('pad.chat.message')}</label>
              <input type="text" id="pad-chat-input" maxLength={CHAT_MAX_CHARS} autocomplete="off" />
              <button type="submit">{t('pad.chat.send')}</button>
            </form>
          )}
        </section>
        <section aria-labelledby="pad-share-title">
          <h2 id="pad-share-title">{t('pad.share.title')}</h2>
          {view.shareUrl && (
            <p>
              <label for="pad-share-link">{t('pad.share.link')}</label>
              <input type="text" id="pad-share-link" readOnly value={view.shareUrl} class="copy" />
            </p>
          )}
          {view.readOnlyUrl && (
            <p>
              <label for="pad-ro-link">{t('pad.share.readOnly')}</label>
              <input type="text" id="pad-ro-link" readOnly value={view.readOnlyUrl} class="copy" />
            </p>
          )}
          <p>{t('pad.share.export')}{t('punct.colon')}{' '}
            {([...(['txt', 'md', 'html', 'docx', 'odt'] as const), ...(view.historyAllowed ? (['chatonpad'] as const) : [])]).map((f, i) => (
              <>{i > 0 && ' · '}<a href={`${view.base}/export/${f}`} download>{t(`pad.format.${f}`)}</a></>
            ))}
          </p>
          {view.historyAllowed && <p><a href={`${view.base}/timeslider`}>{t('pad.share.timeslider')}</a></p>}
          {!view.readOnly && (
            <form method="post" action={`${view.base}/versions`} class="stack">
              <input type="hidden" name="_csrf" value={ctx.csrf()} />
              <div>
                <label for="pad-version-label">{t('pad.share.versionLabel')}</label>
                <input type="text" id="pad-version-label" name="label" maxLength={VERSION_LABEL_MAX_CHARS} required />
              </div>
              <p><button type="submit" class="secondary">{t('pad.share.saveVersion')}</button></p>
            </form>
          )}
        </section>
        {!view.readOnly && (
          <details>
            <summary>{t('pad.import.title')}</summary>
            <form method="post" action={`${view.base}/import`} class="stack pad-import">
              <input type="hidden" name="_csrf" value={ctx.csrf()} />
              <p class="hint">{t('pad.import.hint')}</p>
              <div>
                <label for="import-format">{t('pad.import.format')}</label>
                <select id="import-format" name="format">
                  {(['txt', 'md', 'html', 'docx'] as const).map((f) => <option value={f}>{t(`pad.format.${f}`)}</option>)}
                </select>
              </div>
              <div class="js-only">
                <label for="import-file">{t('pad.import.file')}</label>
                <input type="file" id="import-file" accept=".txt,.md,.markdown,.html,.htm,.docx,text/*" data-fills="import-content" />
              </div>
              <div>
                <label for="import-content">{t('pad.import.content')}</label>
                <textarea id="import-content" name="content" rows={4} required></textarea>
              </div>
              <p><button type="submit" class="secondary">{t('pad.import.submit')}</button></p>
            </form>
          </details>
        )}
      </aside>
    </div>
  );
}

const SLIDER_KEYS: MessageKey[] = ['pad.history.moment', 'pad.history.authors', 'pad.history.compacted', 'pad.history.play', 'pad.history.pause', 'pad.history.loading', 'pad.chat.anonymous', 'pad.history.empty'];

export function TimesliderPage({ ctx, name, base, canRestore, versions }: { ctx: PageCtx; name: string; base: string; canRestore: boolean; versions: SavedVersion[] }) {
  const { t, lang } = ctx;
  return (
    <section class="pad-timeslider" id="pad-timeslider" data-base={base} data-lang={lang}>
      <BrowserStrings ctx={ctx} keys={SLIDER_KEYS} />
      <h1>{t('pad.history.title', { name })}</h1>
      <p><a href={base}>{t('pad.history.back')}</a></p>
      <noscript><p class="hint">{t('pad.history.noscript')}</p></noscript>
      <div class="slider-controls js-only">
        <button type="button" class="secondary" id="slider-prev">{t('pad.history.prev')}</button>
        <button type="button" id="slider-play">{t('pad.history.play')}</button>
        <button type="button" class="secondary" id="slider-next">{t('pad.history.next')}</button>
        <label for="slider" class="slider-label">{t('pad.history.slider')}</label>
        <input type="range" id="slider" min="0" max="0" value="0" step="1" />
      </div>
      <p id="slider-moment" role="status" aria-live="polite">{t('pad.history.loading')}</p>
      <p id="slider-authors" class="hint"></p>
      <div id="slider-view" class="pad-editor pad-history-view authors-on"></div>
      {canRestore && (
        <form method="post" action={`${base}/restore`} class="stack" id="restore-form">
          <input type="hidden" name="_csrf" value={ctx.csrf()} />
          <input type="hidden" name="moment" id="restore-moment" value="" />
          <p class="hint">{t('pad.history.restoreHint')}</p>
          <p><button type="submit">{t('pad.history.restore')}</button></p>
        </form>
      )}
      <h2>{t('pad.history.versions')}</h2>
      {versions.length === 0 ? <p>{t('pad.history.noVersions')}</p> : (
        <ul class="pad-versions">
          {versions.map((v) => (
            <li><a href={`${base}/timeslider#${v.id}`} data-moment={v.id}>{v.label}</a> <span class="hint"><When ctx={ctx} at={v.at} style="dateTime" /></span></li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function PadAdminPage({ ctx, name, base, padUrl, readOnlyUrl, adminUrl, historyPublic, repairedAt, flash, error }: {
  ctx: PageCtx; name: string; base: string; padUrl: string; readOnlyUrl: string; adminUrl: string; historyPublic: boolean; repairedAt?: number; flash?: string; error?: string;
}) {
  const { t } = ctx;
  return (
    <section class="pad-admin">
      <h1>{t('pad.admin.title', { name })}</h1>
      {flash && <p class="flash" role="status">{flash}</p>}
      {repairedAt !== undefined && <p class="notice" id="pad-repaired">{tWith(ctx, 'pad.admin.repaired', { date: <When ctx={ctx} at={repairedAt} style="dateTime" /> })}</p>}
      <p class="hint">{t('pad.admin.secret')}</p>
      <h2>{t('pad.admin.links')}</h2>
      <p><label for="admin-pad-link">{t('pad.share.link')}</label><input type="text" id="admin-pad-link" readOnly value={padUrl} class="copy" /></p>
      <p><label for="admin-ro-link">{t('pad.share.readOnly')}</label><input type="text" id="admin-ro-link" readOnly value={readOnlyUrl} class="copy" /></p>
      <p><label for="admin-link">{t('pad.admin.title', { name })}</label><input type="text" id="admin-link" readOnly value={adminUrl} class="copy" /></p>
      <p><a href={`/pad/${name}`}>{t('pad.admin.open')}</a></p>
      <h2>{t('pad.admin.history')}</h2>
      <form method="post" action={`${base}/history`} class="stack">
        <input type="hidden" name="_csrf" value={ctx.csrf()} />
        <label class="check" for="history-public">
          <input type="checkbox" id="history-public" name="public" value="1" checked={historyPublic} />
          {t('pad.admin.historyPublic')}
        </label>
        <p><button type="submit" class="secondary">{t('pad.admin.save')}</button></p>
      </form>
      <form method="post" action={`${base}/clear`} class="stack">
        <input type="hidden" name="_csrf" value={ctx.csrf()} />
        <p class="hint">{t('pad.admin.clearHint')}</p>
        <p><button type="submit" class="secondary">{t('pad.admin.clear')}</button></p>
      </form>
      <h2>{t('pad.admin.delete')}</h2>
      <form method="post" action={`${base}/delete`} class="stack">
        <input type="hidden" name="_csrf" value={ctx.csrf()} />
        <p class="hint">{t('pad.admin.deleteHint')}</p>
        {error && <p class="form-error" role="alert">{error}</p>}
        <label class="check" for="delete-confirm">
          <input type="checkbox" id="delete-confirm" name="confirm" value="1" required />
          {t('pad.admin.confirm')}
        </label>
        <p><button type="submit" class="danger">{t('pad.admin.delete')}</button></p>
      </form>
    </section>
  );
}
