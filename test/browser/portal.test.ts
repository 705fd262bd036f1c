// The portal in a real browser: French by default, the language switch used with the keyboard and
// remembered, a closed service's refusal page, no request to any other origin, and no serious or
// critical accessibility violation (axe-core) on the pages that exist.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { echoModule } from '../fixtures/echo-module.js';
import { axeViolations, describeViolations, browserSkip, launchBrowser, WatchedPages, type WatchedPage } from './browser.js';

describe('the portal in Chromium', { skip: browserSkip() }, () => {
  let server: TestServer;
  let browser: Browser;
  const pages = new WatchedPages(() => browser);
  const open = (locale?: string): Promise<WatchedPage> => pages.open(locale);

  before(async () => {
    // First the browser: when Chromium is missing, fail at once with a clear message.
    browser = await launchBrowser();
    server = await startTestServer({
      modules: [echoModule],
      config: {
        chaton: { name: 'Chaton de Quimper', place: 'Quimper', description_fr: 'Services libres pour le pays de Quimper', description_en: 'Free services around Quimper' },
        services: { external: [{ id: 'cloud', kind: 'nextcloud', name: 'Nextcloud', description_fr: 'Vos fichiers', description_en: 'Your files', url: 'https://cloud.example.org', opening: 'members' }] },
      },
    });
    const now = Date.now();
    await server.core.db
      .insertInto('charters')
      .values([
        { kind: 'anonymous', version: 1, body_md: '# Utilisation sans compte\n\nRespectez les autres.', summary: 'première version', published_at: now, published_by: 'test' },
        { kind: 'member', version: 1, body_md: '# Charte des membres\n\nNous ne revendons rien.', summary: 'première version', published_at: now, published_by: 'test' },
      ])
      .execute();
  });

  after(async () => {
    await pages.closeAll();
    await browser?.close();
    await server?.close();
  });

  /** Every request of the page went to our own server; nothing was refused by the CSP. */
  const assertSelfContained = (w: WatchedPage): void => {
    const foreign = w.requests.filter((url) => !url.startsWith(server.url + '/'));
    assert.deepEqual(foreign, [], 'no request leaves for another origin');
    assert.deepEqual(w.errors.filter((e) => /Content Security Policy|Refused to/i.test(e)), [], 'nothing refused by the CSP');
  };

  it('shows the home page in French, with its services', async () => {
    const w = await open();
    const res = await w.page.goto(server.url + '/');
    assert.equal(res?.status(), 200);
    assert.equal(await w.page.getAttribute('html', 'lang'), 'fr');
    assert.equal(await w.page.textContent('h1'), 'Chaton de Quimper');
    assert.equal(await w.page.textContent('#services-title'), 'Nos services');
    assert.ok(await w.page.isVisible('text=Nextcloud'));
    assert.ok(await w.page.isVisible('text=Écho'));
    assertSelfContained(w);
  });

  it('switches to English with the keyboard alone, and remembers it on other pages', async () => {
    const w = await open();
    await w.page.goto(server.url + '/');
    let focused = '';
    for (let i = 0; i < 30 && !/\blang\b/.test(focused); i++) {
      await w.page.keyboard.press('Tab');
      focused = (await w.page.locator(':focus').getAttribute('class')) ?? '';
    }
    assert.match(focused, /\blang\b/, 'the language link can be reached with Tab');
    await w.page.keyboard.press('Enter');
    await w.page.waitForSelector('html[lang="en"]');
    assert.equal(await w.page.textContent('#services-title'), 'Our services');
    await w.page.goto(server.url + '/echo/');
    assert.equal(await w.page.getAttribute('html', 'lang'), 'en');
    assert.equal(await w.page.textContent('h1'), 'Echo');
    await w.page.goto(server.url + '/');
    assert.equal(await w.page.textContent('#services-title'), 'Our services');
    assertSelfContained(w);
  });

  it('shows a translated refusal page for a closed service', async () => {
    await server.core.openings.set('echo', { opening: 'closed', groups: [] });
    try {
      const w = await open();
      const res = await w.page.goto(server.url + '/echo/');
      assert.equal(res?.status(), 403);
      assert.equal(await w.page.textContent('h1'), 'Écho est fermé');
      assert.ok(await w.page.isVisible('a[href="/"]'));
      assertSelfContained(w);
    } finally {
      await server.core.openings.set('echo', { opening: 'public', groups: [] });
    }
  });

  for (const path of ['/', '/echo/', '/charters', '/charters/anonymous', '/charters/member', '/login']) {
    it(`has no serious or critical accessibility violation on ${path}`, async (t) => {
      const status = (await fetch(server.url + path)).status;
      if (status === 404) {
        t.skip(`${path} does not exist yet`);
        return;
      }
      assert.ok(status < 500, `${path} answered ${status}`);
      for (const locale of ['fr-FR', 'en-GB']) {
        const violations = await axeViolations(browser, server.url + path, { locale });
        assert.deepEqual(violations, [], `${path} (${locale}):\n${describeViolations(violations)}`);
      }
    });
  }

  it('has no serious or critical accessibility violation on a refusal page', async () => {
    await server.core.openings.set('echo', { opening: 'members', groups: [] });
    try {
      const violations = await axeViolations(browser, server.url + '/echo/');
      assert.deepEqual(violations, [], describeViolations(violations));
    } finally {
      await server.core.openings.set('echo', { opening: 'public', groups: [] });
    }
  });
});
