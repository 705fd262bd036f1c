// Byte sizes and remaining times as people read them: one convention per language, shared by the server
// and the browser bundles (src/i18n/bytes.ts, src/i18n/durations.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes } from '../../src/i18n/bytes.js';
import { formatRemaining } from '../../src/i18n/durations.js';

const NBSP = '\u00a0';
const sp = (s: string): string => s.replaceAll(' ', NBSP);
/** Unit spaces (no-break, whatever Intl chooses) read as plain spaces. */
const plain = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ');

describe('byte sizes', () => {
  it('writes o/ko/Mo/Go in French and B/kB/MB/GB in English, decimal units, numbers of the language', () => {
    assert.equal(formatBytes(0, 'fr'), sp('0 o'));
    assert.equal(formatBytes(999, 'en'), sp('999 B'));
    assert.equal(formatBytes(1_500, 'fr'), sp('1,5 ko'));
    assert.equal(formatBytes(1_500_000, 'fr'), sp('1,5 Mo'));
    assert.equal(formatBytes(1_500_000, 'en'), sp('1.5 MB'));
    assert.equal(formatBytes(100_000_000_000, 'fr'), sp('100 Go'));
    assert.equal(formatBytes(2_000_000_000_000, 'en'), sp('2 TB'));
  });

  it('never overstates a limit: the value is cut, not rounded up', () => {
    // Drop's default largest file, 4 GiB.
    assert.equal(formatBytes(4 * 1024 ** 3, 'fr'), sp('4,2 Go'));
    assert.equal(formatBytes(1_999_999, 'en'), sp('1.9 MB'));
  });

  it('is the one formatter of Drop (page and script) and Paste', async () => {
    const ui = await import('../../web/drop/ui.js');
    assert.equal(ui.formatBytes, formatBytes);
  });
});

describe('remaining time', () => {
  it('is never overstated: 1 h 30 min is not "2 hours", 1 day 12 h is not "2 days"', () => {
    assert.equal(plain(formatRemaining(90 * 60, 'fr')), '1 h 30 min');
    assert.equal(plain(formatRemaining(90 * 60, 'en')), '1 h 30 min');
    assert.equal(plain(formatRemaining(36 * 3600, 'fr')), '1 jour 12 h');
    assert.equal(plain(formatRemaining(36 * 3600, 'en')), '1 day 12 h');
    assert.equal(plain(formatRemaining(2 * 3600 - 1, 'en')), '1 h 59 min');
    assert.equal(plain(formatRemaining(7 * 86400 - 5, 'fr')), '6 jours 23 h');
  });

  it('shows one unit when the rest is nothing or the first unit is large', () => {
    assert.equal(plain(formatRemaining(3600, 'fr')), '1 heure');
    assert.equal(plain(formatRemaining(2 * 86400, 'en')), '2 days');
    assert.equal(plain(formatRemaining(12 * 86400 + 5000, 'fr')), '12 jours');
    assert.equal(plain(formatRemaining(10 * 3600 + 59 * 60, 'en')), '10 hours');
    assert.equal(plain(formatRemaining(45, 'fr')), '45 secondes');
    assert.equal(plain(formatRemaining(-3, 'en')), '0 seconds');
  });
});
