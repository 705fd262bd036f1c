// What a person does in a browser to get a chaton going and join it: the first admin through the
// one-time link, a member charter published, an invitation, signup with the charter accepted, login;
// then a new charter version, accepted again at the next login.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { issueSetupToken } from '../../src/portal/accounts/setup-link.js';
import { browserSkip, launchBrowser, watchedPage } from './browser.js';

describe('getting started and joining, in Chromium', { skip: browserSkip() }, () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Page;
  let member: Page;

  before(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ config: { chaton: { name: 'Chaton de Quimper' } } });
    admin = (await watchedPage(browser)).page;
    member = (await watchedPage(browser)).page;
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const publishMemberCharter = async (body: string, summary: string): Promise<void> => {
    await admin.goto(`${server.url}/admin/charters?kind=member`);
    await admin.getByLabel(/^Texte de la charte/).fill(body);
    await admin.getByLabel(/^Résumé des changements/).fill(summary);
    await admin.getByRole('button', { name: /Publier la version/ }).click();
    await admin.waitForURL(/\/admin\/charters/);
  };

  const logIn = async (page: Page, username: string, password: string): Promise<void> => {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Nom d’utilisateur').fill(username);
    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
  };

  it('creates the first admin with the one-time link printed at start', async () => {
    const token = await issueSetupToken(server.core.db, server.config.secrets.session);
    assert.ok(token);
    await admin.goto(`${server.url}/setup/${token}`);
    await admin.getByLabel('Nom d’utilisateur').fill('fanch');
    await admin.getByLabel(/^Nouveau mot de passe/).fill('une phrase de passe solide');
    await admin.getByLabel('Le même mot de passe, encore une fois').fill('une phrase de passe solide');
    await admin.getByRole('button').filter({ hasText: /compte/i }).first().click();
    await admin.waitForURL(`${server.url}/admin`);
    assert.match((await admin.textContent('h1')) ?? '', /Tableau de bord/);
    // The link works once.
    const again = await (await watchedPage(browser)).page.goto(`${server.url}/setup/${token}`);
    assert.ok(again && again.status() >= 400);
  });

  it('invites a member who signs up accepting the member charter, then logs in', async () => {
    await publishMemberCharter('# Charte des membres\n\nNous gardons vos données 30 jours.', 'première version');
    await admin.goto(`${server.url}/admin/invitations`);
    await admin.getByRole('button', { name: 'Créer le lien d’invitation' }).click();
    const link = (await admin.locator('code.link').textContent()) ?? '';
    const path = new URL(link).pathname;
    assert.match(path, /^\/invite\/[A-Za-z0-9_-]{40,}$/);

    await member.goto(server.url + path);
    await member.getByLabel('Nom d’utilisateur').fill('nabila');
    await member.getByLabel(/^Nouveau mot de passe/).fill('mon mot de passe à moi');
    await member.getByLabel('Le même mot de passe, encore une fois').fill('mon mot de passe à moi');
    await member.getByLabel(/J’ai lu et j’accepte la charte des membres \(version 1\)/).check();
    await member.getByRole('button', { name: /Créer mon compte|compte/ }).first().click();
    await member.waitForLoadState();
    assert.match(await member.locator('header').textContent() ?? '', /Mon compte/);

    await member.getByRole('button', { name: 'Se déconnecter' }).click();
    await member.waitForLoadState();
    await logIn(member, 'nabila', 'mon mot de passe à moi');
    await member.waitForURL(`${server.url}/`);
    assert.match(await member.locator('header').textContent() ?? '', /Mon compte/);

    const accepted = await server.core.db.selectFrom('charter_acceptances').selectAll().execute();
    assert.equal(accepted.length, 1);
    assert.equal(accepted[0]?.version, 1);
  });

  it('asks for the new charter version at the next login, and records the acceptance', async () => {
    await publishMemberCharter('# Charte des membres\n\nNous gardons vos données 60 jours.', 'durée de conservation');
    await member.getByRole('button', { name: 'Se déconnecter' }).click();
    await member.waitForLoadState();
    await logIn(member, 'nabila', 'mon mot de passe à moi');
    await member.waitForURL(/\/charters\/accept/);
    const page = (await member.locator('main').textContent()) ?? '';
    assert.match(page, /durée de conservation/);
    await member.getByLabel(/J’ai lu la charte des membres \(version 2\)/).check();
    await member.getByRole('button', { name: 'J’accepte' }).click();
    await member.waitForURL(`${server.url}/`);

    await admin.goto(`${server.url}/admin/charters/acceptances`);
    assert.match((await admin.locator('main').textContent()) ?? '', /nabila/);
    const versions = (await server.core.db.selectFrom('charter_acceptances').select('version').orderBy('version').execute()).map((r) => r.version);
    assert.deepEqual(versions, [1, 2]);
  });
});
