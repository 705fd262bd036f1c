import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { FetchError, SafeFetcher } from '../../src/federation/crawler/fetcher.js';

const limits = { timeoutMs: 1000, maxBytes: 1000, maxRedirects: 2, userAgent: 'test' };

describe('the crawler’s fetcher', () => {
  let server: Server;
  let port = 0;
  let lastHeaders: Record<string, string | string[] | undefined> = {};
  before(async () => {
    server = createServer((req, res) => {
      lastHeaders = req.headers;
      if (req.url === '/to-metadata') return res.writeHead(302, { location: 'http://169.254.169.254/latest' }).end();
      if (req.url === '/to-localhost') return res.writeHead(302, { location: `http://localhost:${port}/ok` }).end();
      if (req.url?.startsWith('/hop')) return res.writeHead(302, { location: `/hop${Number(req.url.slice(4) || 0) + 1}` }).end();
      if (req.url === '/etag') {
        if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304, { etag: '"v1"' }).end();
        return res.writeHead(200, { etag: '"v1"', 'last-modified': 'Sat, 01 Nov 2026 10:00:00 GMT' }).end('a = b\n');
      }
      // 1 MB of zeros compressed to about 1 KB: a decompression bomb against a 1000-byte cap.
      if (req.url === '/bomb') return res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(1_000_000)));
      if (req.url === '/gzip') return res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('file.class = Service\n'));
      if (req.url === '/weird') return res.writeHead(200, { 'content-encoding': 'zstd-or-whatever' }).end('x');
      res.writeHead(200).end('file.class = Organization\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  const code = async (p: Promise<unknown>): Promise<string> => {
    try {
      await p;
      return 'ok';
    } catch (err) {
      assert.ok(err instanceof FetchError, String(err));
      return err.code;
    }
  };

  it('refuses a loopback address given literally or through DNS, unless allowed', async () => {
    const strict = new SafeFetcher({ allowPrivate: false, allowed: [] }, limits);
    assert.equal(await code(strict.fetch(`http://127.0.0.1:${port}/ok`)), 'private-address');
    assert.equal(await code(strict.fetch(`http://localhost:${port}/ok`)), 'private-address');
    assert.equal(await code(strict.fetch(`http://[::1]:${port}/ok`)), 'private-address');
    await strict.close();
    const allowed = new SafeFetcher({ allowPrivate: false, allowed: ['127.0.0.1'] }, limits);
    assert.equal(await code(allowed.fetch(`http://127.0.0.1:${port}/ok`)), 'ok');
    await allowed.close();
  });

  it('checks every redirect hop again, and caps their number', async () => {
    const f = new SafeFetcher({ allowPrivate: false, allowed: ['127.0.0.1'] }, limits);
    assert.equal(await code(f.fetch(`http://127.0.0.1:${port}/to-metadata`)), 'private-address');
    const viaName = await f.fetch(`http://127.0.0.1:${port}/to-localhost`);
    assert.equal(viaName.status, 'ok', 'localhost resolves to the one allowed address');
    assert.equal(await code(f.fetch(`http://127.0.0.1:${port}/hop0`)), 'too-many-redirects');
    assert.equal(await code(f.fetch('file:///etc/passwd')), 'bad-url');
    assert.equal(await code(f.fetch(`http://user:pw@127.0.0.1:${port}/ok`)), 'bad-url');
    await f.close();
  });

  it('makes conditional requests with the ETag and Last-Modified it was given', async () => {
    const f = new SafeFetcher({ allowPrivate: false, allowed: ['127.0.0.1'] }, limits);
    const first = await f.fetch(`http://127.0.0.1:${port}/etag`);
    assert.equal(first.status, 'ok');
    assert.ok(first.status === 'ok' && first.etag === '"v1"');
    const again = await f.fetch(`http://127.0.0.1:${port}/etag`, { etag: '"v1"', lastModified: 'Sat, 01 Nov 2026 10:00:00 GMT' });
    assert.equal(again.status, 'not-modified');
    assert.equal(lastHeaders['if-modified-since'], 'Sat, 01 Nov 2026 10:00:00 GMT');
    assert.equal(lastHeaders['user-agent'], 'test');
    await f.close();
  });

  it('bounds the decompressed size of a compressed answer, and reads an honest one', async () => {
    const f = new SafeFetcher({ allowPrivate: false, allowed: ['127.0.0.1'] }, limits);
    assert.equal(await code(f.fetch(`http://127.0.0.1:${port}/bomb`)), 'too-large');
    const honest = await f.fetch(`http://127.0.0.1:${port}/gzip`);
    assert.ok(honest.status === 'ok');
    assert.equal(new TextDecoder().decode(honest.bytes), 'file.class = Service\n');
    assert.equal(await code(f.fetch(`http://127.0.0.1:${port}/weird`)), 'http-status');
    await f.close();
  });
});
