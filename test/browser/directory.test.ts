// The directory in Chromium: the map with offline outlines and clustered markers and no third-party
// request, the filters without JavaScript, "near me" with the browser's position, the finder, and the
// validator's file picker.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { startFixtureFederation, testDirectoryConfig, type FixtureFederation } from '../fixtures/directory-federation.js';
import { crawlFederation } from '../../src/federation/crawler/crawl.js';
import { checkDirectoryHealth } from '../../src/federation/crawler/health.js';
import { axeViolations, describeViolations, browserSkip, launchBrowser, watchedPage } from './browser.js';

describe('the directory in Chromium', { skip: browserSkip() }, () => {
  let browser: Browser;
  let server: TestServer;
  let fed: FixtureFederation;

  before(async () => {
    browser = await launchBrowser();
    fed = await startFixtureFederation();
    server = await startTestServer({ config: { directory: testDirectoryConfig } });
    await crawlFederation(server.core.db, server.config, fed.url);
    await checkDirectoryHealth(server.core.db, server.config);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await fed?.close();
  });

  it('draws the map over our own country outlines, with clustered markers, and asks no third party', async () => {
    const w = await watchedPage(browser);
    try {
      await w.page.goto(`${server.url}/directory/map`);
      await w.page.waitForSelector('#dir-map[data-ready="3"]');
      assert.ok((await w.page.locator('.leaflet-overlay-pane path').count()) > 100, 'country outlines drawn');
      const markers = (await w.page.locator('.dir-pin').count()) + (await w.page.locator('.marker-cluster').count());
      assert.ok(markers >= 1 && markers <= 3);
      // Zoomed out, the chatons gather into one cluster that says how many it holds.
      for (let i = 0; i < 4; i++) {
        await w.page.locator('.leaflet-control-zoom-out').click();
        await w.page.waitForTimeout(400);
      }
      await w.page.waitForSelector('.marker-cluster');
      assert.match((await w.page.locator('.marker-cluster').first().textContent()) ?? '', /^[23]$/);
      assert.deepEqual(w.requests.filter((u) => !u.startsWith(server.url + '/')), []);
      assert.deepEqual(w.errors, []);
    } finally {
      await w.context.close();
    }
  });

  it('opens a chaton from a marker popup', async () => {
    const w = await watchedPage(browser);
    try {
      await w.page.goto(`${server.url}/directory/map`);
      await w.page.waitForSelector('#dir-map[data-ready="3"]');
      // Zoom in far enough that every marker stands alone, then click Quimper's.
      // At the first view the three chatons are far apart; if a cluster holds Quimper, open it.
      if ((await w.page.locator('.dir-pin[title="Libre Quimper"]').count()) === 0) await w.page.locator('.marker-cluster').first().click();
      await w.page.locator('.dir-pin[title="Libre Quimper"]').click();
      await w.page.getByRole('link', { name: 'Voir sa fiche' }).click();
      await w.page.waitForURL(/\/directory\/c\/libre-quimper$/);
      assert.match((await w.page.locator('h1').textContent()) ?? '', /Libre Quimper/);
    } finally {
      await w.context.close();
    }
  });

  it('filters the list without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/directory`);
      await page.selectOption('#f-kind', 'pad');
      await page.check('#f-c-none');
      await page.getByRole('button', { name: 'Afficher' }).click();
      await page.waitForURL(/kind=pad/);
      const names = await page.locator('.dir-results h3').allTextContents();
      assert.deepEqual(names, ['Chaton des Alpes', 'Libre Quimper']);
      assert.equal(await page.locator('button.near-me').isVisible(), false, 'no "near me" button without JavaScript');
    } finally {
      await context.close();
    }
  });

  it('sorts by distance from the browser’s position with "near me"', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', geolocation: { latitude: 50.6, longitude: 3.06 }, permissions: ['geolocation'] });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/directory`);
      await page.getByRole('button', { name: 'Près de moi' }).click();
      await page.waitForURL(/lat=50\.6/);
      const names = await page.locator('.dir-results h3').allTextContents();
      assert.deepEqual(names.slice(0, 3), ['Chaton Belge', 'Libre Quimper', 'Chaton des Alpes']);
    } finally {
      await context.close();
    }
  });

  it('sends the visitor of /find to a working no-signup pad', async () => {
    const w = await watchedPage(browser);
    try {
      await w.page.goto(`${server.url}/find`);
      await w.page.getByRole('link', { name: 'Bloc-notes collaboratif (pad)' }).click();
      await w.page.waitForURL(/\/sites\/(alpes|quimper)-pad\/$/);
    } finally {
      await w.context.close();
    }
  });

  it('checks a file chosen on the computer with the validator', async () => {
    const w = await watchedPage(browser);
    try {
      await w.page.goto(`${server.url}/directory/validate`);
      await w.page.setInputFiles('#v-file', { name: 'organization.properties', mimeType: 'text/plain', buffer: Buffer.from('file.class = Organization\norganization.country.code = France\n') });
      await w.page.waitForFunction('document.getElementById("v-text").value.includes("France")');
      await w.page.getByRole('button', { name: 'Vérifier' }).click();
      await w.page.waitForSelector('.validation');
      assert.match((await w.page.locator('.issues').textContent()) ?? '', /code pays invalide : « France »/);
      assert.deepEqual(w.errors, []);
    } finally {
      await w.context.close();
    }
  });

  it('shows each filter select whole at 1,280 px: as wide as its longest choice, inside the filters', async () => {
    for (const locale of ['fr-FR', 'en-GB']) {
      const w = await watchedPage(browser, { locale });
      try {
        await w.page.setViewportSize({ width: 1280, height: 800 });
        await w.page.goto(`${server.url}/directory`);
        const boxes = await w.page.evaluate(() => {
          const form = document.querySelector('form.filters')!.getBoundingClientRect();
          return [...document.querySelectorAll<HTMLSelectElement>('form.filters select')].map((select) => {
            // The same select sized by its own choices alone: the width it needs to show the longest one.
            const natural = select.cloneNode(true) as HTMLSelectElement;
            natural.style.width = 'auto';
            natural.style.position = 'absolute';
            document.body.append(natural);
            const needed = natural.getBoundingClientRect().width;
            natural.remove();
            const box = select.getBoundingClientRect();
            return { id: select.id, width: box.width, needed, left: box.left, right: box.right, formLeft: form.left, formRight: form.right };
          });
        });
        assert.ok(boxes.some((b) => b.id === 'f-kind'));
        for (const b of boxes) {
          assert.ok(b.width + 0.5 >= b.needed, `${locale} #${b.id}: ${b.width}px shown, ${b.needed}px needed`);
          assert.ok(b.left >= b.formLeft && b.right <= b.formRight + 0.5, `${locale} #${b.id} stays inside the filters`);
        }
      } finally {
        await w.context.close();
      }
    }
  });

  it('has no serious accessibility problem on the list, the map, a chaton and the validator', async () => {
    for (const path of ['/directory', '/directory/map', '/directory/c/chaton-des-alpes', '/directory/validate', '/find']) {
      const violations = await axeViolations(browser, `${server.url}${path}`);
      assert.deepEqual(violations, [], `${path}:\n${describeViolations(violations)}`);
    }
  });
});
