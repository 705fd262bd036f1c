// The timeslider: loads the list of moments in chunks, shows the pad at any moment (its state comes from
// the server, cached here), plays the history back, names the time and the author of each moment.
import * as Y from 'yjs';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import { FRAGMENT } from '../../src/modules/pad/document.js';
import type { AuthorInfo } from '../../src/modules/pad/protocol.js';
import { schema } from '../../src/modules/pad/schema.js';
import { setAuthorColor } from './colors.js';
import { t } from './strings.js';
import { formatDate } from '../../src/i18n/dates.js';

interface Moment { id: number; at: number; author: string }
interface Chunk { moments: Moment[]; next: number | null; authors: AuthorInfo[] }

export function startTimeslider(root: HTMLElement): void {
  const base = root.dataset.base ?? '';
  const lang = root.dataset.lang === 'en' ? 'en-GB' : 'fr-FR';
  const slider = document.getElementById('slider') as HTMLInputElement;
  const label = document.getElementById('slider-moment')!;
  const authorsLine = document.getElementById('slider-authors')!;
  const play = document.getElementById('slider-play') as HTMLButtonElement;
  const restore = document.getElementById('restore-moment') as HTMLInputElement | null;
  const view = new EditorView(document.getElementById('slider-view')!, {
    state: EditorState.create({ schema }),
    editable: () => false,
    attributes: { class: 'pad-text' },
  });
  const moments: Moment[] = [];
  const names = new Map<string, string>();
  const cache = new Map<number, Uint8Array>();
  let shown = -1;
  let wanted = -1;
  let timer: ReturnType<typeof setInterval> | null = null;
  const fromHash = Number(location.hash.slice(1)) || 0;

  // Once the person has moved the slider (or a button, a link, the player), loading more history never moves
  // it again: only the count of moments in its label grows.
  let touched = false;

  async function load(after: number): Promise<void> {
    const res = await fetch(`${base}/history?after=${after}`, { credentials: 'same-origin' });
    if (!res.ok) return;
    const chunk = (await res.json()) as Chunk;
    for (const a of chunk.authors) {
      names.set(a.author, a.name);
      setAuthorColor(a.author, a.color);
    }
    const first = moments.length === 0;
    moments.push(...chunk.moments);
    slider.max = String(Math.max(0, moments.length - 1));
    if (touched) describe(wanted);
    else if (first) {
      if (moments.length === 0) label.textContent = t('pad.history.empty');
      else go(moments.length - 1);
    }
    if (chunk.next !== null) return load(chunk.next);
    root.dataset.history = 'complete';
    if (touched) return;
    if (fromHash) {
      const i = moments.findIndex((m) => m.id >= fromHash);
      if (i >= 0) go(i);
    } else if (moments.length) go(moments.length - 1);
  }

  async function stateOf(id: number): Promise<Uint8Array> {
    let state = cache.get(id);
    if (!state) {
      const res = await fetch(`${base}/history/${id}`, { credentials: 'same-origin' });
      state = new Uint8Array(await res.arrayBuffer());
      cache.set(id, state);
      if (cache.size > 200) cache.delete(cache.keys().next().value as number);
    }
    return state;
  }

  /** Names moment `i` (its rank among those loaded, its time, its author) without showing it. */
  function describe(i: number): void {
    const m = moments[i];
    if (!m) return;
    label.textContent = t('pad.history.moment', { n: i + 1, total: moments.length, date: formatDate(m.at, lang, 'moment') });
    authorsLine.textContent = t('pad.history.authors', { names: m.author ? names.get(m.author) || t('pad.chat.anonymous') : t('pad.history.compacted') });
  }

  /** Shows moment `i` (the latest asked wins: scrubbing fast skips what it passed). */
  function go(i: number): void {
    if (!moments[i]) return;
    wanted = i;
    slider.value = String(i);
    const m = moments[i];
    describe(i);
    if (restore) restore.value = String(m.id);
    history.replaceState(null, '', `#${m.id}`);
    void stateOf(m.id).then((state) => {
      if (wanted !== i || shown === i) return;
      shown = i;
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      const node = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(FRAGMENT), schema);
      view.updateState(EditorState.create({ schema, doc: node }));
      doc.destroy();
    });
  }

  let pending: ReturnType<typeof setTimeout> | null = null;
  const moved = (): void => {
    touched = true;
  };
  slider.addEventListener('input', () => {
    moved();
    if (pending) clearTimeout(pending);
    pending = setTimeout(() => go(Number(slider.value)), 30);
  });
  document.getElementById('slider-prev')?.addEventListener('click', () => (moved(), go(Math.max(0, wanted - 1))));
  document.getElementById('slider-next')?.addEventListener('click', () => (moved(), go(Math.min(moments.length - 1, wanted + 1))));
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = null;
    play.textContent = t('pad.history.play');
  };
  play.addEventListener('click', () => {
    moved();
    if (timer) return stop();
    if (wanted >= moments.length - 1) go(0);
    play.textContent = t('pad.history.pause');
    const step = Math.max(1, Math.round(moments.length / 300));
    timer = setInterval(() => {
      if (wanted >= moments.length - 1) return stop();
      go(Math.min(moments.length - 1, wanted + step));
    }, 100);
  });
  for (const a of document.querySelectorAll<HTMLAnchorElement>('a[data-moment]')) {
    a.addEventListener('click', (e) => {
      e.preventDefault();
      moved();
      const id = Number(a.dataset.moment);
      const i = moments.findIndex((m) => m.id >= id);
      if (i >= 0) go(i);
    });
  }
  void load(0);
}
