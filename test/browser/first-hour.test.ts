// A volunteer's first hour, as a person does it in Chromium, at 1,280 and at 390 px: the chaton started on a
// port of its own, the first admin through the one-time link, the first-steps checklist, both charters
// published, the public address set, a member invited by e-mail (a real SMTP server started here), the member
// joining from the e-mail, then resetting a forgotten password by e-mail; the checklist ticks from real state,
// and every page of the walk passes axe without a serious or critical violation.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { TestSmtp } from '../helpers/smtp.js';
import { issueSetupToken } from '../../src/portal/accounts/setup-link.js';
import { axeViolations, browserSkip, describeViolations, launchBrowser, WatchedPages } from './browser.js';

const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

for (const viewport of WIDTHS) {
  describe(`the first hour at ${viewport.width} px, in Chromium`, { skip: browserSkip() }, () => {
    const smtp = new TestSmtp();
    let server: TestServer;
    let browser: Browser;
    const pages = new WatchedPages(() => browser);
    let admin: Page;
    const checked: string[] = [];

    before(async () => {
      await smtp.start();
      browser = await launchBrowser();
      server = await startTestServer({ config: { chaton: { name: 'Chaton de Quimper' }, mail: smtp.config() } });
      admin = (await pages.open()).page;
      await admin.setViewportSize(viewport);
    });

    after(async () => {
      await pages.closeAll();
      await browser?.close();
      await server?.close();
      await smtp.stop();
    });

    /** axe on the page `page` shows, with its cookies, at this width; and no sideways scrolling. */
    const check = async (page: Page): Promise<void> => {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `no sideways scrolling on ${page.url()} at ${viewport.width} px`);
      const cookies = (await page.context().cookies()).map((c) => ({ name: c.name, value: c.value }));
      const violations = await axeViolations(browser, page.url(), { cookies, viewport });
      assert.deepEqual(violations, [], `${page.url()}: ${describeViolations(violations)}`);
      checked.push(new URL(page.url()).pathname);
    };

    // The state in words, after its symbol ("✓ Fait", "○ À faire").
    const state = async (id: string): Promise<string> => ((await admin.locator(`#step-${id} .step-state`).textContent()) ?? '').trim().replace(/^\S+\s+/, '');

    it('creates the first admin and sees what is left to do', async () => {
      assert.notEqual(new URL(server.url).port, '8080');
      const token = await issueSetupToken(server.core.db, server.config.secrets.session);
      assert.ok(token);
      await admin.goto(`${server.url}/setup/${token}`);
      await check(admin);
      await admin.getByLabel('Nom d’utilisateur').fill('fanch');
      await admin.getByLabel(/^Nouveau mot de passe/).fill('une phrase de passe solide');
      await admin.getByLabel('Le même mot de passe, encore une fois').fill('une phrase de passe solide');
      await admin.getByRole('button').filter({ hasText: /compte/i }).first().click();
      await admin.waitForURL(`${server.url}/admin`);
      await check(admin);
      assert.equal(await state('charters'), 'À faire');
      assert.equal(await state('address'), 'À faire');
      assert.equal(await state('mail'), 'Fait');
    });

    it('publishes both charters and sets the public address: the checklist ticks', async () => {
      for (const kind of ['member', 'anonymous']) {
        await admin.goto(`${server.url}/admin/charters?kind=${kind}`);
        await admin.getByLabel(/^Texte de la charte en français/).fill(`# Charte (${kind})\n\nNous gardons vos données 30 jours.`);
        await admin.getByLabel(/^Résumé des changements, en français/).fill('première version');
        await admin.getByRole('button', { name: /Publier la version/ }).click();
        await admin.waitForURL(/\/admin\/charters/);
      }
      await check(admin);
      // What the volunteer writes in chaton.toml once the address is known.
      server.config.public_url = server.url;
      await admin.goto(`${server.url}/admin/services`);
      await admin.getByRole('button', { name: 'Vérifier l’état des services maintenant' }).click();
      await admin.getByText(/services? vérifiés? à/).waitFor();
      await admin.goto(`${server.url}/admin`);
      assert.equal(await state('charters'), 'Fait');
      assert.equal(await state('address'), 'Fait');
      assert.equal(await state('services'), 'Fait');
      await check(admin);
    });

    it('invites a member by e-mail; the member joins from the e-mail and resets a forgotten password by e-mail', async () => {
      await admin.goto(`${server.url}/admin/invitations`);
      await admin.getByLabel(/^Adresse électronique de la personne/).fill('nabila@example.org');
      await admin.getByRole('button', { name: 'Créer le lien d’invitation' }).click();
      await admin.getByText(/nabila@example\.org/).first().waitFor();
      await check(admin);
      const [invitation] = await smtp.waitFor(1);
      assert.deepEqual(invitation!.to, ['nabila@example.org']);
      assert.match(invitation!.subject, /^Chaton de Quimper/);
      const invite = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec(invitation!.text)?.[0];
      assert.ok(invite, invitation!.text);
      // The link names the port the chaton really listens on.
      assert.equal(new URL(invite).origin, server.url);

      const { page: member, errors } = await pages.open();
      await member.setViewportSize(viewport);
      await member.goto(invite);
      await check(member);
      await member.getByLabel('Nom d’utilisateur').fill('nabila');
      await member.getByLabel(/^Nouveau mot de passe/).fill('mon mot de passe à moi');
      await member.getByLabel('Le même mot de passe, encore une fois').fill('mon mot de passe à moi');
      await member.getByLabel(/J’ai lu et j’accepte la charte des membres \(version 1\)/).check();
      await member.getByRole('button', { name: /compte/ }).first().click();
      await member.waitForLoadState();

      await member.goto(`${server.url}/account`);
      await member.locator('#email').fill('nabila@example.org');
      await member.locator('#email-password').fill('mon mot de passe à moi');
      await member.getByRole('button', { name: 'Enregistrer l’adresse' }).click();
      await member.getByText('Adresse : nabila@example.org').waitFor();
      await check(member);
      await member.getByRole('button', { name: 'Se déconnecter' }).click();
      await member.waitForLoadState();

      await member.goto(`${server.url}/login`);
      await member.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
      await member.waitForURL(`${server.url}/forgot`);
      await check(member);
      await member.getByLabel('Adresse électronique').fill('nabila@example.org');
      await member.getByRole('button', { name: 'Recevoir un lien' }).click();
      await member.getByRole('status').waitFor();
      const [, reset] = await smtp.waitFor(2);
      const link = /https?:\/\/\S+\/reset\/[A-Za-z0-9_-]+/.exec(reset!.text)?.[0];
      assert.ok(link, reset!.text);
      assert.equal(new URL(link).origin, server.url);
      await member.goto(link);
      await member.getByLabel(/^Nouveau mot de passe/).fill('une toute nouvelle phrase');
      await member.getByLabel('Le même mot de passe, encore une fois').fill('une toute nouvelle phrase');
      await member.keyboard.press('Enter');
      await member.waitForURL(/\/account\?done=password/);
      assert.deepEqual(errors, []);
      assert.ok(checked.length >= 8);
    });
  });
}
