// Dates shown to people (src/i18n/dates.ts, src/portal/ui/when.tsx): one formatter; the server writes the
// chaton's zone and names it, inside <time datetime data-style> that the page script rewrites.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { formatDate, isTimeZone } from '../../src/i18n/dates.js';
import { translator } from '../../src/i18n/index.js';
import { When, tWith } from '../../src/portal/ui/when.js';
import type { Config } from '../../src/config/schema.js';

const MOMENT = Date.UTC(2026, 10, 30, 23, 56, 7);
const plain = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ');
const ctxIn = (zone: string) => ({ lang: 'fr' as const, t: translator('fr'), config: { chaton: { time_zone: zone } } as Config });

describe('dates', () => {
  it('writes one moment in the zone asked, in each language', () => {
    assert.equal(plain(formatDate(MOMENT, 'fr', 'dateTime', { timeZone: 'Europe/Paris' })), '1 décembre 2026 à 00:56');
    assert.equal(plain(formatDate(MOMENT, 'fr', 'dateTime', { timeZone: 'UTC' })), '30 novembre 2026 à 23:56');
    assert.equal(plain(formatDate(MOMENT, 'en', 'date', { timeZone: 'America/Montreal' })), '30 November 2026');
    assert.equal(plain(formatDate(MOMENT, 'fr', 'time', { timeZone: 'Europe/Paris', zoneName: true })), '00:56 UTC+1');
  });

  it('knows the IANA zones and nothing else', () => {
    assert.ok(isTimeZone('Europe/Paris'));
    assert.ok(isTimeZone('UTC'));
    assert.ok(!isTimeZone('Europe/Lyon'));
    assert.ok(!isTimeZone(''));
  });

  it('renders server dates in the chaton’s zone, named, inside <time> for the visitor’s script', () => {
    const html = plain(render(h(When, { ctx: ctxIn('Europe/Paris'), at: MOMENT, style: 'dateTime' })));
    assert.equal(html, '<time datetime="2026-11-30T23:56:07.000Z" data-style="dateTime">1 décembre 2026 à 00:56 UTC+1</time>');
  });

  it('puts such a date inside a translated sentence, escaping the rest', () => {
    const ctx = ctxIn('UTC');
    const html = plain(render(h('p', null, tWith(ctx, 'charters.current', { version: '<b>2</b>', date: When({ ctx, at: MOMENT }) }))));
    assert.ok(html.includes('<time datetime="2026-11-30T23:56:07.000Z" data-style="date">30 novembre 2026</time>'), html);
    assert.ok(html.includes('&lt;b>2&lt;/b>'), html);
  });
});
