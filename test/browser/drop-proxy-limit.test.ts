// Drop behind a proxy whose body limit is below the chunk size (issue 12, item 11): the proxy answers a
// chunk with 413 (an nginx HTML page). The upload stops at once (no retry loop), says why and what to
// change (the proxy's body limit, nginx's client_max_body_size), and the progress shows what the server
// really holds, not a finished upload.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import axe from 'axe-core';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { drop } from '../../src/modules/drop/index.js';
import { browserSkip, describeViolations, launchBrowser, type AxeViolation } from './browser.js';

const CHUNK = 64 * 1024;
const file = randomBytes(3 * CHUNK + 100);
const NGINX_413 = '<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

describe('Drop: a chunk refused by the proxy (413)', { skip: browserSkip() }, () => {
  let server: TestServer;
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ modules: [drop], config: { drop: { chunk_bytes: CHUNK } } });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [locale, stopped, cause] of [
    // One chunk of 65,536 bytes of ciphertext stored out of four.
    ['fr-FR', /^Envoi arrêté : 65,5\sko sur 196,7\sko envoyés\.$/, /serveur mandataire \(proxy\).*morceau de 65,5\sko.*client_max_body_size/],
    ['en-GB', /^Upload stopped: 65\.5\skB of 196\.7\skB sent\.$/, /proxy in front of the chaton refused a piece of 65\.5\skB.*client_max_body_size/],
  ] as const) {
    it(`stops, names the proxy's body limit and does not claim completion (${locale})`, async () => {
      // bypassCSP only to inject axe-core at the end, on the page in its failed state.
      const context = await browser.newContext({ locale, bypassCSP: true });
      try {
        const page = await context.newPage();
        const chunks: string[] = [];
        // The first chunk goes through; every later one meets the proxy's limit.
        await page.route('**/drop/api/shares/*/files/*/chunks/*', async (route) => {
          chunks.push(new URL(route.request().url()).pathname.split('/').slice(-3).join('/'));
          if (chunks.length === 1) return route.continue();
          return route.fulfill({ status: 413, contentType: 'text/html', body: NGINX_413 });
        });
        await page.goto(`${server.url}/drop/`);
        await page.setInputFiles('#drop-files', [{ name: 'rapport.pdf', mimeType: 'application/pdf', buffer: file }]);
        await page.click('#drop-submit');
        await page.waitForSelector('#drop-error:not([hidden])', { timeout: 30_000 });
        assert.match((await page.textContent('#drop-error')) ?? '', cause);
        assert.deepEqual(chunks, ['0/chunks/0', '0/chunks/1'], 'no retry after a 413');
        assert.equal(await page.isVisible('#drop-progress-box'), true);
        assert.match((await page.textContent('#drop-progress-text')) ?? '', stopped);
        const value = Number(await page.getAttribute('#drop-progress', 'value')) || Number(await page.evaluate('document.getElementById("drop-progress").value'));
        assert.ok(value > 0 && value < 50, `progress at ${value}%`);
        assert.equal(await page.isVisible('#drop-result'), false);
        // The form can be used again.
        assert.equal(await page.isEnabled('#drop-submit'), true);
        await page.evaluate(axe.source);
        const violations = (await page.evaluate(
          `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })))`,
        )) as AxeViolation[];
        const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        assert.deepEqual(serious, [], describeViolations(serious));
      } finally {
        await context.close();
      }
    });
  }
});
