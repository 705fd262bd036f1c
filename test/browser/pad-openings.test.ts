// The pad in Chromium when an admin closes the pads while someone is typing: the page says why at once,
// in the visitor's language, and stops editing.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { pad } from '../../src/modules/pad/index.js';
import { createPad } from '../pad/helpers.js';
import { launchBrowser, WatchedPages } from './browser.js';

describe('the pad in Chromium follows the opening', () => {
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

  it('shows why the pad stopped when the pads are closed, then kept for members', async () => {
    const { name } = await createPad(server.url);
    const w = await pages.open();
    await w.page.goto(`${server.url}/pad/${name}`);
    await w.page.waitForSelector('#pad-status[data-state="online"]');
    await w.page.click('.pad-text');
    await w.page.keyboard.type('Bonjour');
    await server.core.openings.set('pad', { opening: 'closed', groups: [] });
    await w.page.waitForSelector('#pad-error:not([hidden])');
    assert.match((await w.page.textContent('#pad-error')) ?? '', /Les pads viennent d’être fermés par l’équipe du chaton/);
    assert.equal(await w.page.getAttribute('.pad-text [contenteditable], .pad-text[contenteditable], .ProseMirror', 'contenteditable'), 'false');

    await server.core.openings.set('pad', { opening: 'public', groups: [] });
    const en = await pages.open('en-GB');
    await en.page.goto(`${server.url}/pad/${name}`);
    await en.page.waitForSelector('#pad-status[data-state="online"]');
    await server.core.openings.set('pad', { opening: 'members', groups: [] });
    await en.page.waitForSelector('#pad-error:not([hidden])');
    assert.match((await en.page.textContent('#pad-error')) ?? '', /The pads are now for members only: log in/);
    await server.core.openings.set('pad', { opening: 'public', groups: [] });
  });
});
