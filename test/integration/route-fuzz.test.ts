// The route fuzz test: every registered route (as the app recorded them at build) gets malformed path
// parameters, query strings, bodies and headers, from an anonymous visitor and from a logged-in admin
// (past the guards and with a valid CSRF token, so handlers are reached); no answer may be a 5xx.
// Runs on SQLite and, when CHATON_TEST_PG_URL is set, on PostgreSQL (which refuses NUL bytes and
// non-integers where SQLite would let them through).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient, csrfToken } from '../helpers/client.js';
import { loggedInClient, makeMember } from '../helpers/login.js';
import type { RouteEntry } from '../../src/server/route-list.js';

/** Path parameters and query values, as written in a URL (already percent-encoded where needed). */
const BAD_VALUES = ['%00', '1.5', 'NaN', '1e400', '-1', '9999999999999999999', '%E2%80%A8', '%C0%AF', `${'x'.repeat(190)}%00`];
const QUERY_KEYS = ['after', 'before', 'page', 'file', 'next', 'q', 'kind', 'from', 'to', 'flash', 'done', 'saved', 'published', 'created', 'url', 'pasteid', 'deletetoken', 'country', 'type', 'status', 'software', 'lat', 'lon', 'place', 'conditions'];
const FORM_FIELDS = ['username', 'password', 'password2', 'display_name', 'next', 'name', 'description', 'role', 'group', 'groups', 'admitted', 'days', 'note', 'current', 'confirm', 'charter', 'charter_version', 'version', 'base', 'kind', 'body_md', 'body_en', 'summary', 'summary_en', 'accept', 'reason', 'content', 'format', 'label', 'moment', 'on', 'public', 'cancel', 'url', 'text', 'pasteid', 'deletetoken', 'opening'];
const FORM_VALUES = ['\u0000admin', '1.5', '1e400', '9999999999999999999', 'x'.repeat(5000), ''];

interface Probe { method: string; path: string; body?: string | Uint8Array; headers?: Record<string, string> }

/** Real values for the path parameters, so that probes reach handlers past "not found". */
type Fill = (url: string, param: string) => string;

function path(url: string, fill: Fill, bad?: { param: string; value: string }): string {
  return url
    .replace(/:([A-Za-z0-9_]+)/g, (_m, param: string) => (bad?.param === param ? bad.value : fill(url, param)))
    .replace(/\*$/, bad?.param === '*' ? bad.value : 'x');
}

function probes(route: RouteEntry, fill: Fill): Probe[] {
  const { method } = route;
  const params = [...route.url.matchAll(/:([A-Za-z0-9_]+)|\*$/g)].map((m) => m[1] ?? '*');
  const base = path(route.url, fill);
  const out: Probe[] = [];
  for (const param of params) for (const value of BAD_VALUES) out.push({ method, path: path(route.url, fill, { param, value }) });
  for (const v of BAD_VALUES) out.push({ method, path: `${base}?${QUERY_KEYS.map((k) => `${k}=${v}`).join('&')}` });
  out.push({ method, path: `${base}?${QUERY_KEYS.map((k) => `${k}=1&${k}=2`).join('&')}` });
  out.push({ method, path: `${base}?%00=1&0123456789abcdef&pasteid=0123456789abcdef&deletetoken=%00` });
  // Headers: languages, cookies and content negotiation that no browser sends.
  out.push({ method, path: base, headers: { 'accept-language': `${'x'.repeat(3000)};q=abc, fr;q=NaN, *;q=1e400`, cookie: 'chaton_lang=%00; chaton_notice=%E2%80%A8; chaton_session=garbage.garbage' } });
  out.push({ method, path: base, headers: { accept: 'application/json', 'x-requested-with': 'JSONHttpRequest' } });
  if (method !== 'GET' && method !== 'HEAD') {
    for (const v of FORM_VALUES) {
      const form = new URLSearchParams();
      for (const f of FORM_FIELDS) form.append(f, v);
      out.push({ method, path: base, body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    }
    const repeated = new URLSearchParams();
    for (const f of FORM_FIELDS) for (const v of ['a', 'b']) repeated.append(f, v);
    out.push({ method, path: base, body: repeated.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    for (const json of ['{"v":', '[]', 'null', '1e400', '"\\u0000"', JSON.stringify(Object.fromEntries(FORM_FIELDS.map((f) => [f, { nested: ['\u0000'] }]))), JSON.stringify({ v: 2, adata: [null, 1.5, '\u0000'], ct: 12, meta: { expire: '\u0000' }, pasteid: '\u0000', deletetoken: 1 })]) {
      out.push({ method, path: base, body: json, headers: { 'content-type': 'application/json' } });
    }
    out.push({ method, path: base, body: 'a=1', headers: { 'content-type': 'text/x-unknown' } });
    out.push({ method, path: base, body: new Uint8Array(70_000), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    out.push({ method, path: base, body: new Uint8Array([0, 1, 2, 255]), headers: { 'content-type': 'application/octet-stream' } });
  }
  return out;
}

/** Routes behind a login or the admin guard. */
function guarded(route: RouteEntry): boolean {
  return /^\/(admin|account|charters\/accept|logout|drop\/admin|login|signup)/.test(route.url);
}

async function send(client: TestClient, csrf: string, probe: Probe): Promise<number> {
  const headers = { 'x-csrf-token': csrf, ...probe.headers };
  let body = probe.body;
  if (typeof body === 'string' && probe.headers?.['content-type'] === 'application/x-www-form-urlencoded' && csrf) body = `_csrf=${encodeURIComponent(csrf)}&${body}`;
  const res = await client.request(probe.method, probe.path, { headers, ...(body !== undefined ? { body } : {}) });
  return res.status;
}

/** Sends raw bytes (a request no HTTP client would send) and returns the status of the answer, 0 for none. */
function raw(base: string, bytes: string): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    socket.setTimeout(5000, () => socket.destroy());
    socket.on('data', (d: Buffer) => {
      answer += d.toString('latin1');
      if (answer.includes('\r\n')) socket.destroy();
    });
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.on('error', () => undefined);
    socket.write(bytes, 'latin1');
    socket.end();
  });
}

/** Content-Length that lies (too short, too long, not a number, twice) and bodies that break their type. */
const RAW_REQUESTS = (path: string) => [
  `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 3\r\nConnection: close\r\n\r\n{"v":2,"ct":"x"}`,
  `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\nConnection: close\r\n\r\nusername=a`,
  `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: abc\r\nConnection: close\r\n\r\n{}`,
  `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\nConnection: close\r\n\r\n{}`,
  `GET ${path}?next=\x00 HTTP/1.1\r\nHost: x\r\nAccept-Language: fr\x01\r\nConnection: close\r\n\r\n`,
];

for (const backend of backends()) {
  describe(`route fuzz: no 5xx on malformed input (${backend})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({
        backend,
        config: {
          accounts: { open_signup: true },
          directory: { enabled: true },
          limits: { auth_attempts: 1_000_000, body_bytes: 65536 },
          paste: { rate_limit_max: 1_000_000 },
          pad: { creations_per_hour: 1_000_000 },
          drop: { uploads_per_hour: 1_000_000 },
        },
      });
    });
    after(() => server.close());

    it('walks every registered route', async () => {
      const routes = server.app.routeList.filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS');
      assert.ok(routes.length > 50, `routes recorded: ${routes.length}`);
      // Deleting (the share, the pad, a member) and logging out end what the other probes use: those go last.
      const last = (r: RouteEntry) => (/\/logout$|\/account\/delete$/.test(r.url) ? 2 : r.method === 'DELETE' || /\/delete$/.test(r.url) ? 1 : 0);
      routes.sort((a, b) => last(a) - last(b));
      const { client: admin } = await loggedInClient(server, 'admin');
      const adminCsrf = csrfToken((await admin.get('/account')).text) ?? '';
      assert.ok(adminCsrf, 'the admin has a CSRF token');
      // Things to reach: a pad (and its admin token), a Drop share (and its owner token), a member, a group.
      const pad = await admin.post('/pad/', { _csrf: adminCsrf, name: 'fuzzpad' });
      const padToken = /#admin=([A-Za-z0-9_-]+)$/.exec(pad.location ?? '')?.[1] ?? '';
      assert.ok(padToken, `a pad was created (${pad.status})`);
      const share = await admin.request('POST', '/drop/api/shares', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ files: [100], expiresIn: 3600, downloads: 5, salt: 'A'.repeat(22), iterations: 0, manifest: 'B'.repeat(32) }) });
      const { id: shareId, ownerToken } = share.json<{ id: string; ownerToken: string }>();
      assert.ok(shareId, `a share was created (${share.status})`);
      const victim = await makeMember(server.core.db, 'fuzzvictim');
      await server.core.db.insertInto('groups').values({ id: 'fuzzgroup', name: 'fuzzgroup', description: '', created_at: Date.now() }).execute();
      const fill: Fill = (url, param) => {
        switch (param) {
          case 'name': return 'fuzzpad';
          case 'token': return url.startsWith('/pad/') ? padToken : 'abc';
          case 'id':
            if (url.startsWith('/drop/')) return shareId;
            if (url.includes('/members/')) return victim.id;
            if (url.includes('/groups/')) return 'fuzzgroup';
            if (url.includes('/services/')) return 'pad';
            return 'abc';
          case 'f': case 'n': return url.startsWith('/charters/') ? '1' : '0';
          case 'kind': return 'member';
          case 'moment': return '1';
          case 'format': return 'txt';
          case 'lang': return 'en';
          default: return 'abc';
        }
      };
      const anonymous = new TestClient(server.url, { authorization: `Bearer ${ownerToken}` });
      const anonCsrf = csrfToken((await anonymous.get('/login')).text) ?? '';
      const failures: string[] = [];
      for (const route of routes) {
        // The admin goes where the anonymous visitor is turned away (the admin area, one's account, charters).
        const clients = guarded(route) ? ([['anonymous', anonymous, anonCsrf], ['admin', admin, adminCsrf]] as const) : ([['anonymous', anonymous, anonCsrf]] as const);
        const all = probes(route, fill).flatMap((probe) => clients.map(([who, client, csrf]) => ({ probe, who, client, csrf })));
        // A few at a time: one route's probes in parallel, the routes one after the other (deletions last).
        for (let i = 0; i < all.length; i += 4) {
          await Promise.all(all.slice(i, i + 4).map(async ({ probe, who, client, csrf }) => {
            const status = await send(client, csrf, probe).catch(() => 599);
            if (status >= 500) failures.push(`${status} ${who} ${probe.method} ${probe.path.slice(0, 120)} ${probe.headers?.['content-type'] ?? ''} ${typeof probe.body === 'string' ? probe.body.slice(0, 80) : ''}`);
          }));
        }
      }
      // A few routes of each kind get requests whose framing lies.
      for (const path of ['/login', '/signup', '/paste/', '/drop/api/shares', '/pad/', '/directory/validate']) {
        for (const bytes of RAW_REQUESTS(path)) {
          const status = await raw(server.url, bytes);
          if (status >= 500) failures.push(`${status} raw ${JSON.stringify(bytes.slice(0, 100))}`);
        }
      }
      assert.deepEqual(failures, []);
    });
  });
}
