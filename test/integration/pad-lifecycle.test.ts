// The pad's history and lifecycle over HTTP: timeline and old states, saved versions, restoring an old
// version as a new edit others receive live, export and import (text, Markdown, HTML, full history into
// another chaton), the creator's admin link (history for readers, clear, delete) and idle deletion.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient, textOf } from '../helpers/client.js';
import { pad } from '../../src/modules/pad/index.js';
import { purgeIdlePads } from '../../src/modules/pad/jobs.js';
import { docFromState } from '../../src/modules/pad/export.js';
import { CLOSE } from '../../src/modules/pad/protocol.js';
import { closed, connect, createPad, textOfDoc, type, waitFor } from '../pad/helpers.js';
import type { PadClient } from '../../src/modules/pad/client.js';

interface Chunk { moments: { id: number; at: number; author: string }[]; next: number | null; authors: { author: string; name: string }[] }

for (const backend of backends()) {
  describe(`pad history and lifecycle (${backend})`, () => {
    let server: TestServer;
    let other: TestServer;
    const clients: PadClient[] = [];
    before(async () => {
      server = await startTestServer({ backend, modules: [pad], config: { pad: { idle_days: 10 } } });
      other = await startTestServer({ backend, modules: [pad], config: { pad: { creations_per_hour: 4 } } });
    });
    after(async () => {
      for (const c of clients) c.destroy();
      await server.close();
      await other.close();
    });

    it('scrubs the history, saves a version, restores an old state live, and exports it all', async () => {
      const created = await createPad(server.url);
      const { name } = created;
      const a = connect(server.url, `/pad/${name}`, { author: { author: 'alice-0001', name: 'Alice', color: '#ffadad' } });
      const b = connect(server.url, `/pad/${name}`);
      clients.push(a, b);
      await waitFor(() => a.synced && b.synced, 'synced');
      for (const word of ['Un ', 'deux ', 'trois']) {
        type(a.doc, word);
        await waitFor(() => a.pending === 0, 'saved');
      }
      const http = new TestClient(server.url);
      const chunk = (await http.get(`/pad/${name}/history?after=0`)).json<Chunk>();
      assert.equal(chunk.moments.length, 3);
      assert.ok(chunk.moments.every((m) => m.author === 'alice-0001'));
      assert.ok(chunk.authors.some((x) => x.name === 'Alice'));
      const old = await http.request('GET', `/pad/${name}/history/${chunk.moments[0]!.id}`);
      assert.equal(old.status, 200);
      const state = new Uint8Array(Buffer.from(await (await fetch(`${server.url}/pad/${name}/history/${chunk.moments[0]!.id}`)).arrayBuffer()));
      assert.equal(textOfDoc(docFromState(state)), 'Un ');
      assert.equal((await http.get(`/pad/${name}/timeslider`)).status, 200);

      // A saved version is listed in the timeslider.
      const saved = await http.submit(`/pad/${name}`, { label: 'Version du matin' }, `/pad/${name}/versions`);
      assert.equal(saved.status, 303);
      assert.match(textOf((await http.get(`/pad/${name}/timeslider`)).text), /Version du matin/);

      // Restore the first moment: others receive it without reloading.
      const restored = await http.submit(`/pad/${name}/timeslider`, { moment: String(chunk.moments[0]!.id) }, `/pad/${name}/restore`);
      assert.equal(restored.status, 303);
      await waitFor(() => textOfDoc(b.doc) === 'Un ' && textOfDoc(a.doc) === 'Un ', 'everyone sees the restored text');
      const after = (await http.get(`/pad/${name}/history?after=0`)).json<Chunk>();
      assert.equal(after.moments.length, 4, 'the restore is a new moment; the history is intact');

      // Export, and the full history re-imported into another chaton.
      assert.equal((await http.get(`/pad/${name}/export/txt`)).text, 'Un \n');
      assert.match((await http.get(`/pad/${name}/export/html`)).headers.get('content-type') ?? '', /text\/html/);
      const file = await http.get(`/pad/${name}/export/chatonpad`);
      assert.match(file.headers.get('content-disposition') ?? '', /\.chatonpad/);
      const there = new TestClient(other.url);
      const imported = await there.submit('/pad/', { content: file.text }, '/pad/import');
      assert.equal(imported.status, 303, imported.text.slice(0, 200));
      const newName = /^\/pad\/([^/#]+)#admin=/.exec(imported.location ?? '')?.[1];
      assert.ok(newName);
      assert.equal((await there.get(`/pad/${newName}/export/txt`)).text, 'Un \n');
      assert.equal((await there.get(`/pad/${newName}/history?after=0`)).json<Chunk>().moments.length, 4, 'the whole history came along');
      const refused = await there.submit('/pad/', { content: '{"format":"other"}' }, '/pad/import');
      assert.equal(refused.status, 422);
    });

    it('limits pad creations per address', async () => {
      const client = new TestClient(other.url);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await client.submit('/pad/', {})).status);
      assert.equal(statuses.at(-1), 429);
      assert.ok(statuses.includes(303));
    });

    it('imports text, Markdown and HTML as a new edit', async () => {
      const { name } = await createPad(server.url);
      const watcher = connect(server.url, `/pad/${name}`);
      clients.push(watcher);
      await waitFor(() => watcher.synced, 'synced');
      const http = new TestClient(server.url);
      const res = await http.submit(`/pad/${name}`, { format: 'md', content: '# Titre\n\n- **un**\n- deux\n' }, `/pad/${name}/import`);
      assert.equal(res.status, 303);
      await waitFor(() => textOfDoc(watcher.doc).includes('Titre'), 'the watcher receives the import');
      assert.equal((await http.get(`/pad/${name}/export/md`)).text, '# Titre\n\n- **un**\n- deux\n');
      await http.submit(`/pad/${name}`, { format: 'html', content: '<p>Bonjour <em>vous</em></p>' }, `/pad/${name}/import`);
      assert.equal((await http.get(`/pad/${name}/export/md`)).text, 'Bonjour *vous*\n');
      await http.submit(`/pad/${name}`, { format: 'txt', content: 'ligne 1\nligne 2' }, `/pad/${name}/import`);
      assert.equal((await http.get(`/pad/${name}/export/txt`)).text, 'ligne 1\nligne 2\n');
      const empty = await http.submit(`/pad/${name}`, { format: 'txt', content: '   ' }, `/pad/${name}/import`);
      assert.equal(empty.status, 400);
    });

    it('lists the export formats separated by « · », with no stray one at the end', async () => {
      const { name, adminPath, readOnlyPath } = await createPad(server.url);
      const http = new TestClient(server.url);
      const exportLine = async (path: string) => {
        const html = (await http.get(path)).text;
        const p = /<p>[^<]*Exporter[\s\S]*?<\/p>/.exec(html)?.[0] ?? '';
        return textOf(p).replace(/\s+/g, ' ').trim();
      };
      for (const path of [readOnlyPath, `/pad/${name}`]) {
        const line = await exportLine(path);
        assert.match(line, /Texte/, `${path}: ${line}`);
        assert.doesNotMatch(line, /·\s*$/, `${path}: ${line}`);
        assert.doesNotMatch(line, /:\s*·/, `${path}: ${line}`);
      }
      await http.submit(adminPath, { public: '1' }, `${adminPath}/history`);
      const withHistory = await exportLine(readOnlyPath);
      assert.doesNotMatch(withHistory, /·\s*$/, withHistory);
      // Text, Markdown, HTML, .docx, .odt and the full history.
      assert.equal(withHistory.split('·').length, 6, withHistory);
    });

    it('gives the creator a secret admin link: history for readers, clear, delete', async () => {
      const created = await createPad(server.url);
      const { name, adminPath, readOnlyPath } = created;
      const writer = connect(server.url, `/pad/${name}`);
      clients.push(writer);
      await waitFor(() => writer.synced, 'synced');
      type(writer.doc, 'abc');
      await waitFor(() => writer.pending === 0, 'saved');
      type(writer.doc, 'def');
      await waitFor(() => writer.pending === 0, 'saved');
      const http = new TestClient(server.url);
      assert.equal((await http.get(`/pad/${name}/admin/wrong-token-123456789`)).status, 404);
      assert.equal((await http.get(`${readOnlyPath}/history?after=0`)).status, 403);
      await http.submit(adminPath, { public: '1' }, `${adminPath}/history`);
      assert.equal((await http.get(`${readOnlyPath}/history?after=0`)).status, 200);
      assert.equal((await http.get(`${readOnlyPath}/timeslider`)).status, 200);
      await http.submit(adminPath, {}, `${adminPath}/history`);
      assert.equal((await http.get(`${readOnlyPath}/history?after=0`)).status, 403);

      await http.submit(adminPath, {}, `${adminPath}/clear`);
      const chunk = (await http.get(`/pad/${name}/history?after=0`)).json<Chunk>();
      assert.equal(chunk.moments.length, 1, 'one moment left');
      assert.equal((await http.get(`/pad/${name}/export/txt`)).text, 'abcdef\n');

      const unconfirmed = await http.submit(adminPath, {}, `${adminPath}/delete`);
      assert.equal(unconfirmed.status, 422);
      const gone = closed(writer);
      const deleted = await http.submit(adminPath, { confirm: '1' }, `${adminPath}/delete`);
      assert.equal(deleted.status, 200);
      assert.equal(await gone, CLOSE.deleted);
      assert.equal((await http.get(`/pad/${name}`)).status, 404);
      assert.equal((await http.get(`/pad/${name}/export/txt`)).status, 404);
    });

    it('shows when an idle pad will be deleted, and deletes it then', async () => {
      const { name } = await createPad(server.url);
      const page = await new TestClient(server.url).get(`/pad/${name}`);
      assert.match(textOf(page.text), /Sans modification, ce pad sera supprimé le/);
      await server.core.db.withTables<{ pad_pads: { name: string; last_edit_at: number } }>().updateTable('pad_pads').set({ last_edit_at: Date.now() - 11 * 86_400_000 }).where('name', '=', name).execute();
      await purgeIdlePads.run(server.core);
      assert.equal((await new TestClient(server.url).get(`/pad/${name}`)).status, 404);
    });
  });
}
