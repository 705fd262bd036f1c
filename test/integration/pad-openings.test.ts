// An admin's change of the pads' opening applies at once to the sockets already open: visitors who no
// longer qualify are cut with a close code saying why, and nothing they send afterwards is acknowledged
// or saved; on one process, and across two processes through Redis.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { pino } from 'pino';
import { backends, createPgDatabase, startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient } from '../helpers/client.js';
import { logIn, makeMember, loggedInClient } from '../helpers/login.js';
import { startInstance, stopInstance, type Instance } from '../helpers/process.js';
import { pad } from '../../src/modules/pad/index.js';
import { PadClient, type SocketLike } from '../../src/modules/pad/client.js';
import { FRAGMENT } from '../../src/modules/pad/document.js';
import { MSG, encodeUpdate, openMessage } from '../../src/modules/pad/protocol.js';
import { ACCESS_CLOSE } from '../../src/portal/policy/close-codes.js';
import { parseConfig } from '../../src/config/load.js';
import { createCore, type Core } from '../../src/core.js';
import { connect, createPad, textOfDoc, type, waitFor, wsUrl } from '../pad/helpers.js';

function cookieOf(client: TestClient): string {
  return [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** A pad client that opens its socket with the session cookie of `client` (a logged-in member). */
function connectAs(client: TestClient, base: string, name: string): PadClient {
  const cookie = cookieOf(client);
  return new PadClient({
    url: wsUrl(base, `/pad/${name}`),
    open: (url) => new WebSocket(url, { headers: { cookie } }) as unknown as SocketLike,
    author: { author: `member-${randomBytes(4).toString('hex')}`, name: 'Membre', color: '#caffbf' },
  });
}

/** Sets the pads' opening through the admin form, as an admin would. */
async function setOpening(admin: TestClient, opening: string, groups: string[] = []): Promise<void> {
  const res = await admin.submit('/admin/services', { opening, groups }, '/admin/services/pad');
  assert.equal(res.status, 303, `the admin form answered ${res.status}`);
}

/** An edit (a new paragraph holding `text`) as a Yjs update from a fresh document. */
function paragraphUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(FRAGMENT).insert(0, [p]);
  return Y.encodeStateAsUpdate(doc);
}

for (const backend of backends()) {
  describe(`pad sockets follow the opening (${backend})`, () => {
    let server: TestServer;
    const clients: PadClient[] = [];
    before(async () => {
      server = await startTestServer({ backend, modules: [pad] });
    });
    after(async () => {
      for (const c of clients) c.destroy();
      await server.close();
    });

    it('closes an anonymous socket at once when the pads are closed, and saves nothing it sends afterwards', async () => {
      const { client: admin } = await loggedInClient(server, 'admin');
      await setOpening(admin, 'public');
      const { name } = await createPad(server.url);
      const visitor = connect(server.url, `/pad/${name}`);
      clients.push(visitor);
      // A raw socket too, that keeps sending after the change without waiting for anything.
      const raw = new WebSocket(wsUrl(server.url, `/pad/${name}`));
      const acks: number[] = [];
      raw.on('message', (data: Buffer) => {
        const { type: t, decoder } = openMessage(new Uint8Array(data));
        if (t === MSG.ack) acks.push(decoding.readVarUint(decoder));
      });
      const rawClosed = new Promise<number>((resolve) => raw.on('close', (code) => resolve(code)));
      await new Promise((resolve) => raw.once('open', resolve));
      raw.send(encodeUpdate(1, paragraphUpdate('avant')));
      await waitFor(() => visitor.synced && acks.includes(1), 'the visitor and the raw socket are in and saved');
      type(visitor.doc, 'ouvert ');
      await waitFor(() => visitor.pending === 0, 'the visitor’s edit is saved');

      await setOpening(admin, 'closed');
      raw.send(encodeUpdate(2, paragraphUpdate('après')));
      await waitFor(() => visitor.status === 'closed', 'the visitor’s socket is closed');
      assert.equal(visitor.closeCode, ACCESS_CLOSE.closed);
      assert.equal(await rawClosed, ACCESS_CLOSE.closed);
      assert.deepEqual(acks, [1], 'nothing sent after the change is acknowledged');

      // The admin (still allowed on a closed service) sees what was saved before, and nothing after.
      const text = (await admin.get(`/pad/${name}/export/txt`)).text;
      assert.match(text, /ouvert/);
      assert.match(text, /avant/);
      assert.doesNotMatch(text, /après/);
      // A new anonymous socket is refused at the door.
      const again = new WebSocket(wsUrl(server.url, `/pad/${name}`)).on('error', () => undefined);
      const refused = await new Promise<number>((resolve) => again.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)).on('open', () => resolve(101)));
      assert.equal(refused, 403);
      again.terminate();
      await setOpening(admin, 'public');
    });

    it('keeps members of the chosen groups and cuts everyone else, each with their reason, when the pads go to members', async () => {
      const { client: admin } = await loggedInClient(server, 'admin');
      await setOpening(admin, 'public');
      const { name } = await createPad(server.url);
      const insider = new TestClient(server.url);
      await logIn(insider, await makeMember(server.core.db, `in${randomBytes(3).toString('hex')}`, { groups: ['redaction'] }));
      const outsider = new TestClient(server.url);
      await logIn(outsider, await makeMember(server.core.db, `out${randomBytes(3).toString('hex')}`));
      const pending = new TestClient(server.url);
      await logIn(pending, await makeMember(server.core.db, `wait${randomBytes(3).toString('hex')}`, { admitted: false }));
      const anonymous = connect(server.url, `/pad/${name}`);
      const member = connectAs(insider, server.url, name);
      const other = connectAs(outsider, server.url, name);
      const waiting = connectAs(pending, server.url, name);
      clients.push(anonymous, member, other, waiting);
      await waitFor(() => [anonymous, member, other, waiting].every((c) => c.synced), 'all synced');

      await setOpening(admin, 'members', ['redaction']);
      await waitFor(() => [anonymous, other, waiting].every((c) => c.status === 'closed'), 'the others are cut');
      assert.equal(anonymous.closeCode, ACCESS_CLOSE.login);
      assert.equal(other.closeCode, ACCESS_CLOSE.group);
      assert.equal(waiting.closeCode, ACCESS_CLOSE.admission);
      // The member of the group goes on editing.
      assert.equal(member.status, 'online');
      type(member.doc, 'toujours là');
      await waitFor(() => member.pending === 0, 'the member’s edit is acknowledged');
      assert.match(textOfDoc(member.doc), /toujours là/);

      // Without groups, every admitted member qualifies: the member keeps editing after this change too.
      await setOpening(admin, 'members');
      type(member.doc, ' encore');
      await waitFor(() => member.pending === 0, 'still acknowledged');
      assert.equal(member.status, 'online');
      await setOpening(admin, 'public');
    });

    it('cuts a member’s socket when an admin takes them out of the group or withdraws their admission', async () => {
      const { client: admin } = await loggedInClient(server, 'admin');
      await setOpening(admin, 'public');
      const { name } = await createPad(server.url);
      await setOpening(admin, 'members', ['redaction']);
      try {
        const one = await makeMember(server.core.db, `un${randomBytes(3).toString('hex')}`, { groups: ['redaction'] });
        const two = await makeMember(server.core.db, `deux${randomBytes(3).toString('hex')}`, { groups: ['redaction'] });
        const first = new TestClient(server.url);
        await logIn(first, one);
        const second = new TestClient(server.url);
        await logIn(second, two);
        const a = connectAs(first, server.url, name);
        const b = connectAs(second, server.url, name);
        clients.push(a, b);
        await waitFor(() => a.synced && b.synced, 'both members are in');

        const out = await admin.submit(`/admin/members/${one.id}`, { group: [] }, `/admin/members/${one.id}/groups`);
        assert.equal(out.status, 303);
        await waitFor(() => a.status === 'closed', 'the member taken out of the group is cut');
        assert.equal(a.closeCode, ACCESS_CLOSE.group);
        const withdrawn = await admin.submit(`/admin/members/${two.id}`, { admitted: '0' }, `/admin/members/${two.id}/admit`);
        assert.equal(withdrawn.status, 303);
        await waitFor(() => b.status === 'closed', 'the member no longer admitted is cut');
        assert.equal(b.closeCode, ACCESS_CLOSE.admission);
      } finally {
        await setOpening(admin, 'public');
      }
    });

    it('tells the pad page why a socket was cut, in French and in English', async () => {
      await setOpening((await loggedInClient(server, 'admin')).client, 'public');
      const { name } = await createPad(server.url);
      const strings = async (client: TestClient) => {
        const html = (await client.get(`/pad/${name}`)).text;
        const json = /<script type="application\/json" id="pad-strings">([^<]*)<\/script>/.exec(html)?.[1];
        assert.ok(json, 'the page carries its browser strings');
        return JSON.parse(json) as Record<string, string>;
      };
      const fr = await strings(new TestClient(server.url));
      const en = await strings(new TestClient(server.url, { 'accept-language': 'en' }));
      assert.match(fr[`pad.close.${ACCESS_CLOSE.closed}`] ?? '', /Les pads viennent d’être fermés/);
      assert.match(fr[`pad.close.${ACCESS_CLOSE.login}`] ?? '', /réservés aux membres : connectez-vous/);
      assert.match(en[`pad.close.${ACCESS_CLOSE.group}`] ?? '', /some groups of members only/);
      assert.match(en[`pad.close.${ACCESS_CLOSE.admission}`] ?? '', /admitted members only/);
    });
  });
}

const pgUrl = process.env.CHATON_TEST_PG_URL;
const redisUrl = process.env.CHATON_TEST_REDIS_URL;

describe('pad sockets follow the opening across two processes through Redis', () => {
  const clients: PadClient[] = [];
  const instances: Instance[] = [];
  let core: Core | undefined;
  let cleanup = async () => undefined as void;
  after(async () => {
    for (const c of clients) c.destroy();
    for (const i of instances) await stopInstance(i);
    await core?.close();
    await cleanup();
  });

  it('closes on process B the anonymous sockets when an admin closes the pads on process A', { skip: pgUrl && redisUrl ? false : 'set CHATON_TEST_PG_URL and CHATON_TEST_REDIS_URL to run it' }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'chaton-pad-open-'));
    const database = await createPgDatabase();
    cleanup = async () => {
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    };
    const secret = randomBytes(32).toString('base64url');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CHATON_CONFIG: join(dataDir, 'none.toml'),
      CHATON_PORT: '0',
      CHATON_DATABASE_URL: database.url,
      CHATON_REDIS_URL: redisUrl,
      CHATON_SECRETS_SESSION: secret,
      CHATON_DATA_DIR: dataDir,
      CHATON_LOG_LEVEL: 'warn',
    };
    instances.push(await startInstance(env)); // the first one creates the tables
    instances.push(await startInstance(env));
    const [a, b] = instances as [Instance, Instance];
    core = await createCore(parseConfig({ data_dir: dataDir, secrets: { session: secret }, database: { url: database.url }, redis: { url: redisUrl } }), { runJobs: false, log: pino({ level: 'silent' }) });
    const admin = new TestClient(a.url);
    await logIn(admin, await makeMember(core.db, 'admin', { role: 'admin' }));

    const { name } = await createPad(b.url);
    const onB = connect(b.url, `/pad/${name}`);
    const onA = connect(a.url, `/pad/${name}`);
    clients.push(onA, onB);
    await waitFor(() => onA.synced && onB.synced, 'both synced');
    type(onB.doc, 'ouvert ');
    await waitFor(() => onB.pending === 0, 'saved on B');

    await setOpening(admin, 'closed');
    await waitFor(() => onA.status === 'closed' && onB.status === 'closed', 'both sockets cut');
    assert.equal(onB.closeCode, ACCESS_CLOSE.closed);
    assert.equal(onA.closeCode, ACCESS_CLOSE.closed);
    assert.match((await admin.get(`/pad/${name}/export/txt`)).text, /ouvert/);
  });
});
