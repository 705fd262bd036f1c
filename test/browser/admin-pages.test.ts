// The admin pages of the first hour in Chromium: the dashboard's first-steps checklist, the audit log in
// sentences, the charter form in two languages and the services page after "check now" have no serious
// or critical accessibility violation (axe-core), in French and English; the checklist reads at 390 px.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { loggedInClient } from '../helpers/login.js';
import { axeViolations, browserSkip, describeViolations, launchBrowser } from './browser.js';

describe('admin pages of the first hour, in Chromium', { skip: browserSkip() }, () => {
  let server: TestServer;
  let browser: Browser;
  let session: { name: string; value: string }[];

  before(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ config: { chaton: { name: 'Chaton de Quimper' } } });
    const { client } = await loggedInClient(server, 'admin');
    // Something in the log, and a charter without English (the English page then shows the note).
    await client.submit('/admin/services', { opening: 'closed' }, '/admin/services/pad');
    await client.submit('/admin/charters?kind=member', { kind: 'member', body: '## Règles\n\nSoyez courtois.', summary: 'Première version.', action: 'publish' }, '/admin/charters');
    session = [...client.cookies].map(([name, value]) => ({ name, value }));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const paths = ['/admin', '/admin/audit', '/admin/charters?kind=member', `/admin/services?checked=${Date.now() - 1000}`, '/charters/member', '/charters/member/diff'];
  for (const path of paths) {
    it(`has no serious or critical accessibility violation on ${path.replace(/=\d+$/, '=…')}`, async () => {
      for (const lang of ['fr', 'en'] as const) {
        const cookies = [...session.filter((c) => c.name !== 'chaton_lang'), { name: 'chaton_lang', value: lang }];
        const violations = await axeViolations(browser, server.url + path, { locale: lang === 'fr' ? 'fr-FR' : 'en-GB', cookies });
        assert.deepEqual(violations, [], `${path} (${lang}):\n${describeViolations(violations)}`);
      }
    });
  }

  it('shows the checklist at 390 px without sideways scrolling, each state in words', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 800 }, locale: 'fr-FR' });
    try {
      await context.addCookies(session.map((c) => ({ ...c, url: server.url })));
      const page = await context.newPage();
      await page.goto(server.url + '/admin');
      const steps = page.locator('#first-steps-title + p + ul.checklist > li');
      assert.equal(await steps.count(), 5);
      assert.match((await page.locator('#step-charters').textContent()) ?? '', /À faire/);
      const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      assert.equal(overflow, 0);
    } finally {
      await context.close();
    }
  });
});
