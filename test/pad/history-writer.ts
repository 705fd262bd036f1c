// Writes a pad's history straight into its store (as the room would): `count` edits of one character,
// edit i made at `at(i)`, stored by batches of 1,000; a saved version may be labelled after the last one.
import * as Y from 'yjs';
import type { TestServer } from '../helpers/server.js';
import { PadStore, type PendingUpdate } from '../../src/modules/pad/store.js';
import { padDb } from '../../src/modules/pad/tables.js';
import { type } from './helpers.js';

export async function writeHistory(server: TestServer, name: string, count: number, at: (i: number) => number, label = ''): Promise<void> {
  const store = new PadStore(padDb(server.core));
  const doc = new Y.Doc();
  let edit = 0;
  let batch: PendingUpdate[] = [];
  doc.on('update', (data: Uint8Array) => batch.push({ author: '', data, at: at(edit) }));
  let last = 0;
  while (edit < count) {
    batch = [];
    for (let i = 0; i < 1000 && edit < count; i++, edit++) type(doc, 'x');
    const ids = await store.append(name, batch, batch.reduce((s, u) => s + u.data.byteLength, 0));
    last = ids[ids.length - 1] ?? last;
  }
  if (label) await store.checkpoint(name, last, label);
  doc.destroy();
}
