// `npm test` on a machine without Chromium: the browser suites are skipped with one line saying what to
// install; with CHATON_REQUIRE_BROWSER=1 (CI) they run, and a missing browser fails them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { browserSkip } from '../browser/browser.js';

const missing = (): boolean => false;
const present = (): boolean => true;

describe('browser tests without a browser', () => {
  it('are skipped with what to install', () => {
    const reason = browserSkip({}, missing);
    assert.ok(reason);
    assert.match(reason, /apt-get install chromium/);
    assert.doesNotMatch(reason, /\n/, 'one line');
  });

  it('run when Chromium is there', () => {
    assert.equal(browserSkip({}, present), false);
    assert.equal(browserSkip({ CHATON_REQUIRE_BROWSER: '1' }, present), false);
  });

  it('are never skipped when CI requires the browser (a missing one fails them)', () => {
    assert.equal(browserSkip({ CHATON_REQUIRE_BROWSER: '1' }, missing), false);
  });
});
