// Drop in Chromium: a sender uploads two files (progress with speed and time left shown), a receiver in
// another browser context downloads them all as one ZIP archive streamed through the service worker,
// then each file alone (the big one through the service worker, the small one as a Blob), with identical
// bytes; without service worker nor File System Access, "download all" of a big share still gives the
// separate files; a password really gates decryption; the owner deletes the share.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { unzipSync } from 'fflate';
import type { Browser, Download, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { drop } from '../../src/modules/drop/index.js';
import { axeViolations, describeViolations, browserSkip, launchBrowser, watchedPage } from './browser.js';

const big = randomBytes(9 * 1024 * 1024 + 123);
const small = Buffer.from('Bonjour, voici le compte rendu de la réunion.\n');

async function send(page: Page, base: string, files: { name: string; mimeType: string; buffer: Buffer }[], opts: { password?: string; downloads?: string } = {}): Promise<{ link: string; owner: string; progress: string[] }> {
  await page.goto(`${base}/drop/`);
  await page.setInputFiles('#drop-files', files);
  if (opts.downloads) await page.fill('#drop-downloads', opts.downloads);
  if (opts.password) await page.fill('#drop-password', opts.password);
  // Record every progress message (the upload is quick on loopback).
  await page.evaluate(`(() => { window.__progress = []; const el = document.getElementById('drop-progress-text');
    new MutationObserver(() => window.__progress.push(el.textContent)).observe(el, { childList: true, characterData: true, subtree: true }); })()`);
  await page.click('#drop-submit');
  await page.waitForSelector('#drop-result:not([hidden])', { timeout: 60_000 });
  return {
    link: await page.inputValue('#drop-link'),
    owner: await page.inputValue('#drop-owner'),
    progress: (await page.evaluate('window.__progress')) as string[],
  };
}

async function bytesOf(download: Download): Promise<Buffer> {
  const path = await download.path();
  assert.ok(path, 'download saved');
  return readFile(path);
}

describe('Drop in Chromium', { skip: browserSkip() }, () => {
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ modules: [drop], config: { drop: { chunk_bytes: 256 * 1024 } } });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('uploads two files with progress; another browser downloads them all in one ZIP, then each alone, bytes identical', async () => {
    const sender = await watchedPage(browser);
    const sent = await send(sender.page, server.url, [
      { name: 'grand fichier.bin', mimeType: 'application/octet-stream', buffer: big },
      { name: 'compte-rendu.txt', mimeType: 'text/plain', buffer: small },
    ], { downloads: '3' });
    assert.match(sent.link, new RegExp(`^${server.url}/drop/s/[A-Za-z0-9_-]+#[A-Za-z0-9_-]{22}$`));
    assert.ok(sent.progress.some((p) => /Mo sur .*Mo · .*\/s · encore/.test(p)), `progress shown: ${sent.progress.slice(0, 3).join(' | ')}`);
    assert.match((await sender.page.getAttribute('#drop-qr', 'src')) ?? '', /^data:image\/png;base64,/);
    // The sending form gives way to the result: only the link and what goes with it are left to see.
    assert.equal(await sender.page.isVisible('#drop-form'), false);
    // "Send by e-mail" opens the person's mail program with the link in the message.
    const mail = new URL((await sender.page.getAttribute('#drop-mail', 'href')) ?? '');
    assert.equal(mail.protocol, 'mailto:');
    assert.ok(mail.searchParams.get('body')?.includes(sent.link), mail.href);
    // The key never reaches the server: no request carries it.
    const key = sent.link.split('#')[1]!;
    assert.ok(sender.requests.every((u) => !u.includes(key)));
    assert.deepEqual(sender.errors, []);
    // "My shares" lists it, in this browser only.
    assert.match((await sender.page.textContent('#drop-mine')) ?? '', /grand fichier\.bin, compte-rendu\.txt/);

    const receiver = await watchedPage(browser);
    await receiver.page.goto(sent.link);
    await receiver.page.waitForSelector('#drop-files-box:not([hidden])');
    const listed = (await receiver.page.textContent('#drop-file-list')) ?? '';
    assert.match(listed, /grand fichier\.bin/);
    assert.match(listed, /compte-rendu\.txt/);
    const downloads: Download[] = [];
    receiver.page.on('download', (d) => downloads.push(d));

    // "Download all": one archive, streamed through the service worker, read back here with fflate.
    await receiver.page.click('#drop-all');
    await receiver.page.locator('#drop-status', { hasText: 'archive' }).waitFor({ timeout: 60_000 });
    for (let i = 0; i < 100 && downloads.length < 1; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(downloads.length, 1, `one download, not one per file: ${downloads.map((d) => d.suggestedFilename()).join(', ')}`);
    const archive = downloads[0]!;
    assert.match(archive.suggestedFilename(), /^fichiers-\d{4}-\d{2}-\d{2}\.zip$/);
    assert.match(archive.url(), /\/drop\/dl\//, 'the archive went through the service worker');
    const zipped = await bytesOf(archive);
    const entries = unzipSync(new Uint8Array(zipped));
    assert.deepEqual(Object.keys(entries), ['grand fichier.bin', 'compte-rendu.txt']);
    assert.ok(Buffer.from(entries['grand fichier.bin']!).equals(big), 'the big file is identical');
    assert.ok(Buffer.from(entries['compte-rendu.txt']!).equals(small), 'the small file is identical');
    assert.ok(zipped.length < big.length + small.length + 1024, `stored, not recompressed or padded: ${zipped.length} bytes`);
    assert.match((await receiver.page.textContent('#drop-status')) ?? '', new RegExp(`archive ${archive.suggestedFilename().replace(/\./g, '\\.')}`));
    assert.match((await receiver.page.textContent('#drop-left')) ?? '', /restants : 2/);

    // One file alone is still the bare file: the big one through the service worker…
    const [bigAlone] = await Promise.all([receiver.page.waitForEvent('download'), receiver.page.click('button[aria-label$="grand fichier.bin"]')]);
    assert.equal(bigAlone.suggestedFilename(), 'grand fichier.bin');
    assert.match(bigAlone.url(), /\/drop\/dl\//, 'the big file went through the service worker');
    assert.ok((await bytesOf(bigAlone)).equals(big));
    await receiver.page.locator('#drop-left', { hasText: 'restants : 1' }).waitFor({ timeout: 60_000 });
    // …and the small one as a Blob.
    const [smallAlone] = await Promise.all([receiver.page.waitForEvent('download'), receiver.page.click('button[aria-label$="compte-rendu.txt"]')]);
    assert.equal(smallAlone.suggestedFilename(), 'compte-rendu.txt');
    assert.match(smallAlone.url(), /^blob:/, 'the small one is a Blob');
    assert.ok((await bytesOf(smallAlone)).equals(small));
    await receiver.page.locator('#drop-left', { hasText: 'restants : 0' }).waitFor();
    // Three downloads in all: nothing else came out of "download all" behind the archive.
    assert.deepEqual(downloads, [archive, bigAlone, smallAlone]);
    // Each download the browser completed and verified was counted once by the server: the share of
    // three downloads is used up, and deleted with its blobs.
    const id = new URL(sent.link).pathname.split('/').pop()!;
    for (let i = 0; i < 100 && (await server.core.blobs.list(`drop/${id}/`)).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(await server.core.blobs.list(`drop/${id}/`), []);
    assert.equal((await fetch(`${server.url}/drop/api/shares/${id}`, { headers: { accept: 'application/json' } })).status, 404);
    assert.ok(receiver.requests.every((u) => !u.includes(key)));
    assert.deepEqual(receiver.errors, []);
    // The used-up share leaves the sender's "my shares" at the next visit.
    await sender.page.goto(`${server.url}/drop/`);
    await sender.page.waitForFunction(() => !/grand fichier\.bin/.test(document.getElementById('drop-mine')?.textContent ?? ''));
    assert.equal(await sender.page.evaluate(() => localStorage.getItem('chaton-drop-shares')), '[]');
    await sender.context.close();
    await receiver.context.close();
  });

  it('without service worker nor File System Access, "download all" of a big share gives the separate files', async () => {
    const sender = await watchedPage(browser);
    const sent = await send(sender.page, server.url, [
      { name: 'grand fichier.bin', mimeType: 'application/octet-stream', buffer: big },
      { name: 'compte-rendu.txt', mimeType: 'text/plain', buffer: small },
    ]);
    await sender.context.close();
    const context = await browser.newContext({ locale: 'fr-FR', serviceWorkers: 'block' });
    await context.addInitScript('Object.defineProperty(window, "showSaveFilePicker", { value: undefined })');
    const page = await context.newPage();
    await page.goto(sent.link);
    await page.waitForSelector('#drop-files-box:not([hidden])');
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.click('#drop-all');
    await page.locator('#drop-status', { hasText: 'enregistré' }).waitFor({ timeout: 60_000 });
    for (let i = 0; i < 100 && downloads.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(downloads.map((d) => d.suggestedFilename()).sort(), ['compte-rendu.txt', 'grand fichier.bin']);
    const byName = new Map(downloads.map((d) => [d.suggestedFilename(), d]));
    assert.ok((await bytesOf(byName.get('grand fichier.bin')!)).equals(big));
    assert.ok((await bytesOf(byName.get('compte-rendu.txt')!)).equals(small));
    assert.ok(downloads.every((d) => d.url().startsWith('blob:')), 'saved as Blobs: no service worker here');
    assert.doesNotMatch((await page.textContent('#drop-status')) ?? '', /archive/);
    await context.close();
  });

  it('has no serious accessibility violation on the send and receive pages', async () => {
    const sender = await watchedPage(browser);
    const sent = await send(sender.page, server.url, [{ name: 'a.txt', mimeType: 'text/plain', buffer: small }], { password: 'x' });
    await sender.context.close();
    for (const url of [`${server.url}/drop/`, sent.link]) {
      const violations = await axeViolations(browser, url);
      assert.deepEqual(violations, [], describeViolations(violations));
    }
  });

  it('needs the password to decrypt, and lets the owner delete the share', async () => {
    const sender = await watchedPage(browser);
    const sent = await send(sender.page, server.url, [{ name: 'secret.txt', mimeType: 'text/plain', buffer: small }], { password: 'chat perché', downloads: '2' });
    const receiver = await watchedPage(browser);
    await receiver.page.goto(sent.link);
    await receiver.page.waitForSelector('#drop-unlock:not([hidden])');
    assert.equal(await receiver.page.isVisible('#drop-files-box'), false);
    await receiver.page.fill('#drop-unlock-password', 'chat perdu');
    await receiver.page.click('#drop-unlock button');
    await receiver.page.waitForSelector('#drop-error:not([hidden])');
    assert.match((await receiver.page.textContent('#drop-error')) ?? '', /Mot de passe incorrect/);
    await receiver.page.fill('#drop-unlock-password', 'chat perché');
    await receiver.page.click('#drop-unlock button');
    await receiver.page.waitForSelector('#drop-files-box:not([hidden])');
    // Once open, the password form goes away (it is really hidden, not only marked so).
    assert.equal(await receiver.page.isVisible('#drop-unlock'), false);
    const [download] = await Promise.all([receiver.page.waitForEvent('download'), receiver.page.click('#drop-file-list button')]);
    assert.deepEqual(await bytesOf(download), small);

    // The owner's link: downloads done, then deletion.
    const owner = await watchedPage(browser);
    await owner.page.goto(sent.owner);
    await owner.page.waitForSelector('#drop-delete:not([hidden])');
    assert.match((await owner.page.textContent('#drop-owner-state')) ?? '', /Téléchargements : 1 sur 2/);
    owner.page.on('dialog', (d) => void d.accept());
    await owner.page.click('#drop-delete');
    await owner.page.locator('#drop-owner-state', { hasText: 'supprimé' }).waitFor();
    const again = await receiver.context.newPage();
    const res = await again.goto(sent.link);
    assert.equal(res?.status(), 404);
    // The deleted share leaves the sender's "my shares" at the next visit.
    assert.match((await sender.page.textContent('#drop-mine')) ?? '', /secret\.txt/);
    await sender.page.goto(`${server.url}/drop/`);
    await sender.page.waitForFunction(() => !/secret\.txt/.test(document.getElementById('drop-mine')?.textContent ?? ''));
    assert.equal(await sender.page.evaluate(() => localStorage.getItem('chaton-drop-shares')), '[]');
    await sender.context.close();
    await receiver.context.close();
    await owner.context.close();
  });
});
