// "Near a town" in Chromium (issue 11, item 9): towns suggested as one types in a WAI-ARIA combobox,
// chosen with the keyboard, then the nearest chatons; suggestions come from this server only; the open
// list passes axe.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { startFixtureFederation, testDirectoryConfig, type FixtureFederation } from '../fixtures/directory-federation.js';
import { crawlFederation } from '../../src/federation/crawler/crawl.js';
import { checkDirectoryHealth } from '../../src/federation/crawler/health.js';
import { axeViolations, describeViolations, browserSkip, launchBrowser, watchedPage } from './browser.js';

describe('near a town in Chromium', { skip: browserSkip() }, () => {
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

  it('suggests towns as one types, picks one with the keyboard, and lists the nearest chatons', async () => {
    const w = await watchedPage(browser);
    try {
      await w.page.goto(`${server.url}/directory`);
      const field = w.page.getByRole('combobox', { name: 'Près de' });
      await field.pressSequentially('quimp');
      const list = w.page.getByRole('listbox', { name: 'Près de' });
      await list.getByRole('option').first().waitFor();
      assert.equal(await field.getAttribute('aria-expanded'), 'true');
      assert.equal(await list.getByRole('option').first().textContent(), 'Quimper (29), France');
      assert.match((await w.page.getByRole('status').filter({ hasText: 'proposée' }).textContent()) ?? '', /\d+ villes? proposées?/);
      await field.press('ArrowDown');
      const first = list.getByRole('option').first();
      assert.equal(await first.getAttribute('aria-selected'), 'true');
      assert.equal(await field.getAttribute('aria-activedescendant'), await first.getAttribute('id'));
      await field.press('Enter');
      assert.equal(await field.inputValue(), 'Quimper');
      assert.equal(await field.getAttribute('aria-expanded'), 'false');
      assert.match(await w.page.locator('#f-town').inputValue(), /^\d+$/);
      await field.press('Enter');
      await w.page.waitForURL(/town=\d+/);
      const names = await w.page.locator('.dir-results h3').allTextContents();
      assert.deepEqual(names, ['Libre Quimper', 'Chaton Belge', 'Chaton des Alpes']);
      assert.match((await w.page.locator('.results').textContent()) ?? '', /Les plus proches de Quimper \(29\), France d’abord/);
      assert.deepEqual(w.requests.filter((u) => !u.startsWith(server.url + '/')), [], 'no third party asked');
      assert.ok(w.requests.some((u) => u.includes('/api/directory/towns?q=quimp')));
      assert.deepEqual(w.errors, []);
    } finally {
      await w.context.close();
    }
  });

  it('closes the suggestions with Escape, and forgets a picked town once the text changes', async () => {
    const w = await watchedPage(browser);
    try {
      await w.page.goto(`${server.url}/directory`);
      const field = w.page.getByRole('combobox', { name: 'Près de' });
      await field.pressSequentially('grenob');
      await w.page.locator('#f-place-towns [role=option]').first().waitFor();
      await field.press('ArrowDown');
      await field.press('Enter');
      assert.notEqual(await w.page.locator('#f-town').inputValue(), '');
      await field.press('Backspace');
      assert.equal(await w.page.locator('#f-town').inputValue(), '');
      await w.page.locator('#f-place-towns [role=option]').first().waitFor();
      await field.press('Escape');
      assert.equal(await field.getAttribute('aria-expanded'), 'false');
      assert.equal(await w.page.locator('#f-place-towns').isVisible(), false);
    } finally {
      await w.context.close();
    }
  });

  it('has no serious accessibility problem with the suggestions open', async () => {
    const violations = await axeViolations(browser, `${server.url}/directory`, {
      prepare: async (page) => {
        await page.locator('#f-place').pressSequentially('saint-d');
        await page.locator('#f-place-towns [role=option]').first().waitFor();
        await page.locator('#f-place').press('ArrowDown');
      },
    });
    assert.deepEqual(violations, [], describeViolations(violations));
    const find = await axeViolations(browser, `${server.url}/find?place=saint-denis`);
    assert.deepEqual(find, [], describeViolations(find));
  });
});
