// Dates in the visitor's time zone: on a chaton whose zone is UTC, a pad's saved version made at
// 30 November 23:56 UTC reads "1 décembre 00:56" in Paris and "30 novembre 18:56" in Montréal, in the
// list of saved versions (written by the server) and in the slider (written by the page's script) alike;
// without scripts, the page says the chaton's time and names its zone.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { pad } from '../../src/modules/pad/index.js';
import { createPad } from '../pad/helpers.js';
import { writeHistory } from '../pad/history-writer.js';
import { browserSkip, launchBrowser, watchedPage, type WatchedPage } from './browser.js';

const MOMENT = Date.UTC(2026, 10, 30, 23, 56, 7);
const plain = (s: string | null): string => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('dates in the visitor’s time zone', { skip: browserSkip() }, () => {
  let server: TestServer;
  let browser: Browser;
  let name: string;
  const opened: WatchedPage[] = [];

  before(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ modules: [pad], config: { chaton: { time_zone: 'UTC' } } });
    ({ name } = await createPad(server.url));
    await writeHistory(server, name, 3, () => MOMENT, 'Relue');
  });
  after(async () => {
    for (const w of opened) await w.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  it('without scripts, the server writes the chaton’s time and names its zone', async () => {
    const html = plain(await (await fetch(`${server.url}/pad/${name}/timeslider`)).text());
    assert.match(html, /<time datetime="2026-11-30T23:56:07.000Z" data-style="dateTime">30 novembre 2026 à 23:56 UTC<\/time>/);
  });

  for (const [zone, day, time] of [['Europe/Paris', '1 décembre 2026', '00:56'], ['America/Montreal', '30 novembre 2026', '18:56']] as const) {
    it(`in ${zone}, the saved version and the slider say ${day} ${time}`, async () => {
      const w = await watchedPage(browser, { timezoneId: zone });
      opened.push(w);
      await w.page.goto(`${server.url}/pad/${name}/timeslider`);
      const saved = w.page.locator('a[data-moment] + .hint time');
      await w.page.waitForFunction(() => !/UTC/.test(document.querySelector('a[data-moment] + .hint time')?.textContent ?? 'UTC'));
      assert.equal(plain(await saved.textContent()), `${day} à ${time}`);
      await w.page.waitForFunction(() => /Version 3 sur 3/.test(document.getElementById('slider-moment')?.textContent ?? ''));
      const slider = plain(await w.page.textContent('#slider-moment'));
      assert.ok(slider.includes(`${day.replace(/décembre|novembre/, (m) => m.slice(0, 3) + '.')}`) && slider.includes(`${time}:07`), slider);
      assert.deepEqual(w.errors, []);
    });
  }
});
