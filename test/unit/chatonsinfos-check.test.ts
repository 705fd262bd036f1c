// SPDX-License-Identifier: AGPL-3.0-or-later
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runChatonsInfosCheck } from '../../src/federation/chatonsinfos/check-command.js';

const fixturePath = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/chatonsinfos/${name}`, import.meta.url));

async function run(target: string, options?: { timeoutMs?: number; maxBytes?: number }): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runChatonsInfosCheck(target, (l) => lines.push(l), options);
  return { code, lines };
}

test('local valid file: exit 0 and a summary line only', async () => {
  const path = fixturePath('organization.properties');
  const { code, lines } = await run(path);
  assert.equal(code, 0);
  assert.deepEqual(lines, [`${path}: Organization, 30 entries, 0 errors, 0 warnings`]);
});

test('local broken file: exit 1, one line per problem in line order', async () => {
  const path = fixturePath('broken.properties');
  const { code, lines } = await run(path);
  assert.equal(code, 1);
  assert.equal(lines.length, 18);
  assert.equal(lines[0], '3: error file.datetime: not a date and time (e.g. 2024-03-31T14:05:00 or 2024-03-31T14:05:00+02:00): "18/03/2024 09:12"');
  assert.equal(lines[1], '4: error organization.website: not an http(s) URL: "www.chaton-exemple.org"');
  assert.equal(lines[10], '13: warning organization.type: duplicate key, already set at line 6; the last value wins');
  assert.equal(lines[16], '-: error file.url: mandatory key is missing');
  assert.equal(lines[17], `${path}: Organization, 15 entries, 14 errors, 3 warnings`);
});

test('warnings only: exit 0', async () => {
  const { code, lines } = await run(fixturePath('legacy.properties'));
  assert.equal(code, 0);
  assert.equal(lines[0], '2: warning file.class: file class "organisation" read as "Organization"; write "Organization"');
  assert.match(lines.at(-1) ?? '', /legacy\.properties: Organization, 19 entries, 0 errors, 5 warnings$/);
});

test('unreadable file: exit 2', async () => {
  const { code, lines } = await run(fixturePath('does-not-exist.properties'));
  assert.equal(code, 2);
  assert.equal(lines.length, 1);
  assert.match(lines[0] ?? '', /does-not-exist\.properties: cannot read: ENOENT/);
  assert.equal((await run(fixturePath(''))).code, 2); // a directory
});

test('local file larger than the cap: exit 2', async () => {
  const { code, lines } = await run(fixturePath('service.properties'), { maxBytes: 100 });
  assert.equal(code, 2);
  assert.match(lines[0] ?? '', /cannot read: file larger than 100 bytes/);
});

describe('over HTTP (local server)', () => {
  let server: Server;
  let base = '';
  // How many bytes the endless route managed to send before the client gave up.
  let endlessSent = 0;
  const organization = readFileSync(fixturePath('organization.properties'));

  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/ok.properties') {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(organization);
      } else if (req.url === '/big-declared.properties') {
        res.writeHead(200, { 'content-length': String(2 * 1024 * 1024) });
        res.write('a = b\n');
        // Never finishes: the client must refuse on the header alone.
      } else if (req.url === '/endless.properties') {
        // Chunked, no length: the client must stop reading at the cap.
        res.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = Buffer.alloc(64 * 1024, 'x');
        const pump = (): void => {
          while (!res.destroyed && endlessSent < 64 * 1024 * 1024) {
            endlessSent += chunk.length;
            if (!res.write(chunk)) {
              res.once('drain', pump);
              return;
            }
          }
          res.end();
        };
        pump();
      } else if (req.url === '/slow.properties') {
        // Answers headers, then never sends the body.
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('file.class = Service\n');
      } else {
        res.writeHead(404);
        res.end('not found');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('URL: fetched, parsed and validated', async () => {
    const { code, lines } = await run(`${base}/ok.properties`);
    assert.equal(code, 0);
    assert.deepEqual(lines, [`${base}/ok.properties: Organization, 30 entries, 0 errors, 0 warnings`]);
  });

  test('URL: HTTP error is exit 2', async () => {
    const { code, lines } = await run(`${base}/missing.properties`);
    assert.equal(code, 2);
    assert.deepEqual(lines, [`${base}/missing.properties: cannot read: HTTP 404 Not Found`]);
  });

  test('URL: declared size over the cap is refused', async () => {
    const { code, lines } = await run(`${base}/big-declared.properties`, { timeoutMs: 5000 });
    assert.equal(code, 2);
    assert.match(lines[0] ?? '', /cannot read: file larger than 1048576 bytes/);
  });

  test('URL: streamed body stops at the cap', async () => {
    const { code, lines } = await run(`${base}/endless.properties`, { timeoutMs: 5000 });
    assert.equal(code, 2);
    assert.match(lines[0] ?? '', /cannot read: file larger than 1048576 bytes/);
    // Socket buffers let the server get a little ahead, but nowhere near the 64 MiB it wanted.
    assert.ok(endlessSent < 16 * 1024 * 1024, `server sent ${endlessSent} bytes`);
  });

  test('URL: timeout is exit 2', async () => {
    const started = Date.now();
    const { code, lines } = await run(`${base}/slow.properties`, { timeoutMs: 300 });
    assert.equal(code, 2);
    assert.match(lines[0] ?? '', /cannot read: no complete answer within 0.3 s/);
    assert.ok(Date.now() - started < 3000);
  });

  test('URL: connection refused is exit 2 with the reason', async () => {
    // A port that was just free: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const { code, lines } = await run(`http://127.0.0.1:${port}/x.properties`, { timeoutMs: 2000 });
    assert.equal(code, 2);
    assert.match(lines[0] ?? '', /cannot read: fetch failed \(.*ECONNREFUSED/);
  });
});
