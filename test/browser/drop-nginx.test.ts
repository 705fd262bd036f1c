// Drop downloads in Chromium through the README's nginx configuration: every download the browser
// completes is counted once (it confirms after verifying the last record), so a share of N downloads
// gives exactly N, with identical bytes. Skipped when nginx is absent, except in CI.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { nginxSkip, startNginx, type Nginx } from '../helpers/nginx.js';
import { drop } from '../../src/modules/drop/index.js';
import { toB64u } from '../../web/drop/ece.js';
import { bytes, share } from '../integration/drop-support.js';
import { launchBrowser, watchedPage } from './browser.js';

describe('Drop downloads in Chromium through the README’s nginx', { skip: nginxSkip() }, () => {
  let server: TestServer;
  let nginx: Nginx;
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ modules: [drop], config: { trust_proxy: true, drop: { chunk_bytes: 1024 * 1024 } } });
    nginx = await startNginx(server.url);
  });
  after(async () => {
    await browser?.close();
    await nginx?.close();
    await server?.close();
  });

  it('counts each complete browser download once: a share of 3 downloads gives exactly 3', async () => {
    const data = bytes(12 * 1024 * 1024 + 7, 21);
    const { c, s } = await share(nginx.url, [{ name: 'film.mp4', type: 'video/mp4', data }], { downloads: 3 });
    const link = `${nginx.url}/drop/s/${c.id}#${toB64u(s.secret)}`;
    const receiver = await watchedPage(browser);
    for (let i = 0; i < 3; i++) {
      // A fresh visit each time (the same URL again would only move to its fragment).
      await receiver.page.goto('about:blank');
      await receiver.page.goto(link);
      await receiver.page.waitForSelector('#drop-files-box:not([hidden])');
      const [download] = await Promise.all([receiver.page.waitForEvent('download'), receiver.page.click('#drop-file-list button')]);
      const path = await download.path();
      assert.ok(path && Buffer.from(await readFile(path)).equals(Buffer.from(data)), `download ${i + 1}: identical bytes`);
      await receiver.page.locator('#drop-left', { hasText: `restants : ${2 - i}` }).waitFor({ timeout: 60_000 });
    }
    assert.deepEqual(receiver.errors, []);
    // Counted three times, no more and no less: the share is used up and deleted with its blobs.
    for (let i = 0; i < 100 && (await server.core.blobs.list(`drop/${c.id}/`)).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(await server.core.blobs.list(`drop/${c.id}/`), []);
    await receiver.page.goto('about:blank');
    const again = await receiver.page.goto(link);
    assert.equal(again?.status(), 404);
    await receiver.context.close();
  });
});
