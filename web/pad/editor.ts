// The ProseMirror editor bound to the pad's Y.Doc: y-prosemirror's sync, remote cursors and own-edit
// undo, Etherpad-like keyboard shortcuts and toolbar, and the author mark on everything one types.
import { EditorState, Plugin, type Command, type Transaction } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { keymap } from 'prosemirror-keymap';
import { baseKeymap, setBlockType, toggleMark } from 'prosemirror-commands';
import { liftListItem, sinkListItem, splitListItem, wrapInList } from 'prosemirror-schema-list';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { ySyncPlugin, ySyncPluginKey, yCursorPlugin, yUndoPlugin, undoCommand, redoCommand } from 'y-prosemirror';
import { schema } from '../../src/modules/pad/schema.js';
import { isAllowedHref } from '../../src/markup/allow-list.js';
import { t } from './strings.js';

/** Marks every piece of text this person inserts with their author id (not text coming from others). */
function authorship(author: string): Plugin {
  return new Plugin({
    appendTransaction(trs, _old, state) {
      const ranges: [number, number][] = [];
      trs.forEach((tr, ti) => {
        const meta = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
        if (!tr.docChanged || meta?.isChangeOrigin || tr.getMeta('authorship')) return;
        tr.mapping.maps.forEach((map, i) => {
          map.forEach((_os, _oe, from, to) => {
            if (to <= from) return;
            let a = from;
            let b = to;
            for (const m of tr.mapping.maps.slice(i + 1)) [a, b] = [m.map(a, -1), m.map(b, 1)];
            for (const next of trs.slice(ti + 1)) [a, b] = [next.mapping.map(a, -1), next.mapping.map(b, 1)];
            if (b > a) ranges.push([a, b]);
          });
        });
      });
      if (ranges.length === 0) return null;
      const mark = schema.marks.author!.create({ id: author });
      const tr = state.tr.setMeta('authorship', true).setMeta('addToHistory', true);
      for (const [a, b] of ranges) tr.addMark(Math.max(0, a), Math.min(state.doc.content.size, b), mark);
      return tr.docChanged ? tr : null;
    },
  });
}

function cursorBuilder(user: { name?: string; color?: string }): HTMLElement {
  const cursor = document.createElement('span');
  cursor.className = 'ProseMirror-yjs-cursor';
  cursor.style.setProperty('border-color', user.color ?? '#888888');
  const label = document.createElement('div');
  label.style.setProperty('background-color', user.color ?? '#888888');
  label.textContent = user.name || '…';
  cursor.append(label);
  return cursor;
}

const link: Command = (state, dispatch) => {
  const type = schema.marks.link!;
  if (state.selection.empty) return false;
  if (!dispatch) return true;
  const href = window.prompt(t('pad.tool.linkPrompt'), 'https://')?.trim();
  if (href === undefined) return true;
  const { from, to } = state.selection;
  const tr = state.tr.removeMark(from, to, type);
  if (href && isAllowedHref(href)) tr.addMark(from, to, type.create({ href }));
  dispatch(tr);
  return true;
};

export const commands: Record<string, Command> = {
  bold: toggleMark(schema.marks.strong!),
  italic: toggleMark(schema.marks.em!),
  underline: toggleMark(schema.marks.underline!),
  strike: toggleMark(schema.marks.strike!),
  h1: setBlockType(schema.nodes.heading!, { level: 1 }),
  h2: setBlockType(schema.nodes.heading!, { level: 2 }),
  paragraph: setBlockType(schema.nodes.paragraph!),
  bullet: wrapInList(schema.nodes.bullet_list!),
  ordered: wrapInList(schema.nodes.ordered_list!),
  link,
  undo: undoCommand,
  redo: redoCommand,
};

export interface EditorOptions {
  mount: HTMLElement;
  fragment: Y.XmlFragment;
  awareness: Awareness;
  author: string;
  readOnly: boolean;
}

export function createEditor({ mount, fragment, awareness, author, readOnly }: EditorOptions): EditorView {
  const item = schema.nodes.list_item!;
  const plugins = [
    ySyncPlugin(fragment),
    yCursorPlugin(awareness, { cursorBuilder, selectionBuilder: (user: { author?: string }) => ({ class: 'pad-remote-sel', 'data-author': String(user.author ?? '') }) }),
    yUndoPlugin(),
    keymap({
      'Mod-z': commands.undo!, 'Mod-y': commands.redo!, 'Mod-Shift-z': commands.redo!,
      'Mod-b': commands.bold!, 'Mod-i': commands.italic!, 'Mod-u': commands.underline!, 'Mod-Shift-x': commands.strike!,
      'Mod-Alt-1': commands.h1!, 'Mod-Alt-2': commands.h2!, 'Mod-Alt-0': commands.paragraph!,
      'Mod-Shift-8': commands.bullet!, 'Mod-Shift-9': commands.ordered!, 'Mod-k': commands.link!,
      Enter: splitListItem(item), Tab: sinkListItem(item), 'Shift-Tab': liftListItem(item),
    }),
    keymap(baseKeymap),
    ...(readOnly ? [] : [authorship(author)]),
  ];
  const view = new EditorView(mount, {
    state: EditorState.create({ schema, plugins }),
    editable: () => !readOnly,
    attributes: { class: 'pad-text', role: 'textbox', 'aria-multiline': 'true', 'aria-label': mount.getAttribute('aria-label') ?? '', ...(readOnly ? { 'aria-readonly': 'true' } : {}) },
    dispatchTransaction(this: EditorView, tr: Transaction) {
      this.updateState(this.state.apply(tr));
    },
  });
  return view;
}

/** The WAI-ARIA toolbar pattern: one tab stop for the whole toolbar (the last button used), the arrow
 *  keys, Home and End move between its buttons. */
function rovingFocus(toolbar: HTMLElement): void {
  const buttons = [...toolbar.querySelectorAll<HTMLButtonElement>('button')];
  if (buttons.length === 0) return;
  const current = (b: HTMLButtonElement) => buttons.forEach((x) => { x.tabIndex = x === b ? 0 : -1; });
  current(buttons[0]!);
  toolbar.addEventListener('focusin', (e) => {
    const b = (e.target as HTMLElement).closest('button');
    if (b && buttons.includes(b)) current(b);
  });
  toolbar.addEventListener('keydown', (e) => {
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const next = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const b = buttons[(next + buttons.length) % buttons.length]!;
    current(b);
    b.focus();
  });
}

/** Wires the toolbar's buttons to the commands (keeping the focus in the text). */
export function bindToolbar(toolbar: HTMLElement, view: EditorView): void {
  rovingFocus(toolbar);
  toolbar.addEventListener('mousedown', (e) => {
    if ((e.target as HTMLElement).closest('button')) e.preventDefault();
  });
  toolbar.addEventListener('click', (e) => {
    const button = (e.target as HTMLElement).closest('button');
    const command = button ? commands[button.dataset.cmd ?? ''] : undefined;
    if (!command) return;
    command(view.state, view.dispatch, view);
    view.focus();
  });
}
