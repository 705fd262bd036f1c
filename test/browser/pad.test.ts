// The pad in Chromium: two pages typing in one pad converge, author colours show on the text, the
// timeslider shows an old state, a read-only link cannot edit, and nothing breaks the CSP.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { pad } from '../../src/modules/pad/index.js';
import { createPad } from '../pad/helpers.js';
import { axeViolations, describeViolations, browserSkip, launchBrowser, WatchedPages, type WatchedPage } from './browser.js';

// The editor's text without the remote cursors' name labels, compared in the page (inline arrows:
// the page's CSP forbids evaluating strings).
type Check = [(arg: [string, boolean]) => boolean, [string, boolean]];
const textIs = (text: string): Check => [
  ([want, whole]) => {
    const c = document.querySelector('.pad-text')?.cloneNode(true) as HTMLElement | undefined;
    c?.querySelectorAll('.ProseMirror-yjs-cursor').forEach((e) => e.remove());
    const got = c?.textContent ?? '';
    return whole ? got === want : got.includes(want);
  },
  [text, true],
];
const textHas = (text: string): Check => [textIs(text)[0], [text, false]];

describe('the pad in Chromium', { skip: browserSkip() }, () => {
  let server: TestServer;
  let browser: Browser;
  const pages = new WatchedPages(() => browser);
  const open = async (path: string): Promise<WatchedPage> => {
    const w = await pages.open();
    await w.page.goto(server.url + path);
    await w.page.waitForSelector('#pad-status[data-state="online"], #pad-status[data-state="readOnly"]');
    return w;
  };

  before(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ modules: [pad] });
  });
  after(async () => {
    await pages.closeAll();
    await browser?.close();
    await server?.close();
  });

  it('two people typing converge, with author colours, names and the list of people', async () => {
    const { name, readOnlyPath } = await createPad(server.url);
    const a = await open(`/pad/${name}`);
    const b = await open(`/pad/${name}`);
    await a.page.fill('#pad-me-name', 'Anne');
    await a.page.press('#pad-me-name', 'Tab');
    await a.page.click('.pad-text');
    await a.page.keyboard.type('Bonjour de Anne. ');
    await b.page.waitForFunction(...textHas('Bonjour de Anne.'));
    await b.page.click('.pad-text');
    await b.page.keyboard.press('End');
    await b.page.keyboard.type('Salut de Bruno.');
    const expected = 'Bonjour de Anne. Salut de Bruno.';
    await a.page.waitForFunction(...textIs(expected));
    await b.page.waitForFunction(...textIs(expected));
    // Bold with the keyboard shortcut.
    await a.page.keyboard.press('Control+b');
    await a.page.keyboard.type(' fort');
    await b.page.waitForSelector('.pad-text strong');
    // Author colours: each one's text carries their author id and a coloured background.
    const spans = await b.page.$$eval('.pad-text span.author', (els) => els.map((e) => ({ author: (e as HTMLElement).dataset.author, bg: getComputedStyle(e).backgroundColor })));
    assert.ok(new Set(spans.map((s) => s.author)).size >= 2, 'two authors on the text');
    assert.ok(spans.every((s) => s.bg !== 'rgba(0, 0, 0, 0)'), `coloured: ${JSON.stringify(spans)}`);
    // Switched off, remembered after a reload.
    await b.page.uncheck('#pad-author-colors');
    await b.page.reload();
    await b.page.waitForSelector('#pad-status[data-state="online"]');
    await b.page.waitForSelector('.pad-text span.author');
    assert.equal(await b.page.isChecked('#pad-author-colors'), false);
    assert.equal(await b.page.$eval('.pad-text span.author', (e) => getComputedStyle(e).backgroundColor), 'rgba(0, 0, 0, 0)');
    // The people present, with Anne's name.
    await b.page.waitForFunction(() => document.getElementById('pad-people')?.textContent?.includes('Anne'));
    // Saved: the server acknowledged everything.
    await a.page.waitForSelector('#pad-status[data-state="online"]');
    for (const p of pages.all) assert.deepEqual(p.errors.filter((e) => !/favicon/.test(e)), []);
    for (const p of pages.all) assert.ok(p.requests.every((u) => u.startsWith(server.url) || u.startsWith(server.url.replace('http', 'ws'))), 'no third-party request');

    // A read-only link shows the text live and cannot edit it.
    const r = await open(readOnlyPath);
    await r.page.waitForFunction(...textHas('Salut de Bruno.'));
    assert.equal(await r.page.$eval('.pad-text', (e) => e.getAttribute('contenteditable')), 'false');
    assert.equal(await r.page.$('.pad-toolbar'), null);
    await a.page.keyboard.type(' encore');
    await r.page.waitForFunction(...textHas('encore'));

    // The timeslider shows an old state.
    const s = await pages.open();
    await s.page.goto(`${server.url}/pad/${name}/timeslider`);
    await s.page.waitForFunction(() => document.querySelector('#slider-view .pad-text')?.textContent?.includes('encore'));
    await s.page.$eval('#slider', (el) => {
      const input = el as HTMLInputElement;
      input.value = '2';
      input.dispatchEvent(new Event('input'));
    });
    await s.page.waitForFunction(() => {
      const text = document.querySelector('#slider-view .pad-text')?.textContent ?? '';
      return text.length > 0 && text.length < 6;
    });
    assert.match(await s.page.textContent('#slider-moment') ?? '', /3/);
  });

  it('"Create" opens the pad itself and shows its secret admin link once', async () => {
    const w = await pages.open();
    await w.page.goto(`${server.url}/pad/`);
    await w.page.fill('#pad-name', 'premiere-heure');
    await w.page.click('form[action="/pad/"] button[type="submit"]');
    await w.page.waitForSelector('#pad-status[data-state="online"]');
    assert.equal(new URL(w.page.url()).pathname, '/pad/premiere-heure', 'on the pad, not on its admin page');
    assert.equal(await w.page.isVisible('.pad-text'), true);
    await w.page.waitForSelector('#pad-created:not([hidden])');
    const adminLink = await w.page.inputValue('#pad-created-admin');
    assert.match(adminLink, new RegExp(`^${server.url}/pad/premiere-heure/admin/[A-Za-z0-9_-]{20,}$`));
    assert.equal(new URL(w.page.url()).hash, '', 'the token left the address');
    // The admin link works…
    const admin = await w.context.newPage();
    assert.equal((await admin.goto(adminLink))?.status(), 200);
    await admin.close();
    // …and is shown only once: a reload of the pad does not show it again.
    await w.page.reload();
    await w.page.waitForSelector('#pad-status[data-state="online"]');
    assert.equal(await w.page.isHidden('#pad-created'), true);
    assert.deepEqual(w.errors, []);
  });

  it('makes the toolbar one tab stop with arrow keys inside, and Tab / Shift-Tab indent and outdent list items', async () => {
    const { name } = await createPad(server.url);
    const a = await open(`/pad/${name}`);
    const focused = () => a.page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el?.dataset.cmd ?? (el?.classList.contains('pad-text') ? 'text' : el?.id ?? el?.tagName ?? '');
    });
    assert.equal(await a.page.locator('.pad-toolbar button[tabindex="0"]').count(), 1, 'one tab stop');
    assert.equal(await a.page.locator('.pad-toolbar button').count(), await a.page.locator('.pad-toolbar button[tabindex="-1"]').count() + 1);
    await a.page.focus('.pad-toolbar button[tabindex="0"]');
    assert.equal(await focused(), 'bold');
    await a.page.keyboard.press('ArrowRight');
    assert.equal(await focused(), 'italic');
    await a.page.keyboard.press('End');
    assert.equal(await focused(), 'pad-line-numbers', 'End reaches the last button: the line numbers toggle');
    await a.page.keyboard.press('ArrowRight');
    assert.equal(await focused(), 'bold', 'wraps around');
    await a.page.keyboard.press('ArrowLeft');
    assert.equal(await focused(), 'pad-line-numbers');
    await a.page.keyboard.press('Home');
    await a.page.keyboard.press('ArrowRight');
    // From the toolbar, one Tab reaches the text; Shift-Tab comes back to the button last used.
    await a.page.keyboard.press('Tab');
    assert.equal(await focused(), 'text');
    await a.page.keyboard.press('Shift+Tab');
    assert.equal(await focused(), 'italic');

    await a.page.click('.pad-text');
    await a.page.keyboard.type('un');
    await a.page.keyboard.press('Control+Shift+8');
    await a.page.keyboard.press('Enter');
    await a.page.keyboard.type('deux');
    await a.page.waitForSelector('.pad-text ul > li:nth-child(2)');
    await a.page.keyboard.press('Tab');
    await a.page.waitForSelector('.pad-text li ul li');
    assert.equal(await focused(), 'text', 'Tab in a list item indents it and stays in the text');
    assert.equal((await a.page.textContent('.pad-text li ul li'))?.trim(), 'deux');
    await a.page.keyboard.press('Shift+Tab');
    await a.page.waitForFunction(() => document.querySelectorAll('.pad-text li ul').length === 0);
    assert.equal(await a.page.locator('.pad-text ul > li').count(), 2);
    assert.equal(await focused(), 'text');
  });

  it('has no serious accessibility violation, and fits a phone screen', async () => {
    const { name } = await createPad(server.url);
    for (const path of ['/pad/', `/pad/${name}`, `/pad/${name}/timeslider`]) {
      const violations = await axeViolations(browser, server.url + path);
      assert.deepEqual(violations, [], `${path}:\n${describeViolations(violations)}`);
    }
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'fr-FR' });
    try {
      const page = await phone.newPage();
      await page.goto(`${server.url}/pad/${name}`);
      await page.waitForSelector('#pad-status[data-state="online"]');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no horizontal scrolling on a phone (${overflow}px too wide)`);
      await page.click('.pad-text');
      await page.keyboard.type('Depuis mon téléphone');
      await page.waitForSelector('#pad-status[data-state="online"]');
    } finally {
      await phone.close();
    }
  });
});
