// The paste page in Chromium: write, then open the link in another browser (a fresh context) and read;
// burn-after-reading asks first; passwords; a threaded discussion; attachments (image preview, HTML only
// downloadable); interop with an npm PrivateBin client both ways; nothing sent but ciphertext.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { PrivatebinClient } from '@pixelfactory/privatebin';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { paste } from '../../src/modules/paste/index.js';
import { PasteStore, pasteDb } from '../../src/modules/paste/store.js';
import { encodeKey, newKey } from '../../web/paste/crypto.js';
import axe from 'axe-core';
import { axeViolations, describeViolations, browserSkip, launchBrowser, WatchedPages, type AxeViolation, type WatchedPage } from './browser.js';

interface WriteOptions { text: string; format?: string; language?: string; burn?: boolean; discussion?: boolean; password?: string; files?: { name: string; mimeType: string; buffer: Buffer }[] }

const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('the paste page in Chromium', { skip: browserSkip() }, () => {
  let server: TestServer;
  let browser: Browser;
  const pages = new WatchedPages(() => browser);
  const open = (locale?: string): Promise<WatchedPage> => pages.open(locale);

  before(async () => {
    assert.ok(existsSync('dist/web/paste.js'), 'build the page script first: npm run build:web');
    browser = await launchBrowser();
    server = await startTestServer({ modules: [paste] });
  });

  after(async () => {
    await pages.closeAll();
    await browser?.close();
    await server?.close();
  });

  const assertSelfContained = (w: WatchedPage): void => {
    const foreign = w.requests.filter((url) => !url.startsWith(server.url + '/') && !url.startsWith(`blob:${server.url}/`));
    assert.deepEqual(foreign, [], 'no request leaves for another origin');
    assert.deepEqual(w.errors.filter((e) => /Content Security Policy|Refused to/i.test(e)), [], 'nothing refused by the CSP');
  };

  /** Writes a paste in a fresh browser and returns its link and delete link. */
  const write = async (o: WriteOptions): Promise<{ link: string; deleteLink: string; writer: WatchedPage; posted: string[] }> => {
    const writer = await open();
    const posted: string[] = [];
    writer.page.on('request', (r) => {
      if (r.method() === 'POST') posted.push(r.postData() ?? '');
    });
    await writer.page.goto(`${server.url}/paste/`);
    for (const hidden of ['#paste-password-form', '#paste-view', '#paste-result', '#paste-burn-confirm']) {
      assert.equal(await writer.page.isVisible(hidden), false, `${hidden} is hidden while writing`);
    }
    await writer.page.fill('#paste-text', o.text);
    if (o.format) await writer.page.selectOption('#paste-format', o.format);
    if (o.language) await writer.page.selectOption('#paste-language', o.language);
    if (o.burn) await writer.page.check('#paste-burn');
    if (o.discussion) await writer.page.check('#paste-discussion');
    if (o.password) await writer.page.fill('#paste-password', o.password);
    if (o.files) await writer.page.setInputFiles('#paste-files', o.files);
    await writer.page.click('#paste-send');
    await writer.page.waitForSelector('#paste-result:not([hidden])');
    const link = await writer.page.inputValue('#paste-link');
    const deleteLink = await writer.page.inputValue('#paste-delete-link');
    return { link, deleteLink, writer, posted };
  };

  it('writes a paste, then another browser opens the link and decrypts it', async () => {
    const text = 'Rendez-vous à la salle des fêtes de Quimper, mardi à 20 h.';
    const { link, deleteLink, writer, posted } = await write({ text });
    assert.match(link, new RegExp(`^${server.url}/paste/\\?[a-f0-9]{16}#[1-9A-HJ-NP-Za-km-z]{40,44}$`));
    assert.match(deleteLink, /\?pasteid=[a-f0-9]{16}&deletetoken=[a-f0-9]{64}$/);
    // The QR code is drawn in the page.
    assert.ok(await writer.page.evaluate(() => (document.getElementById('paste-qr') as HTMLCanvasElement).width > 0));
    // Only ciphertext left the browser: neither the text nor the key.
    const key = link.split('#')[1]!;
    assert.equal(posted.length, 1);
    assert.ok(!posted[0]!.includes('salle des fêtes') && !posted[0]!.includes(key));
    assert.ok(writer.requests.every((url) => !url.includes(key)));

    const reader = await open();
    await reader.page.goto(link);
    await reader.page.waitForSelector('#paste-view:not([hidden])');
    assert.equal((await reader.page.textContent('#paste-content'))?.trim(), text);
    assert.match((await reader.page.textContent('#paste-expires')) ?? '', /Expire dans 7\s+jours/);
    // Only the reading parts show: not the writing form, not the password prompt.
    for (const hidden of ['#paste-form', '#paste-password-form', '#paste-burn-confirm', '#paste-result']) {
      assert.equal(await reader.page.isVisible(hidden), false, `${hidden} is hidden`);
    }
    assertSelfContained(writer);
    assertSelfContained(reader);
  });

  it('asks before showing a burn-after-reading paste, then it is gone', async () => {
    const { link } = await write({ text: 'Code de la porte : 4242', burn: true });
    assert.match(link, /#-/);
    const id = new URL(link).search.slice(1);
    const reader = await open();
    await reader.page.goto(link);
    await reader.page.waitForSelector('#paste-burn-confirm:not([hidden])');
    assert.equal(await reader.page.isHidden('#paste-view'), true);
    const store = new PasteStore(pasteDb(server.core));
    assert.ok(await store.peek(id), 'opening the link did not burn it');
    await reader.page.click('#paste-burn-button');
    await reader.page.waitForSelector('#paste-view:not([hidden])');
    assert.equal((await reader.page.textContent('#paste-content'))?.trim(), 'Code de la porte : 4242');
    assert.equal(await reader.page.isVisible('#paste-burned'), true);
    assert.equal(await store.peek(id), null);

    const late = await open();
    await late.page.goto(link);
    await late.page.click('#paste-burn-button');
    await late.page.waitForSelector('#paste-error:not([hidden])');
    assert.match((await late.page.textContent('#paste-error')) ?? '', /n’existe pas, a expiré ou a déjà été lu/);
  });

  it('asks for the password, refuses a wrong one, decrypts with the right one', async () => {
    const { link } = await write({ text: 'Le mot de passe du wifi', password: 'pâtisserie' });
    const reader = await open();
    await reader.page.goto(link);
    await reader.page.waitForSelector('#paste-password-form:not([hidden])');
    await reader.page.fill('#paste-read-password', 'croissant');
    await reader.page.press('#paste-read-password', 'Enter');
    await reader.page.waitForSelector('#paste-error:not([hidden])');
    assert.match((await reader.page.textContent('#paste-error')) ?? '', /mot de passe n’est pas le bon/);
    await reader.page.fill('#paste-read-password', 'pâtisserie');
    await reader.page.press('#paste-read-password', 'Enter');
    await reader.page.waitForSelector('#paste-view:not([hidden])');
    assert.equal((await reader.page.textContent('#paste-content'))?.trim(), 'Le mot de passe du wifi');
  });

  it('keeps a threaded discussion with nicknames', async () => {
    const { link } = await write({ text: 'Qui vient samedi ?', discussion: true });
    const anne = await open();
    await anne.page.goto(link);
    await anne.page.waitForSelector('#paste-comments-section:not([hidden])');
    await anne.page.fill('#paste-nickname', 'Anne');
    await anne.page.fill('#paste-comment', 'Moi ! <b>pas du gras</b>');
    await anne.page.click('#paste-comment-form button[type=submit]');
    await anne.page.waitForSelector('.paste-comment');
    assert.match((await anne.page.textContent('.paste-comment')) ?? '', /Anne.*Moi ! <b>pas du gras<\/b>/s);

    const bob = await open('en-GB');
    await bob.page.goto(link);
    await bob.page.waitForSelector('.paste-comment');
    await bob.page.click('.paste-comment button');
    await bob.page.fill('#paste-comment', 'Me too');
    await bob.page.click('#paste-comment-form button[type=submit]');
    await bob.page.waitForSelector('.paste-thread .paste-thread .paste-comment');
    assert.match((await bob.page.textContent('.paste-thread .paste-thread .paste-comment')) ?? '', /Anonymous.*Me too/s);
  });

  it('previews an image, and offers an HTML file only for download', async () => {
    const { link } = await write({
      text: 'Deux fichiers',
      files: [
        { name: 'point.png', mimeType: 'image/png', buffer: PNG_1PX },
        { name: 'page.html', mimeType: 'text/html', buffer: Buffer.from('<script>alert(1)</script><h1>piège</h1>') },
      ],
    });
    const reader = await open();
    await reader.page.goto(link);
    await reader.page.waitForSelector('#paste-attachments:not([hidden])');
    const images = await reader.page.$$eval('#paste-attachment-list img', (els) => els.map((e) => (e as HTMLImageElement).alt));
    assert.deepEqual(images, ['Aperçu de point.png']);
    const downloads = await reader.page.$$eval('#paste-attachment-list a[download]', (els) => els.map((e) => (e as HTMLAnchorElement).download));
    assert.deepEqual(downloads, ['point.png', 'page.html']);
    assert.equal(await reader.page.$$eval('#paste-attachment-list iframe, #paste-attachment-list object, #paste-attachment-list embed', (els) => els.length), 0);
    assert.equal(await reader.page.evaluate(() => document.body.innerHTML.includes('piège')), false);
    assertSelfContained(reader);
  });

  it('reuses a paste with its attachments as a new paste', async () => {
    const { link } = await write({ text: 'Le plan', files: [{ name: 'plan.png', mimeType: 'image/png', buffer: PNG_1PX }, { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('à revoir') }] });
    const reader = await open();
    await reader.page.goto(link);
    await reader.page.waitForSelector('#paste-attachments:not([hidden])');
    await reader.page.click('#paste-clone');
    await reader.page.waitForSelector('#paste-form:not([hidden])');
    assert.equal(await reader.page.inputValue('#paste-text'), 'Le plan');
    assert.deepEqual(await reader.page.$eval('#paste-files', (e) => [...((e as HTMLInputElement).files ?? [])].map((f) => `${f.name} ${f.size}`)), [`plan.png ${PNG_1PX.length}`, 'notes.txt 9']);
    await reader.page.click('#paste-send');
    await reader.page.waitForSelector('#paste-result:not([hidden])');
    const again = await open();
    await again.page.goto(await reader.page.inputValue('#paste-link'));
    await again.page.waitForSelector('#paste-attachments:not([hidden])');
    assert.deepEqual(await again.page.$$eval('#paste-attachment-list a[download]', (els) => els.map((e) => (e as HTMLAnchorElement).download)), ['plan.png', 'notes.txt']);
    assertSelfContained(reader);
  });

  it('highlights code and renders Markdown without running scripts', async () => {
    const code = await write({ text: 'def bonjour():\n    return "Quimper"', format: 'syntaxhighlighting', language: 'python' });
    const r1 = await open();
    await r1.page.goto(code.link);
    await r1.page.waitForSelector('#paste-content .hljs-keyword');
    const md = await write({ text: '# Titre\n\n*important* <img src=x onerror="document.title=\'pwned\'">', format: 'markdown' });
    const r2 = await open();
    await r2.page.goto(md.link);
    await r2.page.waitForSelector('#paste-content h1');
    assert.equal(await r2.page.textContent('#paste-content h1'), 'Titre');
    assert.equal(await r2.page.$eval('#paste-content em', (e) => e.textContent), 'important');
    assert.equal(await r2.page.evaluate(() => document.querySelector('#paste-content img')?.getAttribute('onerror') ?? null), null);
    assert.notEqual(await r2.page.title(), 'pwned');
  });

  it('reads in the page what an npm PrivateBin client wrote, and the client reads what the page wrote', async () => {
    const client = new PrivatebinClient(`${server.url}/paste`);
    const key = newKey();
    const sent = await client.sendText('Envoyé en ligne de commande', key, { expire: '1day', burnafterreading: 0, opendiscussion: 0, output: 'json', compression: 'zlib', textformat: 'plaintext' });
    const reader = await open();
    await reader.page.goto(`${server.url}/paste/?${sent.id}#${encodeKey(key)}`);
    await reader.page.waitForSelector('#paste-view:not([hidden])');
    assert.equal((await reader.page.textContent('#paste-content'))?.trim(), 'Envoyé en ligne de commande');

    const { link } = await write({ text: 'Écrit dans la page' });
    const url = new URL(link);
    const got = await client.getText(url.search.slice(1), Uint8Array.from(decodeBase58Key(url.hash.slice(1))));
    assert.deepEqual(got, { paste: 'Écrit dans la page' });
  });

  it('opens a delete link on a confirmation page that deletes', async () => {
    const { link, deleteLink } = await write({ text: 'temporaire' });
    const w = await open();
    await w.page.goto(deleteLink);
    await w.page.click('button.danger');
    await w.page.waitForSelector('.flash');
    assert.match((await w.page.textContent('.flash')) ?? '', /bien été supprimé/);
    await w.page.goto(link);
    await w.page.waitForSelector('#paste-error:not([hidden])');
  });

  it('has no serious accessibility violation on the writing page', async () => {
    const violations = await axeViolations(browser, `${server.url}/paste/`);
    assert.deepEqual(violations, [], describeViolations(violations));
  });

  it('has no serious accessibility violation on a decrypted paste with its discussion', async () => {
    const { link } = await write({ text: 'Ordre du jour', discussion: true });
    const context = await browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
    try {
      const page = await context.newPage();
      await page.goto(link);
      await page.waitForSelector('#paste-comments-section:not([hidden])');
      await page.evaluate(axe.source);
      const violations = (await page.evaluate(
        `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })))`,
      )) as AxeViolation[];
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(serious, [], describeViolations(serious));
    } finally {
      await context.close();
    }
  });
});

function decodeBase58Key(s: string): Uint8Array {
  const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  let n = 0n;
  for (const ch of s) n = n * 58n + BigInt(ALPHABET.indexOf(ch));
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(n & 255n);
    n >>= 8n;
  }
  return out;
}
