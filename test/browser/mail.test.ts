// A member who forgot their password, in Chromium, with the keyboard: the login page's link, the address
// form, the e-mail (from a real SMTP server started here), the link, the new password. The pages pass axe
// and read at 390 px.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { makeMember } from '../helpers/login.js';
import { TestSmtp } from '../helpers/smtp.js';
import { setEmail } from '../../src/portal/accounts/members.js';
import { axeViolations, browserSkip, describeViolations, launchBrowser, WatchedPages } from './browser.js';

describe('forgotten password by e-mail, in Chromium', { skip: browserSkip() }, () => {
  const smtp = new TestSmtp();
  let server: TestServer;
  let browser: Browser;
  const pages = new WatchedPages(() => browser);

  before(async () => {
    await smtp.start();
    browser = await launchBrowser();
    server = await startTestServer({ config: { chaton: { name: 'Chaton de Brest' }, mail: smtp.config() } });
    const member = await makeMember(server.core.db, 'gwen');
    await setEmail(server.core.db, member.id, 'gwen@example.org', 'fr');
  });

  after(async () => {
    await pages.closeAll();
    await browser?.close();
    await server?.close();
    await smtp.stop();
  });

  it('gets a link by e-mail from the login page and chooses a new password, with the keyboard', async () => {
    const { page, errors } = await pages.open();
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(`${server.url}/login`);
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/forgot`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, 'no sideways scrolling at 390 px');
    await page.getByLabel('Adresse électronique').fill('gwen@example.org');
    await page.keyboard.press('Enter');
    await page.getByRole('status').waitFor();
    assert.match((await page.getByRole('status').textContent()) ?? '', /Si un compte a l’adresse gwen@example\.org/);

    const [mail] = await smtp.waitFor(1);
    assert.equal(mail!.subject, 'Chaton de Brest : choisir un nouveau mot de passe');
    const link = /https?:\/\/\S+\/reset\/[A-Za-z0-9_-]+/.exec(mail!.text)?.[0];
    assert.ok(link);
    await page.goto(server.url + new URL(link).pathname);
    await page.getByLabel(/^Nouveau mot de passe/).fill('une toute nouvelle phrase');
    await page.getByLabel('Le même mot de passe, encore une fois').fill('une toute nouvelle phrase');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/account\?done=password/);
    assert.deepEqual(errors, []);
  });

  it('passes axe on the login and forgotten password pages', async () => {
    for (const path of ['/login', '/forgot']) {
      const violations = await axeViolations(browser, server.url + path);
      assert.deepEqual(violations, [], `${path}:\n${describeViolations(violations)}`);
    }
  });
});
