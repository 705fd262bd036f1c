// Twenty protocol clients make random edits on one pad while their connections drop and come back
// (editing on while offline): they all converge to the same text, every edit is acknowledged, and a
// newcomer loading the pad from the database sees exactly that text.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { pad } from '../../src/modules/pad/index.js';
import { connect, createPad, deleteSome, type, textOfDoc, waitFor } from '../pad/helpers.js';
import type { PadClient } from '../../src/modules/pad/client.js';

/** A small seeded random generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
}

for (const backend of backends()) {
  describe(`pad convergence (${backend})`, () => {
    let server: TestServer;
    const clients: PadClient[] = [];
    before(async () => {
      server = await startTestServer({ backend, modules: [pad] });
    });
    after(async () => {
      for (const c of clients) c.destroy();
      await server.close();
    });

    it('20 clients with random edits, drops and reconnections converge and lose nothing', async () => {
      const random = rng(42);
      const { name } = await createPad(server.url);
      const first = connect(server.url, `/pad/${name}`);
      clients.push(first);
      await waitFor(() => first.synced, 'first synced');
      type(first.doc, 'début ');
      await waitFor(() => first.pending === 0, 'seed saved');
      for (let i = 1; i < 20; i++) clients.push(connect(server.url, `/pad/${name}`));
      await waitFor(() => clients.every((c) => c.synced && textOfDoc(c.doc).startsWith('début')), 'everyone synced');

      let typed = 0;
      for (let round = 0; round < 30; round++) {
        for (const c of clients) {
          const r = random();
          if (r < 0.05) c.drop();
          else if (r < 0.75) {
            const text = textOfDoc(c.doc);
            type(c.doc, String.fromCharCode(97 + Math.floor(random() * 26)), Math.floor(random() * (text.length + 1)));
            typed++;
          } else if (r < 0.9) deleteSome(c.doc, Math.floor(random() * 20), 1);
        }
        await new Promise((r) => setTimeout(r, 60));
      }
      assert.ok(typed > 300);
      await waitFor(() => clients.every((c) => c.status === 'online' && c.synced && c.pending === 0), 'everyone online and acknowledged', 30_000);
      const texts = () => new Set(clients.map((c) => textOfDoc(c.doc)));
      await waitFor(() => texts().size === 1, 'one text for all', 15_000);
      const [final] = [...texts()];
      assert.ok(final && final.length > 100, `a long text (${final?.length})`);

      // Everyone leaves; the room closes; a newcomer reads the same text from the database.
      for (const c of clients.splice(0)) c.destroy();
      await new Promise((r) => setTimeout(r, 200));
      const late = connect(server.url, `/pad/${name}`);
      clients.push(late);
      await waitFor(() => late.synced, 'newcomer synced');
      assert.equal(textOfDoc(late.doc), final);
    });
  });
}
