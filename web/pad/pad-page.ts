// The pad page: the editor, the connection status, the people present, names and colours, the chat.
import { NAME_MAX_CHARS } from '../../src/modules/pad/protocol.js';
import { truncateText } from '../../src/i18n/text-length.js';
import { PadClient, type SocketLike } from '../../src/modules/pad/client.js';
import { FRAGMENT } from '../../src/modules/pad/document.js';
import type { ChatMessage, PadInfo } from '../../src/modules/pad/protocol.js';
import { bindToolbar, createEditor } from './editor.js';
import { lineNumbers } from './line-numbers.js';
import { setAuthorColor, swatch } from './colors.js';
import { authorColorsOn, me, remember, setAuthorColorsOn } from './identity.js';
import { t } from './strings.js';
import { formatDate } from '../../src/i18n/dates.js';

// The page's own elements, indexed when the pad starts, outside the editor (whose text the pad's
// writers control): nothing shown in the pad can stand in for one of them, even if an id slipped in.
const own = new Map<string, HTMLElement>();
const $ = <T extends HTMLElement>(id: string) => (own.get(id) as T | undefined) ?? null;

export function startPad(app: HTMLElement): void {
  for (const e of app.querySelectorAll<HTMLElement>('[id]')) if (!own.has(e.id) && !e.parentElement?.closest('.pad-editor')) own.set(e.id, e);
  const readOnly = app.dataset.readonly === '1';
  const lang = app.dataset.lang === 'en' ? 'en-GB' : 'fr-FR';
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${app.dataset.ws}`;
  const self = me();
  setAuthorColor(self.author, self.color);
  const client = new PadClient({
    url: wsUrl,
    open: (url) => new WebSocket(url) as unknown as SocketLike,
    ...(readOnly ? {} : { author: self }),
  });
  (window as unknown as { padClient: PadClient }).padClient = client; // for the browser tests
  const awareness = client.awareness!;
  const user = () => ({ name: self.name || t('pad.chat.anonymous'), color: self.color, author: self.author });
  awareness.setLocalStateField('user', user());

  // The editor replaces the server-rendered text.
  const mount = $('pad-editor')!;
  mount.replaceChildren();
  const view = createEditor({ mount, fragment: client.doc.getXmlFragment(FRAGMENT), awareness, author: self.author, readOnly });
  const toolbar = document.querySelector<HTMLElement>('.pad-toolbar');
  if (toolbar) bindToolbar(toolbar, view);
  const lines = $('pad-line-numbers');
  if (lines) lineNumbers(lines, mount);
  showAdminLinkOnce(app.dataset.name ?? '');

  // Connection status.
  const status = $('pad-status')!;
  const error = $('pad-error')!;
  const showStatus = () => {
    const state = client.status === 'online' ? (readOnly ? 'readOnly' : client.pending > 0 || !client.synced ? 'saving' : 'online') : client.status;
    status.dataset.state = state;
    status.textContent = t(`pad.status.${state}`);
    app.classList.toggle('offline', client.status !== 'online');
  };
  client.on('status', showStatus);
  client.on('saved', showStatus);
  client.on('synced', showStatus);
  client.doc.on('update', () => queueMicrotask(showStatus));
  client.on('closed', (code) => {
    error.textContent = t(`pad.close.${String(code)}`) === `pad.close.${String(code)}` ? t('pad.status.closed') : t(`pad.close.${String(code)}`);
    error.hidden = false;
    view.setProps({ editable: () => false });
    showStatus();
  });
  window.addEventListener('beforeunload', (e) => {
    if (client.pending > 0 || client.status !== 'online') e.preventDefault();
  });

  // Authors: colours on the text (switchable, remembered), names.
  const names = new Map<string, string>();
  const onInfo = (info: PadInfo) => {
    for (const a of info.authors) {
      setAuthorColor(a.author, a.color);
      names.set(a.author, a.name);
    }
    const lifetime = $('pad-lifetime');
    if (lifetime) lifetime.textContent = info.deleteAt ? t('pad.deleteAt', { date: formatDate(info.deleteAt, lang) }) : t('pad.neverDeleted');
  };
  client.on('info', (info) => onInfo(info as PadInfo));
  const colors = $<HTMLInputElement>('pad-author-colors');
  if (colors) {
    colors.checked = authorColorsOn();
    const apply = () => mount.classList.toggle('authors-on', colors.checked);
    apply();
    colors.addEventListener('change', () => {
      setAuthorColorsOn(colors.checked);
      apply();
    });
  }

  // People present.
  const people = $('pad-people')!;
  const renderPeople = () => {
    const items: HTMLElement[] = [];
    for (const [id, state] of awareness.getStates()) {
      const u = state.user as { name?: string; color?: string; author?: string } | undefined;
      if (!u) continue;
      if (u.author && u.color) setAuthorColor(u.author, u.color);
      const li = document.createElement('li');
      li.append(swatch(u.color ?? '#dddddd'), document.createTextNode(` ${u.name || t('pad.chat.anonymous')}${id === client.doc.clientID ? ' ' + t('pad.people.you') : ''}`));
      items.push(li);
    }
    people.replaceChildren(...items);
  };
  awareness.on('change', renderPeople);
  renderPeople();

  // My name and colour.
  const nameInput = $<HTMLInputElement>('pad-me-name');
  const colorInput = $<HTMLInputElement>('pad-me-color');
  if (nameInput && colorInput) {
    nameInput.value = self.name;
    colorInput.value = self.color;
    const save = () => {
      self.name = truncateText(nameInput.value.trim(), NAME_MAX_CHARS);
      if (/^#[0-9a-f]{6}$/.test(colorInput.value)) self.color = colorInput.value;
      remember(self);
      setAuthorColor(self.author, self.color);
      awareness.setLocalStateField('user', user());
      if (!readOnly) client.setAuthor(self);
    };
    nameInput.addEventListener('change', save);
    colorInput.addEventListener('change', save);
  }

  // Chat.
  const chat = $('pad-chat')!;
  const empty = document.createElement('li');
  empty.className = 'hint';
  empty.textContent = t('pad.chat.empty');
  chat.append(empty);
  client.on('chat', (m) => {
    const message = m as ChatMessage;
    empty.remove();
    const li = document.createElement('li');
    const who = document.createElement('strong');
    who.append(swatch(message.color), document.createTextNode(` ${message.name || t('pad.chat.anonymous')}`));
    const time = document.createElement('time');
    time.dateTime = new Date(message.at).toISOString();
    time.textContent = formatDate(message.at, lang, 'time');
    const text = document.createElement('p');
    text.textContent = message.text;
    li.append(who, ' ', time, text);
    chat.append(li);
    chat.scrollTop = chat.scrollHeight;
  });
  const form = $<HTMLFormElement>('pad-chat-form');
  const input = $<HTMLInputElement>('pad-chat-input');
  form?.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!input?.value.trim()) return;
    client.chat(input.value);
    input.value = '';
  });
  showStatus();
}

/** Right after creation the address ends with #admin=<token>: show the secret admin link once, then take
 *  it out of the address (and of the history) so that a reload or a shared address does not carry it. */
function showAdminLinkOnce(name: string): void {
  const m = /^#admin=([A-Za-z0-9_-]+)$/.exec(location.hash);
  const box = $('pad-created');
  const input = $<HTMLInputElement>('pad-created-admin');
  if (!m || !box || !input || !name) return;
  history.replaceState(history.state, '', location.pathname + location.search);
  input.value = `${location.origin}/pad/${encodeURIComponent(name)}/admin/${m[1]}`;
  box.hidden = false;
  input.focus();
  input.select();
}
