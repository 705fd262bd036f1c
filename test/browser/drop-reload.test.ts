// Drop in Chromium: an upload cut midway survives a page reload. The page offers to resume it, refuses
// files that are not the same, continues from the last chunk the server has (no chunk sent twice),
// and the receiver gets identical bytes; "Abandon" deletes the share; a share gone from the server, or
// past its upload deadline, is forgotten.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Browser, Download, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { drop } from '../../src/modules/drop/index.js';
import { encryptedSize } from '../../src/modules/drop/sizes.js';
import axe from 'axe-core';
import { describeViolations, browserSkip, launchBrowser, watchedPage, type AxeViolation } from './browser.js';

const CHUNK = 256 * 1024;
const big = randomBytes(3 * 1024 * 1024 + 777);
const notes = Buffer.from('Compte rendu : la reprise après rechargement fonctionne.\n');
const CHUNK_URL = /\/drop\/api\/shares\/[^/]+\/files\/\d+\/chunks\/\d+$/;

interface Pending { id: string; ownerToken: string; deadline: number; files: { name: string }[] }

async function pending(page: Page): Promise<Pending[]> {
  return JSON.parse(((await page.evaluate(`localStorage.getItem('chaton-drop-pending')`)) as string | null) ?? '[]') as Pending[];
}

/** Chunk PUTs that reached the server (aborted ones have no response), across reloads of the page. */
function countChunks(page: Page): { url: string; status: number }[] {
  const seen: { url: string; status: number }[] = [];
  page.on('response', (r) => {
    if (r.request().method() === 'PUT' && CHUNK_URL.test(r.url())) seen.push({ url: new URL(r.url()).pathname, status: r.status() });
  });
  return seen;
}

/**
 * Starts sending `paths`, lets `passing` chunks through then cuts the network for chunks, waits for
 * the page to notice (it retries), and reloads it: the upload is interrupted midway.
 */
async function sendAndReload(page: Page, base: string, paths: string[], passing: number, opts: { downloads?: string; password?: string } = {}): Promise<void> {
  await page.goto(`${base}/drop/`);
  await page.setInputFiles('#drop-files', paths);
  if (opts.downloads) await page.fill('#drop-downloads', opts.downloads);
  if (opts.password) await page.fill('#drop-password', opts.password);
  let passed = 0;
  const cut = (route: import('playwright-core').Route) => {
    if (passed < passing) {
      passed++;
      return route.continue();
    }
    return route.abort('failed');
  };
  await page.route(CHUNK_URL, cut);
  await page.click('#drop-submit');
  await page.locator('#drop-progress-text', { hasText: 'Connexion perdue' }).waitFor({ timeout: 30_000 });
  await page.reload();
  await page.unroute(CHUNK_URL, cut);
}

async function bytesOf(download: Download): Promise<Buffer> {
  const path = await download.path();
  assert.ok(path, 'download saved');
  return readFile(path);
}

describe('Drop: resuming an upload after a page reload', { skip: browserSkip() }, () => {
  let server: TestServer;
  let browser: Browser;
  let dir: string;
  const path = (name: string) => join(dir, name);

  before(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ modules: [drop], config: { drop: { chunk_bytes: CHUNK } } });
    // Real files on disk: picked again, they have the same name, size and modification date.
    dir = await mkdtemp(join(tmpdir(), 'drop-reload-'));
    await mkdir(path('ailleurs'));
    await writeFile(path('video.bin'), big);
    await writeFile(path('notes.txt'), notes);
    await writeFile(path('autre.bin'), randomBytes(1000));
    await writeFile(path('ailleurs/video.bin'), big.subarray(0, big.length - 1));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('continues from the last chunk the server has, refusing other files; the receiver gets the same bytes', async () => {
    const sender = await watchedPage(browser);
    const { page } = sender;
    const chunks = countChunks(page);
    // notes.txt is one chunk, then 5 chunks of video.bin pass before the network is cut.
    await sendAndReload(page, server.url, [path('notes.txt'), path('video.bin')], 6, { downloads: '2', password: 'chat perché' });
    const stored = await pending(page);
    assert.equal(stored.length, 1, 'the upload is remembered');
    assert.equal(JSON.stringify(stored).includes('chat perch'), false, 'never the password');
    assert.ok(stored[0]!.files.every((f) => Object.keys(f).sort().join() === 'lastModified,name,salt,size'), 'nor a key derived from it');
    const errorsBefore = sender.errors.length;

    await page.waitForSelector('#drop-resume:not([hidden])');
    const names = (await page.textContent('#drop-resume-names')) ?? '';
    assert.match(names, /notes\.txt/);
    assert.match(names, /video\.bin/);
    assert.match((await page.textContent('#drop-resume-until')) ?? '', /avant le/);
    assert.equal(chunks.length, 6);

    // Another file instead of video.bin: refused, naming it; nothing is sent.
    await page.setInputFiles('#drop-resume-files', [path('notes.txt'), path('autre.bin')]);
    await page.click('#drop-resume-go');
    await page.locator('#drop-resume-error', { hasText: '« video.bin » manque' }).waitFor();
    // A file with the same name that changed: refused too.
    await page.setInputFiles('#drop-resume-files', [path('ailleurs/video.bin'), path('notes.txt')]);
    await page.click('#drop-resume-go');
    await page.locator('#drop-resume-error', { hasText: '« video.bin » n’est pas le même fichier' }).waitFor();
    assert.equal(chunks.length, 6, 'no chunk sent for wrong files');

    // The same files, in another order; the password was not kept: it is asked again, and checked.
    await page.setInputFiles('#drop-resume-files', [path('video.bin'), path('notes.txt')]);
    await page.click('#drop-resume-go');
    await page.locator('#drop-resume-error', { hasText: 'Tapez le mot de passe' }).waitFor();
    await page.fill('#drop-resume-password', 'chat perdu');
    await page.click('#drop-resume-go');
    await page.locator('#drop-resume-error', { hasText: 'Mot de passe incorrect' }).waitFor();
    assert.equal(chunks.length, 6, 'no chunk sent without the right password');
    // With it, the upload continues and finishes.
    await page.fill('#drop-resume-password', 'chat perché');
    await page.click('#drop-resume-go');
    await page.waitForSelector('#drop-result:not([hidden])', { timeout: 60_000 });
    const link = await page.inputValue('#drop-link');
    assert.match(link, new RegExp(`^${server.url}/drop/s/${stored[0]!.id}#[A-Za-z0-9_-]{22}$`));
    assert.deepEqual(await pending(page), [], 'forgotten once finalized');
    assert.match((await page.textContent('#drop-mine')) ?? '', /notes\.txt, video\.bin/);
    assert.deepEqual(sender.errors.slice(errorsBefore), []);

    // Every chunk reached the server exactly once, the resumed part starting where the server stood.
    const expected = 1 + Math.ceil(encryptedSize(big.length) / CHUNK);
    assert.ok(chunks.every((c) => c.status === 200), JSON.stringify(chunks));
    assert.equal(chunks.length, expected);
    assert.equal(new Set(chunks.map((c) => c.url)).size, expected);
    assert.match(chunks[6]!.url, /\/files\/1\/chunks\/5$/);

    const receiver = await watchedPage(browser);
    await receiver.page.goto(link);
    await receiver.page.fill('#drop-unlock-password', 'chat perché');
    await receiver.page.click('#drop-unlock button');
    await receiver.page.waitForSelector('#drop-files-box:not([hidden])');
    for (const [name, bytes] of [['video.bin', big], ['notes.txt', notes]] as const) {
      const [download] = await Promise.all([
        receiver.page.waitForEvent('download', { timeout: 60_000 }),
        receiver.page.locator('#drop-file-list li', { hasText: name }).locator('button').click(),
      ]);
      assert.equal(download.suggestedFilename(), name);
      assert.ok((await bytesOf(download)).equals(bytes), `${name}: identical bytes`);
    }
    await sender.context.close();
    await receiver.context.close();
  });

  it('"Abandon" deletes the unfinished share and forgets it', async () => {
    const { page, context } = await watchedPage(browser);
    await sendAndReload(page, server.url, [path('video.bin')], 3);
    await page.waitForSelector('#drop-resume:not([hidden])');
    const [p] = await pending(page);
    assert.ok(p);
    const owner = (id: string, token: string) => fetch(`${server.url}/drop/api/shares/${id}/owner`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal((await owner(p.id, p.ownerToken)).status, 200, 'the unfinished share exists');
    page.on('dialog', (d) => void d.accept());
    await page.click('#drop-resume-abandon');
    await page.locator('#drop-resume-note', { hasText: 'abandonné' }).waitFor();
    assert.equal(await page.isVisible('#drop-resume'), false);
    assert.equal((await owner(p.id, p.ownerToken)).status, 404, 'deleted on the server');
    assert.deepEqual(await pending(page), []);
    await page.reload();
    assert.equal(await page.isVisible('#drop-resume'), false, 'not offered again');
    await context.close();
  });

  it('says so and forgets an upload the server no longer has', async () => {
    const { page, context } = await watchedPage(browser);
    await sendAndReload(page, server.url, [path('video.bin')], 2);
    await page.waitForSelector('#drop-resume:not([hidden])');
    const [p] = await pending(page);
    assert.ok(p);
    const del = await fetch(`${server.url}/drop/api/shares/${p.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${p.ownerToken}` } });
    assert.equal(del.status, 200);
    await page.setInputFiles('#drop-resume-files', [path('video.bin')]);
    await page.click('#drop-resume-go');
    await page.locator('#drop-resume-note', { hasText: 'n’est plus sur le serveur' }).waitFor();
    assert.equal(await page.isVisible('#drop-resume'), false);
    assert.deepEqual(await pending(page), []);
    // The form is usable again for a new upload.
    assert.equal(await page.isEnabled('#drop-submit'), true);
    await context.close();
  });

  it('does not offer in a second tab an upload still running in the first; offers it once that tab is closed', async () => {
    const { page: first, context } = await watchedPage(browser);
    await first.goto(`${server.url}/drop/`);
    await first.setInputFiles('#drop-files', [path('video.bin')]);
    let passed = 0;
    await first.route(CHUNK_URL, (route) => (passed++ < 2 ? route.continue() : route.abort('failed')));
    await first.click('#drop-submit');
    await first.locator('#drop-progress-text', { hasText: 'Connexion perdue' }).waitFor({ timeout: 30_000 });

    const second = await context.newPage();
    await second.goto(`${server.url}/drop/`);
    // The second tab has seen the upload locked and waits for it (a pending Web Lock request).
    for (let i = 0; ; i++) {
      const waiting = await second.evaluate(`navigator.locks.query().then((s) => s.pending.some((l) => l.name.startsWith('chaton-drop-upload-')))`);
      if (waiting) break;
      assert.ok(i < 100, 'the second tab waits for the lock');
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(await second.isVisible('#drop-resume'), false, 'not offered while the first tab sends it');
    await first.close();
    await second.waitForSelector('#drop-resume:not([hidden])');
    await second.setInputFiles('#drop-resume-files', [path('video.bin')]);
    await second.click('#drop-resume-go');
    await second.waitForSelector('#drop-result:not([hidden])', { timeout: 60_000 });
    assert.deepEqual(await pending(second), []);
    await context.close();
  });

  it('offers an upload until its deadline only, accessibly', async () => {
    // bypassCSP only to run axe in the page; the upload itself is faked in localStorage.
    const context = await browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${server.url}/drop/`);
    const fake = (deadline: number) => JSON.stringify([{
      id: 'abcdefghijkl', ownerToken: 'x'.repeat(32), secret: 'AAECAwQFBgcICQoLDA0ODw', deadline,
      shareSalt: 'MDEyMzQ1Njc4OTo7PD0-Pw', iterations: 600000, manifest: 'A'.repeat(300),
      files: [{ name: 'rapport.pdf', size: 1234, lastModified: 1, salt: 'MDEyMzQ1Njc4OTo7PD0-Pw' }],
    }]);
    await page.evaluate(`localStorage.setItem('chaton-drop-pending', ${JSON.stringify(fake(Date.now() + 3_600_000))})`);
    await page.reload();
    await page.waitForSelector('#drop-resume:not([hidden])');
    assert.match((await page.textContent('#drop-resume-names')) ?? '', /rapport\.pdf/);
    assert.equal(await page.isVisible('#drop-resume-password'), true, 'a password upload asks for it again');
    await page.evaluate(axe.source);
    const violations = (await page.evaluate(
      `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })))`,
    )) as AxeViolation[];
    assert.deepEqual(violations, [], describeViolations(violations));

    await page.evaluate(`localStorage.setItem('chaton-drop-pending', ${JSON.stringify(fake(Date.now() - 1000))})`);
    await page.reload();
    // Past its deadline, the server has deleted it: forgotten, not offered.
    await page.waitForFunction(`localStorage.getItem('chaton-drop-pending') === null`);
    assert.equal(await page.isVisible('#drop-resume'), false);
    await context.close();
  });
});
