// PrivateBin's API v2 against our server: create, read (both query forms, JSON mode by either header),
// comments, deletion, expiry, burn after reading, rate limit, and clear errors for bad input.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient, textOf } from '../helpers/client.js';
import { paste } from '../../src/modules/paste/index.js';
import { purgeExpired } from '../../src/modules/paste/jobs.js';
import { pasteDb } from '../../src/modules/paste/store.js';
import { bytesToBase64, decrypt, encryptComment, encryptPaste, newKey, type PasteMessage, type PastePayload } from '../../web/paste/crypto.js';

const JSON_HEADERS = { 'x-requested-with': 'JSONHttpRequest', 'content-type': 'application/json' };

interface Answer { status: number; message?: string; id?: string; url?: string; deletetoken?: string; adata?: unknown; ct?: string; v?: number; meta?: Record<string, number>; comments?: { id: string; parentid: string; pasteid: string; adata: [string, string, number, number, number, string, string, string]; ct: string; meta: { created: number } }[]; comment_count?: number }

async function send(client: TestClient, body: unknown, headers: Record<string, string> = {}, method = 'POST'): Promise<{ status: number; body: Answer }> {
  const res = await client.request(method, '/paste/', { body: typeof body === 'string' ? body : JSON.stringify(body), headers: { ...JSON_HEADERS, ...headers } });
  return { status: res.status, body: res.json<Answer>() };
}

async function readJson(client: TestClient, query: string, headers: Record<string, string> = { 'x-requested-with': 'JSONHttpRequest' }): Promise<{ status: number; body: Answer }> {
  const res = await client.get(`/paste/?${query}`, headers);
  return { status: res.status, body: res.json<Answer>() };
}

function options(o: Partial<{ expire: string; burn: boolean; discussion: boolean }> = {}) {
  return { format: 'plaintext' as const, expire: o.expire ?? '1week', burn: o.burn ?? false, discussion: o.discussion ?? false };
}

for (const backend of backends()) {
  describe(`paste API v2 (${backend})`, () => {
    let server: TestServer;
    let client: TestClient;
    before(async () => {
      server = await startTestServer({ backend, modules: [paste], config: { paste: { max_bytes: 200_000, rate_limit_max: 1000 } } });
      client = new TestClient(server.url);
    });
    after(() => server.close());

    it('creates a paste and reads it back by ?<id> and ?pasteid=<id>, adata exactly as sent', async () => {
      const key = newKey();
      const payload = await encryptPaste(key, '', { paste: 'Bonjour Quimper ✓' }, options());
      const created = await send(client, payload);
      assert.equal(created.status, 200);
      assert.equal(created.body.status, 0);
      assert.match(created.body.id ?? '', /^[a-f0-9]{16}$/);
      assert.equal(created.body.url, `/paste/?${created.body.id}`);
      assert.match(created.body.deletetoken ?? '', /^[a-f0-9]{64}$/);

      const byBare = await readJson(client, created.body.id!);
      assert.equal(byBare.status, 200);
      assert.equal(byBare.body.status, 0);
      assert.deepEqual(byBare.body.adata, payload.adata);
      assert.equal(JSON.stringify(byBare.body.adata), JSON.stringify(payload.adata));
      assert.equal(byBare.body.ct, payload.ct);
      assert.equal(byBare.body.v, 2);
      assert.ok(Math.abs((byBare.body.meta?.time_to_live ?? 0) - 604800) <= 2);
      assert.deepEqual(byBare.body.comments, []);
      assert.equal(byBare.body.comment_count, 0);
      const message = await decrypt<PasteMessage>(key, '', byBare.body.ct!, byBare.body.adata as PastePayload['adata']);
      assert.equal(message.paste, 'Bonjour Quimper ✓');

      const byParam = await readJson(client, `pasteid=${created.body.id}`, { accept: 'application/json' });
      assert.equal(byParam.body.status, 0);
      assert.equal(byParam.body.ct, payload.ct);
    });

    it('answers API clients of a closed paste service in PrivateBin’s error shape', async () => {
      await server.core.openings.set('paste', { opening: 'closed', groups: [] });
      try {
        const payload = await encryptPaste(newKey(), '', { paste: 'fermé' }, options());
        const refused = await send(client, payload);
        assert.equal(refused.status, 403);
        assert.equal(refused.body.status, 1);
        assert.match(String(refused.body.message), /fermé/);
      } finally {
        await server.core.openings.set('paste', { opening: 'public', groups: [] });
      }
    });

    it('serves the page, not the data, to a browser or a link preview', async () => {
      const payload = await encryptPaste(newKey(), '', { paste: 'x' }, options({ burn: true }));
      const { body } = await send(client, payload);
      const page = await client.get(`/paste/?${body.id}`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /text\/html/);
      assert.match(page.text, /data-mode="read"/);
      assert.doesNotMatch(page.text, new RegExp(payload.ct.slice(0, 40).replace(/[+/]/g, '.')));
      // The page did not burn it.
      assert.equal((await readJson(client, body.id!)).body.status, 0);
    });

    it('burns after reading: the first reader gets it, the next gets "not found", in French or English', async () => {
      const { body } = await send(client, await encryptPaste(newKey(), '', { paste: 'secret' }, options({ burn: true })));
      assert.equal((await readJson(client, body.id!)).body.status, 0);
      const again = await readJson(client, body.id!);
      assert.equal(again.status, 404);
      assert.equal(again.body.status, 1);
      assert.match(again.body.message ?? '', /n’existe pas/);
      const en = await readJson(client, body.id!, { 'x-requested-with': 'JSONHttpRequest', 'accept-language': 'en' });
      assert.match(en.body.message ?? '', /does not exist/);
    });

    it('keeps a threaded, encrypted discussion', async () => {
      const key = newKey();
      const { body } = await send(client, await encryptPaste(key, '', { paste: 'On se voit quand ?' }, options({ discussion: true })));
      const id = body.id!;
      const first = await send(client, await encryptComment(key, '', { comment: 'Mardi ?', nickname: 'Anne' }, id, id));
      assert.equal(first.body.status, 0);
      assert.match(first.body.id ?? '', /^[a-f0-9]{16}$/);
      assert.equal(first.body.url, `/paste/?${id}`);
      const reply = await send(client, await encryptComment(key, '', { comment: 'Mardi, oui.' }, id, first.body.id!));
      assert.equal(reply.body.status, 0);
      const read = await readJson(client, id);
      assert.equal(read.body.comment_count, 2);
      const comments = read.body.comments!;
      const answer = comments.find((c) => c.id === reply.body.id)!;
      assert.equal(answer.parentid, first.body.id);
      assert.equal(answer.pasteid, id);
      assert.equal(typeof answer.meta.created, 'number');
      const plain = await decrypt<{ comment: string; nickname?: string }>(key, '', comments[0]!.ct, comments[0]!.adata);
      assert.deepEqual(plain, { comment: 'Mardi ?', nickname: 'Anne' });

      const orphan = await send(client, await encryptComment(key, '', { comment: 'x' }, id, 'abcdefabcdefabcd'));
      assert.equal(orphan.status, 404);
      const closed = await send(client, await encryptPaste(key, '', { paste: 'fermé' }, options()));
      const refused = await send(client, await encryptComment(key, '', { comment: 'x' }, closed.body.id!, closed.body.id!));
      assert.equal(refused.status, 403);
      assert.equal(refused.body.status, 1);
      const missing = await send(client, await encryptComment(key, '', { comment: 'x' }, '0000000000000000', '0000000000000000'));
      assert.equal(missing.status, 404);
    });

    it('deletes with the delete token only (JSON body, DELETE, or GET in JSON mode)', async () => {
      const payload = await encryptPaste(newKey(), '', { paste: 'à effacer' }, options());
      const a = (await send(client, payload)).body;
      const wrong = await send(client, { pasteid: a.id, deletetoken: '0'.repeat(64) });
      assert.equal(wrong.status, 403);
      assert.equal(wrong.body.status, 1);
      assert.equal((await readJson(client, a.id!)).body.status, 0);
      const right = await send(client, { pasteid: a.id, deletetoken: a.deletetoken }, {}, 'DELETE');
      assert.deepEqual(right.body, { status: 0, id: a.id, url: `/paste/?${a.id}` });
      assert.equal((await readJson(client, a.id!)).status, 404);

      const b = (await send(client, payload)).body;
      const viaGet = await readJson(client, `pasteid=${b.id}&deletetoken=${b.deletetoken}`);
      assert.equal(viaGet.body.status, 0);
      assert.equal((await readJson(client, b.id!)).status, 404);
    });

    it('asks before deleting from a delete link opened in a browser', async () => {
      const b = (await send(client, await encryptPaste(newKey(), '', { paste: 'y' }, options()))).body;
      const link = `/paste/?pasteid=${b.id}&deletetoken=${b.deletetoken}`;
      const page = await client.get(link);
      assert.equal(page.status, 200);
      assert.match(textOf(page.text), /Voulez-vous vraiment supprimer ce texte/);
      assert.equal((await readJson(client, b.id!)).body.status, 0, 'opening the link alone deletes nothing');
      const done = await client.submit(link, { pasteid: b.id!, deletetoken: b.deletetoken! }, '/paste/delete');
      assert.equal(done.status, 200);
      assert.match(textOf(done.text), /Le texte a bien été supprimé/);
      assert.equal((await readJson(client, b.id!)).status, 404);
    });

    it('never serves an expired paste, and the job purges it', async () => {
      const { body } = await send(client, await encryptPaste(newKey(), '', { paste: 'bientôt fini' }, options({ expire: '5min' })));
      const ttl = (await readJson(client, body.id!)).body.meta?.time_to_live ?? 0;
      assert.ok(ttl > 290 && ttl <= 300, `ttl ${ttl}`);
      const other = (await send(client, await encryptPaste(newKey(), '', { paste: 'plus tard' }, options({ expire: '5min' })))).body;
      const db = pasteDb(server.core);
      await db.updateTable('paste_pastes').set({ expires_at: Date.now() - 1000 }).where('id', 'in', [body.id!, other.id!]).execute();
      assert.equal((await readJson(client, body.id!)).status, 404);
      await purgeExpired.run(server.core);
      const left = await db.selectFrom('paste_pastes').select('id').where('id', 'in', [body.id!, other.id!]).execute();
      assert.deepEqual(left, []);
    });

    it('falls back to the default expiry for an expiry that is not offered', async () => {
      const { body } = await send(client, await encryptPaste(newKey(), '', { paste: 'z' }, options({ expire: '3weeks' })));
      const ttl = (await readJson(client, body.id!)).body.meta?.time_to_live ?? 0;
      assert.ok(Math.abs(ttl - 604800) <= 2);
      const never = (await send(client, await encryptPaste(newKey(), '', { paste: 'z' }, options({ expire: 'never' })))).body;
      assert.deepEqual((await readJson(client, never.id!)).body.meta, {});
    });

    it('accepts JSON sent as a form type, as PrivateBin’s own page does', async () => {
      const payload = await encryptPaste(newKey(), '', { paste: 'jQuery' }, options());
      const res = await send(client, payload, { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' });
      assert.equal(res.body.status, 0);
    });

    describe('bad input gets {status:1, message} and the right status', () => {
      const cases: [string, () => Promise<unknown>, number, RegExp][] = [
        ['malformed JSON', async () => '{"v":2,', 400, /JSON valable/],
        ['a JSON scalar', async () => '42', 400, /Données invalides/],
        ['an extra key', async () => ({ ...(await encryptPaste(newKey(), '', { paste: 'a' }, options())), extra: 1 }), 400, /Données invalides/],
        ['adata not an array', async () => ({ ...(await encryptPaste(newKey(), '', { paste: 'a' }, options())), adata: 'x' }), 400, /adata/],
        ['a short cipher spec', async () => { const p = await encryptPaste(newKey(), '', { paste: 'a' }, options()); return { ...p, adata: [p.adata[0].slice(0, 5), 'plaintext', 0, 0] }; }, 400, /adata/],
        ['too few iterations', async () => { const p = await encryptPaste(newKey(), '', { paste: 'a' }, options()); const spec = [...p.adata[0]]; spec[2] = 1000; return { ...p, adata: [spec, 'plaintext', 0, 0] }; }, 400, /adata/],
        ['an unknown format', async () => { const p = await encryptPaste(newKey(), '', { paste: 'a' }, options()); return { ...p, adata: [p.adata[0], 'html', 0, 0] }; }, 400, /présentation/],
        ['burn and discussion together', async () => encryptPaste(newKey(), '', { paste: 'a' }, { ...options(), burn: true, discussion: true }), 400, /lecture unique/],
        ['invalid base64', async () => ({ ...(await encryptPaste(newKey(), '', { paste: 'a' }, options())), ct: 'pas du base64 !' }), 400, /base64/],
        ['version 1', async () => ({ ...(await encryptPaste(newKey(), '', { paste: 'a' }, options())), v: 1 }), 400, /version 2/],
        ['meta with more than expire', async () => ({ ...(await encryptPaste(newKey(), '', { paste: 'a' }, options())), meta: { expire: '1day', created: 1 } }), 400, /métadonnées/],
        ['an unencrypted upload', async () => ({ ...(await encryptPaste(newKey(), '', { paste: 'a' }, options())), ct: Buffer.from('hello '.repeat(200)).toString('base64') }), 400, /ne semblent pas chiffrées/],
        ['too large', async () => ({ ...(await encryptPaste(newKey(), '', { paste: 'a' }, options())), ct: bytesToBase64(crypto.getRandomValues(new Uint8Array(60_000))).repeat(4) }), 413, /limité à 200\sko/],
        ['a body over the route limit', async () => 'x'.repeat(300_000), 413, /limité/],
        // What the schema says: the exact types of every field, no NUL, no extra nesting.
        ['a version as text', async () => ({ ...(await encryptPaste(newKey(), '', { paste: 'a' }, options())), v: '2' }), 400, /version 2/],
        ['a ciphertext as a number', async () => ({ ...(await encryptPaste(newKey(), '', { paste: 'a' }, options())), ct: 12 }), 400, /Données invalides : ce n’est pas/],
        ['a ciphertext with a NUL', async () => ({ ...(await encryptPaste(newKey(), '', { paste: 'a' }, options())), ct: 'QUJD\u0000' }), 400, /Données invalides : ce n’est pas/],
        ['a cipher spec with extra nested items', async () => { const p = await encryptPaste(newKey(), '', { paste: 'a' }, options()); return { ...p, adata: [[...p.adata[0], { a: [[1]] }], 'plaintext', 0, 0] }; }, 400, /adata/],
        ['a cipher spec nested once more', async () => { const p = await encryptPaste(newKey(), '', { paste: 'a' }, options()); return { ...p, adata: [[p.adata[0]], 'plaintext', 0, 0] }; }, 400, /adata/],
        ['a nested cipher spec item', async () => { const p = await encryptPaste(newKey(), '', { paste: 'a' }, options()); const spec: unknown[] = [...p.adata[0]]; spec[2] = [100000]; return { ...p, adata: [spec, 'plaintext', 0, 0] }; }, 400, /adata/],
        ['an expiry that is not text', async () => ({ ...(await encryptPaste(newKey(), '', { paste: 'a' }, options())), meta: { expire: { never: 1 } } }), 400, /métadonnées/],
        ['a flag as text', async () => { const p = await encryptPaste(newKey(), '', { paste: 'a' }, options()); return { ...p, adata: [p.adata[0], 'plaintext', '1', 0] }; }, 400, /adata/],
        ['a comment on a nested paste id', async () => ({ ...(await encryptComment(newKey(), '', { comment: 'b' }, '0123456789abcdef', '0123456789abcdef')), parentid: ['0123456789abcdef'] }), 400, /Données invalides : ce n’est pas/],
        ['a comment on a paste id with a NUL', async () => encryptComment(newKey(), '', { comment: 'b' }, '0123456789abcde\u0000', '0123456789abcdef'), 400, /Données invalides : ce n’est pas/],
        ['a deletion token with a NUL', async () => ({ pasteid: '0123456789abcdef', deletetoken: 'a\u0000b' }), 400, /Données invalides : ce n’est pas/],
        ['a deletion of a bad id', async () => ({ pasteid: '../../etc/passwd', deletetoken: 'x' }), 400, /Identifiant de texte invalide/],
      ];
      for (const [name, body, status, message] of cases) {
        it(name, async () => {
          const res = await send(client, await body());
          assert.equal(res.status, status);
          assert.equal(res.body.status, 1);
          assert.match(res.body.message ?? '', message);
        });
      }
      it('a bad id on read', async () => {
        const res = await readJson(client, 'pasteid=../../etc');
        assert.equal(res.status, 400);
        assert.equal(res.body.status, 1);
        const bare = await readJson(client, 'not-an-id');
        assert.equal(bare.status, 400);
        assert.equal(bare.body.status, 1);
      });
      it('in English for an English client', async () => {
        const res = await send(client, '{', { 'accept-language': 'en' });
        assert.match(res.body.message ?? '', /not valid JSON/);
        const p = await encryptPaste(newKey(), '', { paste: 'a' }, options());
        const nested = await send(client, { ...p, adata: [[...p.adata[0], [[[1]]]], 'plaintext', 0, 0] }, { 'accept-language': 'en' });
        assert.equal(nested.status, 400);
        assert.deepEqual(nested.body, { status: 1, message: 'Invalid data: the encryption parameters (adata) are malformed.' });
        const nul = await send(client, { ...p, ct: 'QUJD\u0000' }, { 'accept-language': 'en' }, 'PUT');
        assert.equal(nul.status, 400);
        assert.deepEqual(nul.body, { status: 1, message: 'Invalid data: this is not an encrypted paste in the expected format.' });
      });
      it('a malformed address in JSON mode is a bad id, not bad JSON', async () => {
        const res = await readJson(client, 'pasteid=%00');
        assert.equal(res.status, 400);
        assert.deepEqual(res.body, { status: 1, message: 'Identifiant de texte invalide.' });
      });
    });

    it('shows the size limit and the offered expiries before sending', async () => {
      const page = await client.get('/paste/');
      assert.equal(page.status, 200);
      assert.match(textOf(page.text), /Taille maximale : 200 ko/);
      assert.match(page.text, /<option value="1week" selected/);
      assert.match(page.text, /src="\/assets\/web\/paste.js"/);
    });
  });

  describe(`paste configuration (${backend})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({
        backend,
        modules: [paste],
        config: { paste: { expire_options: ['1hour', '1day'], expire_default: '1hour', rate_limit_max: 2, rate_limit_window_seconds: 60, discussion: false } },
      });
    });
    after(() => server.close());

    it('offers only the configured expiries, and uses the configured default', async () => {
      const client = new TestClient(server.url);
      const page = await client.get('/paste/');
      assert.doesNotMatch(page.text, /value="1week"/);
      assert.match(page.text, /<option value="1hour" selected/);
      assert.doesNotMatch(page.text, /name="discussion"/);
      const { body } = await send(client, await encryptPaste(newKey(), '', { paste: 'a' }, options({ expire: 'never' })));
      const ttl = (await readJson(client, body.id!)).body.meta?.time_to_live ?? 0;
      assert.ok(Math.abs(ttl - 3600) <= 2, `ttl ${ttl}`);
    });

    it('refuses a discussion when discussions are turned off', async () => {
      const res = await send(new TestClient(server.url), await encryptPaste(newKey(), '', { paste: 'a' }, options({ discussion: true })));
      assert.equal(res.status, 403);
      assert.equal(res.body.status, 1);
    });

    it('limits creations per address', async () => {
      const client = new TestClient(server.url);
      // Two creations were already made from this address by the tests above.
      const res = await send(client, await encryptPaste(newKey(), '', { paste: 'encore' }, options()));
      assert.equal(res.status, 429);
      assert.equal(res.body.status, 1);
      assert.match(res.body.message ?? '', /Trop de tentatives/);
    });
  });
}
