// The browser harness: Debian's Chromium driven by playwright-core (no browser download at test time),
// pages that record every request and console error, and an accessibility check with axe-core.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import axe from 'axe-core';

export const CHROMIUM = '/usr/bin/chromium';

/** What to install to run the browser tests. */
export const INSTALL_CHROMIUM = `${CHROMIUM} is missing: the browser tests need Debian's Chromium. Install it with "apt-get install chromium fonts-dejavu-core" (.ci/run does it).`;

/**
 * The skip reason of the browser test suites: on a machine without Chromium they are skipped with one
 * line saying what to install, unless CHATON_REQUIRE_BROWSER=1 (set by .ci/run), where a missing
 * browser is a failure (launchBrowser throws), so that CI never skips them.
 */
export function browserSkip(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): string | false {
  if (exists(CHROMIUM) || env.CHATON_REQUIRE_BROWSER === '1') return false;
  return INSTALL_CHROMIUM;
}

/** Launches Chromium, or fails with a message that says what to install. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(INSTALL_CHROMIUM);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Every URL the page requested. */
  requests: string[];
  /** Console errors, e.g. a resource refused by the Content-Security-Policy. */
  errors: string[];
}

/** A page in a fresh context (its own cookies), with the site's real CSP, that records its requests. */
export async function watchedPage(browser: Browser, options: { locale?: string; timezoneId?: string } = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ locale: options.locale ?? 'fr-FR', ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}) });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, context, requests, errors };
}

/** The watched pages a test file opens, all closed at the end (`closeAll` in its `after`). */
export class WatchedPages {
  readonly all: WatchedPage[] = [];

  /** `browser` is read at each opening: test files launch it in `before`. */
  constructor(private readonly browser: () => Browser) {}

  async open(locale?: string): Promise<WatchedPage> {
    const w = await watchedPage(this.browser(), locale ? { locale } : {});
    this.all.push(w);
    return w;
  }

  async closeAll(): Promise<void> {
    for (const w of this.all) await w.context.close().catch(() => {});
  }
}

export interface AxeViolation { id: string; impact: string; help: string; targets: string[] }

/**
 * Runs axe-core on `url` and returns the serious and critical violations. The CSP forbids injected
 * scripts, so this runs in its own context with bypassCSP (and only this does).
 */
export async function axeViolations(browser: Browser, url: string, options: { locale?: string; cookies?: { name: string; value: string }[]; prepare?: (page: Page) => Promise<void>; viewport?: { width: number; height: number } } = {}): Promise<AxeViolation[]> {
  const context = await browser.newContext({ bypassCSP: true, locale: options.locale ?? 'fr-FR', ...(options.viewport ? { viewport: options.viewport } : {}) });
  try {
    // Cookies (a session, a language) for pages behind a login.
    if (options.cookies?.length) await context.addCookies(options.cookies.map((c) => ({ ...c, url })));
    const page = await context.newPage();
    await page.goto(url);
    // What to do before the check, e.g. open a list of suggestions.
    if (options.prepare) await options.prepare(page);
    await page.evaluate(axe.source);
    // A string, not a function: the test runner's transpiler must not touch code run in the page.
    const violations = (await page.evaluate(
      `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })))`,
    )) as AxeViolation[];
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  } finally {
    await context.close();
  }
}

/** One line per violation, for assertion messages. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.targets.slice(0, 3).join(', ')})`).join('\n');
}
