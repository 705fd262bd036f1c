// A request whose connection has no address any more (reset before it is handled; here, deterministically,
// a connection over a Unix socket, which has none) is answered like any other: no 500, no stack in the log,
// and the paste API's own error handler does not assume the request's translator exists.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';

interface Answer { status: number; body: string }

function get(socketPath: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ socketPath, path, headers: { host: 'chaton.test', ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

for (const backend of backends()) {
  describe(`requests without a client address (${backend})`, () => {
    let server: TestServer;
    let relay: Server;
    let dir: string;
    let socketPath: string;
    before(async () => {
      server = await startTestServer({ backend });
      dir = await mkdtemp(join(tmpdir(), 'chaton-sock-'));
      socketPath = join(dir, 'http.sock');
      // Hands each Unix-socket connection to the chaton's HTTP server: its socket has no remoteAddress.
      relay = createServer((socket) => server.app.server.emit('connection', socket));
      await new Promise<void>((resolve) => relay.listen(socketPath, resolve));
    });
    after(async () => {
      await new Promise((resolve) => relay.close(resolve));
      await server.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('serves pages', async () => {
      const home = await get(socketPath, '/');
      assert.equal(home.status, 200);
      assert.match(home.body, /<html/);
    });

    it('answers a translated error, not a 500, on the paste API and on the portal', async () => {
      const missing = await get(socketPath, '/paste/?0123456789abcdef', { accept: 'application/json', 'x-requested-with': 'JSONHttpRequest' });
      assert.equal(missing.status, 404, missing.body);
      assert.equal((JSON.parse(missing.body) as { status: number }).status, 1);
      const notFound = await get(socketPath, '/no/such/page', { 'accept-language': 'en' });
      assert.equal(notFound.status, 404);
      assert.match(notFound.body, /does not exist/);
    });
  });
}
