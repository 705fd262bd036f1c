// Issue 12, item 3: printing a pad (or saving it as PDF from the browser) gives the document alone: no
// toolbar, side panel (people, chat, sharing) or site header, and the text visible; line numbers are an
// option of the editor, a toggle button remembered in the browser.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient } from '../helpers/client.js';
import { pad } from '../../src/modules/pad/index.js';
import { createPad } from '../pad/helpers.js';
import { axeViolations, browserSkip, describeViolations, launchBrowser, WatchedPages } from './browser.js';

describe('printing a pad', { skip: browserSkip() }, () => {
  let server: TestServer;
  let browser: Browser;
  const pages = new WatchedPages(() => browser);

  before(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ modules: [pad] });
  });
  after(async () => {
    await pages.closeAll();
    await browser?.close();
    await server?.close();
  });

  it('shows only the document in print media', async () => {
    const { name } = await createPad(server.url);
    await new TestClient(server.url).submit(`/pad/${name}`, { format: 'md', content: '# Ordre du jour\n\n3. trois\n4. quatre\n' }, `/pad/${name}/import`);
    const { page } = await pages.open();
    await page.goto(`${server.url}/pad/${name}`);
    await page.waitForSelector('#pad-status[data-state="online"]');
    const visible = (selector: string) => page.locator(selector).first().isVisible();
    assert.equal(await visible('.pad-toolbar'), true, 'the toolbar is there on screen');
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['.pad-toolbar', '.pad-side', 'header.site', '.pad-status']) assert.equal(await visible(selector), false, `${selector} is hidden in print`);
    assert.equal(await visible('.pad-text h1'), true);
    assert.equal(await page.locator('.pad-text h1').textContent(), 'Ordre du jour');
    assert.equal(await page.locator('.pad-text ol').getAttribute('start'), '3');
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await visible('.pad-toolbar'), true);
  });

  it('numbers the lines when asked, remembers it, and stays accessible', async () => {
    const { name } = await createPad(server.url);
    await new TestClient(server.url).submit(`/pad/${name}`, { format: 'md', content: 'un\n\ndeux\n\ntrois\n' }, `/pad/${name}/import`);
    const { page } = await pages.open();
    await page.goto(`${server.url}/pad/${name}`);
    await page.waitForSelector('#pad-status[data-state="online"]');
    const toggle = page.locator('#pad-line-numbers');
    const number = (i: number) => page.locator('.pad-text > p').nth(i).evaluate((p) => getComputedStyle(p, '::before').content);
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    assert.equal(await number(0), 'none');
    await toggle.focus();
    await page.keyboard.press('Enter');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.notEqual(await number(2), 'none');
    assert.equal(await page.locator('#pad-editor.line-numbers .pad-text > p').count(), 3);
    await page.reload();
    await page.waitForSelector('#pad-status[data-state="online"]');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true', 'remembered in this browser');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    assert.equal(await number(0), 'none');
    const violations = await axeViolations(browser, `${server.url}/pad/${name}`);
    assert.deepEqual(violations, [], describeViolations(violations));
  });
});
