// The timeslider on a big pad (20,000 moments, four chunks of history): once the person has moved the
// slider, the chunks that arrive afterwards never move it back to the latest version.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Route } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { pad } from '../../src/modules/pad/index.js';
import { createPad } from '../pad/helpers.js';
import { writeHistory } from '../pad/history-writer.js';
import { browserSkip, launchBrowser, watchedPage, type WatchedPage } from './browser.js';

const MOMENTS = 20_000;
const label = (): string => (document.getElementById('slider-moment')?.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('the timeslider of a big pad', { skip: browserSkip() }, () => {
  let server: TestServer;
  let browser: Browser;
  let w: WatchedPage | undefined;

  before(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ modules: [pad] });
  });
  after(async () => {
    await w?.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  it('keeps the moment the person chose while later chunks arrive', async () => {
    const { name } = await createPad(server.url);
    const start = Date.UTC(2026, 0, 1);
    await writeHistory(server, name, MOMENTS, (i) => start + i * 1000);
    w = await watchedPage(browser);
    // Every chunk after the first waits until the person has moved the slider.
    const held: Route[] = [];
    let arrived: () => void = () => undefined;
    await w.page.route((url) => url.pathname.endsWith('/history') && url.searchParams.get('after') !== '0', (route) => {
      held.push(route);
      arrived();
    });
    const nextHeld = async (): Promise<Route> => {
      while (held.length === 0) await new Promise<void>((resolve) => (arrived = resolve));
      return held.shift()!;
    };
    await w.page.goto(`${server.url}/pad/${name}/timeslider`);
    await w.page.waitForFunction(() => /Version 5\s000 sur 5\s000/.test(document.getElementById('slider-moment')?.textContent ?? ''));
    // The person goes back to the very first version.
    await w.page.focus('#slider');
    await w.page.keyboard.press('Home');
    await w.page.waitForFunction(() => /Version 1 sur/.test(document.getElementById('slider-moment')?.textContent ?? ''));
    // Now the rest of the history arrives, chunk after chunk.
    // Three more full chunks, then an empty one that says the history is complete.
    for (let chunk = 0; chunk < 4; chunk++) await (await nextHeld()).continue();
    await w.page.waitForFunction(() => /sur 20\s000/.test(document.getElementById('slider-moment')?.textContent ?? ''));
    await w.page.waitForSelector('[data-history="complete"]');
    assert.equal(await w.page.$eval('#slider', (s) => (s as HTMLInputElement).value), '0');
    assert.match(await w.page.evaluate(label), /^Version 1 sur 20 000, /);
    assert.deepEqual(w.errors, []);
  });
});
