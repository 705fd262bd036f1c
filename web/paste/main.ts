// The paste page script: encrypts in the browser before sending, decrypts after reading. The key is
// made here and lives only in the link's fragment (after #), which browsers never send to the server.
import { formatMessage } from '../../src/i18n/format.js';
import { formatRemaining } from '../../src/i18n/durations.js';
import './paste.css';
import 'highlight.js/styles/github.css';
import {
  attachmentsOf,
  decodeKey,
  decrypt,
  encryptComment,
  encryptPaste,
  newKey,
  pasteLink,
  type Formatter,
  type PasteAdata,
  type PasteMessage,
} from './crypto.js';
import { renderComments, type ApiComment } from './comments.js';
import { DEFAULT_HIGHLIGHT_LIMITS, type HighlightLimits } from './highlight-limits.js';

interface ApiAnswer {
  status: number;
  message?: string;
  id?: string;
  deletetoken?: string;
  adata?: PasteAdata;
  ct?: string;
  meta?: { time_to_live?: number };
  comments?: ApiComment[];
}

const app = document.getElementById('paste-app');
const strings = JSON.parse(app?.dataset.strings ?? '{}') as Record<string, string>;
const lang = app?.dataset.lang === 'en' ? 'en' : 'fr';
const base = `${location.origin}/paste/`;

function t(key: string, params: Record<string, string> = {}): string {
  return formatMessage(strings[key] ?? key, params, lang);
}

// The page's own elements, indexed once at start, before any paste or comment is in the page: what a
// stranger wrote can never stand in for one of them (document.getElementById would return the first
// element with an id, and a paste shown above the comment form comes first).
const own = new Map<string, HTMLElement>();
for (const e of app?.querySelectorAll<HTMLElement>('[id]') ?? []) if (!own.has(e.id)) own.set(e.id, e);

function find<T extends HTMLElement = HTMLElement>(id: string): T | null {
  return (own.get(id) as T | undefined) ?? null;
}

function el<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = find<T>(id);
  if (!e) throw new Error(`#${id} missing`);
  return e;
}

function show(id: string, visible = true): void {
  el(id).hidden = !visible;
}

function status(text: string): void {
  el('paste-status').textContent = text;
}

function fail(text: string): void {
  status('');
  const box = el('paste-error');
  box.textContent = text;
  box.hidden = false;
}

function clearError(): void {
  el('paste-error').hidden = true;
}

async function api(method: 'GET' | 'POST', url: string, body?: unknown): Promise<ApiAnswer> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { 'X-Requested-With': 'JSONHttpRequest', ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    return { status: 1, message: t('paste.error.network') };
  }
  try {
    return (await res.json()) as ApiAnswer;
  } catch {
    return { status: 1, message: t('paste.error.network') };
  }
}

// --- writing -------------------------------------------------------------------------------------

function readFile(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

function setupWriting(): void {
  const form = el<HTMLFormElement>('paste-form');
  const format = el<HTMLSelectElement>('paste-format');
  const burn = el<HTMLInputElement>('paste-burn');
  const discussion = find<HTMLInputElement>('paste-discussion');
  const syncLanguage = (): void => show('paste-language-field', format.value === 'syntaxhighlighting');
  format.addEventListener('change', syncLanguage);
  syncLanguage();
  setupPreview(format);
  // Burn after reading and a discussion exclude each other (as in PrivateBin).
  burn.addEventListener('change', () => {
    if (burn.checked && discussion) discussion.checked = false;
  });
  discussion?.addEventListener('change', () => {
    if (discussion.checked) burn.checked = false;
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void send();
  });
  form.hidden = false;
}

/**
 * The "Write" and "Preview" tabs of the form, for Markdown and code: the preview goes through exactly
 * the reader's pipeline (render.ts: the formatting worker, then the allow-list for Markdown), so what the
 * writer sees is what readers will see. Arrow keys move between the tabs (the ARIA tabs pattern).
 */
function setupPreview(format: HTMLSelectElement): void {
  const tabs = [el<HTMLButtonElement>('paste-tab-write'), el<HTMLButtonElement>('paste-tab-preview')] as const;
  const preview = el('paste-preview');
  let shown = 0;
  const select = (index: number, focus = false): void => {
    shown = index;
    tabs.forEach((tab, i) => {
      tab.setAttribute('aria-selected', String(i === index));
      tab.tabIndex = i === index ? 0 : -1;
    });
    show('paste-write', index === 0);
    preview.hidden = index !== 1;
    if (focus) tabs[index]?.focus();
    if (index === 1) void renderPreview();
  };
  const renderPreview = async (): Promise<void> => {
    const text = el<HTMLTextAreaElement>('paste-text').value;
    if (text.trim() === '') {
      preview.textContent = t('paste.form.previewEmpty');
      return;
    }
    const { renderContent } = await import('./render.js');
    const language = el<HTMLSelectElement>('paste-language').value;
    renderContent(preview, text, format.value, language || undefined, highlightLimits());
  };
  const sync = (): void => {
    const formatted = format.value === 'markdown' || format.value === 'syntaxhighlighting';
    show('paste-tabs', formatted);
    if (!formatted || shown === 1) select(0);
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => select(i));
    tab.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight' && event.key !== 'Home' && event.key !== 'End') return;
      event.preventDefault();
      select(event.key === 'Home' ? 0 : event.key === 'End' ? 1 : 1 - i, true);
    });
  });
  format.addEventListener('change', sync);
  el<HTMLSelectElement>('paste-language').addEventListener('change', () => shown === 1 && void renderPreview());
  sync();
}

async function send(): Promise<void> {
  clearError();
  const text = el<HTMLTextAreaElement>('paste-text').value;
  const files = [...(find<HTMLInputElement>('paste-files')?.files ?? [])];
  if (text.trim() === '' && files.length === 0) return fail(t('paste.error.empty'));
  const button = el<HTMLButtonElement>('paste-send');
  button.disabled = true;
  status(t('paste.form.sending'));
  try {
    const format = el<HTMLSelectElement>('paste-format').value as Formatter;
    const burn = el<HTMLInputElement>('paste-burn').checked;
    const discussion = (find<HTMLInputElement>('paste-discussion'))?.checked ?? false;
    const message: PasteMessage = { paste: text };
    const language = el<HTMLSelectElement>('paste-language').value;
    if (format === 'syntaxhighlighting' && language) message.language = language;
    if (files.length) {
      message.attachment = await Promise.all(files.map(readFile));
      message.attachment_name = files.map((f) => f.name);
    }
    const key = newKey();
    const payload = await encryptPaste(key, el<HTMLInputElement>('paste-password').value, message, {
      format,
      expire: el<HTMLSelectElement>('paste-expire').value,
      discussion,
      burn,
    });
    const max = Number(app?.dataset.maxBytes ?? '0');
    if (max && payload.ct.length > max) return fail(t('paste.error.tooLarge', { size: app?.dataset.size ?? '' }));
    const answer = await api('POST', base, payload);
    if (answer.status !== 0 || !answer.id) return fail(answer.message ?? t('paste.error.network'));
    await showResult(pasteLink(base, answer.id, key, burn), `${base}?pasteid=${answer.id}&deletetoken=${answer.deletetoken ?? ''}`, burn);
  } finally {
    button.disabled = false;
  }
}

async function showResult(link: string, deleteLink: string, burn: boolean): Promise<void> {
  status('');
  show('paste-form', false);
  el<HTMLInputElement>('paste-link').value = link;
  el<HTMLInputElement>('paste-delete-link').value = deleteLink;
  show('paste-burn-note', burn);
  show('paste-result');
  // Drawn here, in the page: the link holds the key and is never sent anywhere to make the image.
  const QRCode = (await import('qrcode')).default;
  await QRCode.toCanvas(el<HTMLCanvasElement>('paste-qr'), link, { margin: 2, width: 232 }).catch(() => undefined);
  el('paste-result-title').focus();
}

function copyButton(button: HTMLElement, text: () => string): void {
  button.addEventListener('click', () => {
    void navigator.clipboard?.writeText(text()).then(() => status(t('paste.read.copied')));
  });
}

// --- reading -------------------------------------------------------------------------------------

function pasteIdFromLocation(): string | null {
  const params = new URLSearchParams(location.search);
  const id = params.get('pasteid');
  if (id) return id;
  for (const [k, v] of params) if (v === '' && /^[a-f0-9]{16}$/.test(k)) return k;
  return null;
}

async function startReading(id: string): Promise<void> {
  const hash = location.hash;
  if (hash === '' || hash === '#' || hash === '#-') return fail(t('paste.read.noKey'));
  let key: Uint8Array;
  try {
    key = decodeKey(hash);
  } catch {
    return fail(t('paste.read.badKey'));
  }
  // A burn-after-reading link asks first: previews and bots load the page but never get this far.
  if (hash.startsWith('#-')) {
    // Ask the server first (without burning): a second visitor learns it is gone, not "read it now?".
    const there = await api('GET', `${base}exists?pasteid=${encodeURIComponent(id)}`);
    if (there.status !== 0) return fail(there.message ?? t('paste.api.notFound'));
    show('paste-burn-confirm');
    el('paste-burn-button').focus();
    el('paste-burn-button').addEventListener('click', () => {
      show('paste-burn-confirm', false);
      void load(id, key);
    }, { once: true });
    return;
  }
  await load(id, key);
}

async function load(id: string, key: Uint8Array): Promise<void> {
  status(t('paste.read.loading'));
  const data = await api('GET', `${base}?pasteid=${encodeURIComponent(id)}`);
  if (data.status !== 0 || !data.adata || !data.ct) return fail(data.message ?? t('paste.api.notFound'));
  const paste = data as Required<Pick<ApiAnswer, 'adata' | 'ct'>> & ApiAnswer;
  const attempt = async (password: string): Promise<PasteMessage | null> => {
    try {
      return await decrypt<PasteMessage>(key, password, paste.ct, paste.adata);
    } catch {
      return null;
    }
  };
  const message = await attempt('');
  if (message) return display(id, key, '', paste, message);
  // Wrong key, or a password: PrivateBin cannot tell them apart either, so ask for a password.
  status('');
  const form = el<HTMLFormElement>('paste-password-form');
  form.hidden = false;
  el('paste-read-password').focus();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const password = el<HTMLInputElement>('paste-read-password').value;
      status(t('paste.read.loading'));
      const m = await attempt(password);
      if (!m) return fail(t('paste.read.wrongPassword'));
      clearError();
      form.hidden = true;
      await display(id, key, password, paste, m);
    })();
  });
}

/** The highlighting limits the chaton's admins chose (paste.highlight_max_chars, …_max_line_chars). */
function highlightLimits(): HighlightLimits {
  const positive = (value: string | undefined, fallback: number): number => (Number(value) > 0 ? Number(value) : fallback);
  return {
    ...DEFAULT_HIGHLIGHT_LIMITS,
    maxChars: positive(app?.dataset.highlightMaxChars, DEFAULT_HIGHLIGHT_LIMITS.maxChars),
    maxLineChars: positive(app?.dataset.highlightMaxLineChars, DEFAULT_HIGHLIGHT_LIMITS.maxLineChars),
  };
}

async function display(id: string, key: Uint8Array, password: string, data: ApiAnswer & { adata: PasteAdata; ct: string }, message: PasteMessage): Promise<void> {
  // Highlighting, Markdown and previews load only when a paste is shown (lighter page for writers).
  // Marks for `npm run bench:paste-render`: decrypted, text painted (render.ts), formatting done.
  performance.mark('paste:decrypted');
  const { renderAttachment, renderContent } = await import('./render.js');
  status('');
  const format = data.adata[1];
  const text = typeof message.paste === 'string' ? message.paste : '';
  const rendered = renderContent(el('paste-content'), text, format, message.language, highlightLimits());
  void rendered.done.then(({ plain }) => {
    show('paste-plain-note', plain);
    performance.mark('paste:highlighted');
  });
  const ttl = data.meta?.time_to_live;
  if (typeof ttl === 'number') {
    el('paste-expires').textContent = t('paste.read.expires', { when: formatRemaining(ttl, lang) });
    show('paste-expires');
  }
  show('paste-burned', data.adata[3] === 1);
  const blob = new Blob([text], { type: 'text/plain;charset=utf-8' });
  el<HTMLAnchorElement>('paste-raw').href = URL.createObjectURL(blob);
  const download = el<HTMLAnchorElement>('paste-download');
  download.href = URL.createObjectURL(blob);
  download.download = `paste-${id}.${format === 'markdown' ? 'md' : 'txt'}`;
  copyButton(el('paste-copy'), () => text);
  const files = attachmentsOf(message);
  el('paste-clone').addEventListener('click', () => void clone(text, format, message.language, files));

  if (files.length) {
    const list = el('paste-attachment-list');
    for (const file of files) {
      renderAttachment(list, file, {
        preview: (name) => t('paste.read.preview', { name }),
        openPdf: t('paste.read.openPdf'),
        save: (name) => t('paste.read.saveFile', { name }),
      });
    }
    show('paste-attachments');
  }
  show('paste-view');
  el('paste-content').focus();
  if (data.adata[2] === 1) void setupDiscussion(id, key, password, data.comments ?? []);
}

/** "Reuse": the text, its display and its attachments, ready to be sent again as a new paste. */
async function clone(text: string, format: string, language: string | undefined, files: { data: string; name: string }[]): Promise<void> {
  show('paste-view', false);
  el<HTMLTextAreaElement>('paste-text').value = text;
  el<HTMLSelectElement>('paste-format').value = format;
  if (language) el<HTMLSelectElement>('paste-language').value = language;
  const input = find<HTMLInputElement>('paste-files');
  if (input && files.length) {
    try {
      const { decodeDataUri } = await import('./render.js');
      const picked = new DataTransfer();
      for (const f of files) {
        const decoded = decodeDataUri(f.data);
        if (decoded) picked.items.add(new File([decoded.bytes], f.name, { type: decoded.mime }));
      }
      input.files = picked.files;
      input.dispatchEvent(new Event('change'));
    } catch {
      // A browser without DataTransfer(): the text is reused, the files must be picked again.
    }
  }
  setupWriting();
  history.replaceState(null, '', base);
  el('paste-text').focus();
}

// --- discussion ----------------------------------------------------------------------------------

async function setupDiscussion(id: string, key: Uint8Array, password: string, comments: ApiComment[]): Promise<void> {
  let parent = id;
  const replyNote = el('paste-reply-note');
  const labels = { reply: t('paste.comments.reply'), anonymous: t('paste.comments.anonymous'), undecryptable: t('paste.comments.undecryptable'), lang };
  const onReply = (commentId: string): void => {
    parent = commentId;
    replyNote.hidden = false;
    el('paste-comment').focus();
  };
  const draw = async (list: ApiComment[]): Promise<void> => {
    show('paste-no-comments', list.length === 0);
    await renderComments(el('paste-comments'), list, id, key, password, labels, onReply);
  };
  el('paste-reply-cancel').addEventListener('click', () => {
    parent = id;
    replyNote.hidden = true;
  });
  el<HTMLFormElement>('paste-comment-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      clearError();
      const comment = el<HTMLTextAreaElement>('paste-comment').value;
      if (comment.trim() === '') return;
      const nickname = el<HTMLInputElement>('paste-nickname').value.trim();
      const payload = await encryptComment(key, password, nickname ? { comment, nickname } : { comment }, id, parent);
      const answer = await api('POST', base, payload);
      if (answer.status !== 0) return fail(answer.message ?? t('paste.error.network'));
      el<HTMLTextAreaElement>('paste-comment').value = '';
      parent = id;
      replyNote.hidden = true;
      const fresh = await api('GET', `${base}?pasteid=${encodeURIComponent(id)}`);
      if (fresh.status === 0) await draw(fresh.comments ?? []);
    })();
  });
  show('paste-comments-section');
  await draw(comments);
}

// --- start ---------------------------------------------------------------------------------------

function start(): void {
  if (!app) return;
  // WebCrypto exists only in secure contexts: https, or localhost.
  if (!globalThis.isSecureContext) return fail(t('paste.error.insecure'));
  if (!globalThis.crypto?.subtle) return fail(t('paste.error.browser'));
  copyButton(el('paste-copy-link'), () => el<HTMLInputElement>('paste-link').value);
  const id = pasteIdFromLocation();
  if (id) void startReading(id);
  else setupWriting();
}

start();
