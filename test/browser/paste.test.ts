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
import { encodeKey, encryptPaste, newKey, pasteLink } from '../../web/paste/crypto.js';
import { LANGUAGES } from '../../src/modules/paste/languages.js';
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
    assert.match((await reader.page.textContent('#paste-expires')) ?? '', /Expire dans 6\s+jours 23\sh\.$/);
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
    // A second visitor learns it is gone at once, without being asked "read it now?" first.
    await late.page.waitForSelector('#paste-error:not([hidden])');
    assert.match((await late.page.textContent('#paste-error')) ?? '', /n’existe pas, a expiré ou a déjà été lu/);
    assert.equal(await late.page.isHidden('#paste-burn-confirm'), true, 'not asked to read what is gone');
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
    assert.equal(await r1.page.isVisible('#paste-plain-note'), false);
    const md = await write({ text: '# Titre\n\n*important* <img src=x onerror="document.title=\'pwned\'">', format: 'markdown' });
    const r2 = await open();
    await r2.page.goto(md.link);
    await r2.page.waitForSelector('#paste-content h1');
    assert.equal(await r2.page.textContent('#paste-content h1'), 'Titre');
    assert.equal(await r2.page.$eval('#paste-content em', (e) => e.textContent), 'important');
    assert.equal(await r2.page.evaluate(() => document.querySelector('#paste-content img')?.getAttribute('onerror') ?? null), null);
    assert.notEqual(await r2.page.title(), 'pwned');
  });

  it('offers all of highlight.js’ common languages and loads only the one a paste needs', async () => {
    const page = (await open()).page;
    await page.goto(`${server.url}/paste/`);
    const options = await page.$$eval('#paste-language option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    assert.equal(options[0], '');
    assert.deepEqual(options.slice(1).sort(), LANGUAGES.map(([id]) => id).sort());
    const kotlin = await write({ text: 'fun main() {\n    val ville = "Quimper"\n    println(ville)\n}', format: 'syntaxhighlighting', language: 'kotlin' });
    const reader = await open();
    const scripts: string[] = [];
    reader.context.on('request', (r) => scripts.push(new URL(r.url()).pathname));
    await reader.page.goto(kotlin.link);
    await reader.page.waitForSelector('#paste-content .hljs-keyword');
    assert.equal(await reader.page.textContent('#paste-content .hljs-keyword'), 'fun');
    const chunks = scripts.filter((u) => u.startsWith('/assets/web/chunks/')).map((u) => u.split('/').pop()!.replace(/-[^-]+\.js$/, ''));
    assert.ok(chunks.includes('kotlin'), chunks.join(' '));
    assert.ok(!chunks.includes('lua') && !chunks.includes('python'), `only Kotlin is loaded: ${chunks.join(' ')}`);
    assertSelfContained(reader);
  });

  it('previews Markdown before sending, through the reader’s pipeline, with the keyboard', async () => {
    // bypassCSP only to run axe-core on the preview at the end; the pipeline itself is the page's.
    const context = await browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/paste/`);
      assert.equal(await page.isVisible('#paste-tabs'), false, 'no tabs for plain text');
      await page.fill('#paste-text', '# Ordre du jour\n\n*important* <img src=x onerror="document.title=\'pwned\'"> <script>document.title=\'pwned\'</script>');
      await page.selectOption('#paste-format', 'markdown');
      assert.equal(await page.isVisible('#paste-tabs'), true);
      await page.focus('#paste-tab-write');
      await page.keyboard.press('ArrowRight');
      await page.waitForSelector('#paste-preview h1');
      assert.equal(await page.textContent('#paste-preview h1'), 'Ordre du jour');
      assert.equal(await page.textContent('#paste-preview em'), 'important');
      assert.equal(await page.evaluate(() => document.querySelector('#paste-preview img')?.getAttribute('onerror') ?? null), null);
      assert.equal(await page.$('#paste-preview script'), null);
      assert.notEqual(await page.title(), 'pwned');
      assert.equal(await page.isVisible('#paste-text'), false);
      assert.equal(await page.getAttribute('#paste-tab-preview', 'aria-selected'), 'true');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'paste-tab-preview');
      await page.evaluate(axe.source);
      const violations = (await page.evaluate(
        `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })))`,
      )) as AxeViolation[];
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(serious, [], describeViolations(serious));
      // Back to writing: the text is there, unchanged, and is what gets sent.
      await page.keyboard.press('ArrowLeft');
      assert.equal(await page.isVisible('#paste-text'), true);
      assert.match(await page.inputValue('#paste-text'), /^# Ordre du jour/);
      await page.selectOption('#paste-format', 'plaintext');
      assert.equal(await page.isVisible('#paste-tabs'), false);
    } finally {
      await context.close();
    }
  });

  it('keeps the page’s own comment form when a Markdown paste forges its fields: commenters’ names and texts stay theirs', async () => {
    const { link } = await write({
      format: 'markdown',
      discussion: true,
      text: 'Avis aux lecteurs\n\n<form id="paste-comment-form"><textarea id="paste-comment" name="comment" hidden>texte de l’auteur</textarea><input id="paste-nickname" name="nickname" hidden value="L’auteur"><button id="paste-send">Envoyer</button></form><p id="paste-reply-note" name="x" form="paste-comment-form" class="flash">piège</p>',
    });
    const reader = await open();
    await reader.page.goto(link);
    await reader.page.waitForSelector('#paste-comments-section:not([hidden])');
    await reader.page.waitForSelector('#paste-content .paste-markdown');
    // What the paste wrote is in the page as text only: no form, field, button, id, name or form attribute.
    const forged = await reader.page.$$eval('#paste-content .paste-markdown *', (els) =>
      els.filter((e) => /^(FORM|INPUT|TEXTAREA|BUTTON|SELECT)$/.test(e.tagName) || e.hasAttribute('id') || e.hasAttribute('name') || e.hasAttribute('form') || e.hasAttribute('class')).map((e) => e.outerHTML),
    );
    assert.deepEqual(forged, []);
    await reader.page.fill('#paste-comment-form #paste-nickname', 'Bérénice');
    await reader.page.fill('#paste-comment-form #paste-comment', 'Mon propre avis');
    await reader.page.click('#paste-comment-form button[type=submit]');
    await reader.page.waitForSelector('.paste-comment');
    assert.equal(await reader.page.textContent('.paste-comment strong'), 'Bérénice');
    assert.equal(await reader.page.textContent('.paste-comment .paste-comment-text'), 'Mon propre avis');
    assertSelfContained(reader);
  });

  it('drops event handlers and third-party images from a Markdown paste (the allow-list, not only the CSP)', async () => {
    const { link } = await write({
      format: 'markdown',
      text: '![le pixel](https://tracker.example/pixel.gif) ![ici](/assets/logo.png) ![inline](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==)\n\n<img src="https://tracker.example/b.gif" alt="balise" onerror="document.title=1"> <a href="javascript:alert(1)" onclick="x()" style="color:red" target="_blank">lien</a> <a href="https://example.org">ailleurs</a> <a href="#paste-comment">ancre</a>',
    });
    const reader = await open();
    await reader.page.goto(link);
    await reader.page.waitForSelector('#paste-content .paste-markdown');
    const html = await reader.page.innerHTML('#paste-content');
    assert.doesNotMatch(html, /tracker|onerror|onclick|style=|javascript:|target=|\/assets\/logo|#paste-comment/);
    // The refused images leave their alternative text; the inline one stays.
    const text = (await reader.page.textContent('#paste-content')) ?? '';
    for (const alt of ['le pixel', 'ici', 'balise']) assert.ok(text.includes(alt), alt);
    assert.deepEqual(await reader.page.$$eval('#paste-content img', (els) => els.map((e) => (e as HTMLImageElement).alt)), ['inline']);
    assert.deepEqual(
      await reader.page.$$eval('#paste-content a', (els) => els.map((e) => `${e.getAttribute('href')} ${e.getAttribute('rel')}`)),
      ['null noopener noreferrer nofollow', 'https://example.org noopener noreferrer nofollow', 'null noopener noreferrer nofollow'],
    );
    // No load was left for the CSP to refuse (Chromium still reports the handlers and styles it saw while
    // parsing into DOMPurify's inert document, where nothing runs).
    assert.deepEqual(reader.errors.filter((e) => /Refused to (load|connect|frame)/i.test(e)), [], 'nothing was left for the CSP to refuse');
    assert.notEqual(await reader.page.title(), '1');
    assert.ok(reader.requests.every((url) => !url.includes('tracker.example') && !url.endsWith('/assets/logo.png')));
  });

  it('shows a 40,000-hex-character line with automatic language detection as plain text, with a note', async () => {
    const hex = Array.from({ length: 40_000 }, (_, i) => '0123456789abcdef'[(i * 7 + (i >> 3)) % 16]).join('');
    const { link } = await write({ text: hex, format: 'syntaxhighlighting' });
    const reader = await open();
    await reader.page.goto(link);
    await reader.page.waitForSelector('#paste-view:not([hidden])');
    assert.equal((await reader.page.textContent('#paste-content'))?.trim(), hex);
    assert.equal(await reader.page.isVisible('#paste-plain-note'), true);
    assert.match((await reader.page.textContent('#paste-plain-note')) ?? '', /sans mise en forme ni coloration syntaxique/);
    assert.equal(await reader.page.$$eval('#paste-content [class^="hljs-"]', (els) => els.length), 0);
  });

  it('shows as plain text, with a note, Markdown that would take its renderer minutes or overflow its stack', async () => {
    for (const text of ['_a'.repeat(50_000), '>'.repeat(5000) + ' fin']) {
      const key = newKey();
      const body = await encryptPaste(key, '', { paste: text }, { format: 'markdown', expire: '1day', discussion: false, burn: false });
      const res = await fetch(`${server.url}/paste/`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'JSONHttpRequest' }, body: JSON.stringify(body) });
      const { id } = (await res.json()) as { id: string };
      const reader = await open();
      await reader.page.goto(pasteLink(`${server.url}/paste/`, id, key, false));
      // The note comes once the renderer's 5-second budget is spent; on a busy machine the page's timers run
      // late, so the wait is bounded generously (a bound, not a timing assertion).
      await reader.page.waitForSelector('#paste-plain-note:not([hidden])', { timeout: 120_000 });
      assert.equal(await reader.page.$eval('#paste-content pre', (e) => e.textContent), text);
      assert.equal(await reader.page.$$eval('#paste-content .paste-markdown', (els) => els.length), 0);
      // The page still answers.
      await reader.page.click('#paste-copy');
      assert.deepEqual(reader.errors.filter((e) => !/Password forms/.test(e)), []);
    }
  });

  it('follows the admins’ highlighting limits (paste.highlight_max_chars)', async () => {
    const small = await startTestServer({ modules: [paste], config: { paste: { highlight_max_chars: 10 } } });
    try {
      const key = newKey();
      const body = await encryptPaste(key, '', { paste: 'def bonjour():\n    return 1', language: 'python' }, { format: 'syntaxhighlighting', expire: '1day', discussion: false, burn: false });
      const res = await fetch(`${small.url}/paste/`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'JSONHttpRequest' }, body: JSON.stringify(body) });
      const { id } = (await res.json()) as { id: string };
      const reader = await open('en-GB');
      await reader.page.goto(pasteLink(`${small.url}/paste/`, id, key, false));
      await reader.page.waitForSelector('#paste-plain-note:not([hidden])');
      assert.match((await reader.page.textContent('#paste-plain-note')) ?? '', /without formatting or syntax highlighting/);
      assert.equal(await reader.page.$$eval('#paste-content [class^="hljs-"]', (els) => els.length), 0);
    } finally {
      await small.close();
    }
  });

  it('shows a long paste whole and unchanged (laid out in blocks near the screen)', async () => {
    const text = Array.from({ length: 6000 }, (_, i) => `ligne ${i} : le chaton de Quimper 🐱 ${'x'.repeat(i % 80)}`).join('\n') + '\n' + 'é'.repeat(20_000);
    // Sent as a browser would, without typing half a megabyte into the form.
    const key = newKey();
    const body = await encryptPaste(key, '', { paste: text }, { format: 'plaintext', expire: '1day', discussion: false, burn: false });
    const res = await fetch(`${server.url}/paste/`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'JSONHttpRequest' }, body: JSON.stringify(body) });
    const { id } = (await res.json()) as { id: string };
    const reader = await open();
    await reader.page.goto(pasteLink(`${server.url}/paste/`, id, key, false));
    await reader.page.waitForSelector('#paste-view:not([hidden])');
    assert.equal(await reader.page.$eval('#paste-content pre', (e) => e.textContent), text);
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
