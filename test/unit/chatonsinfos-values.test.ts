// SPDX-License-Identifier: AGPL-3.0-or-later
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isCountryCode,
  isEmail,
  isHttpUrl,
  isUri,
  parseDateTimeValue,
  parseDateValue,
  parseNumberList,
  parseNumberValue,
  unquote,
} from '../../src/federation/chatonsinfos/values.js';

test('dates: ISO and dd/mm/yyyy into ISO, impossible dates rejected', () => {
  assert.equal(parseDateValue('2020-07-06'), '2020-07-06');
  assert.equal(parseDateValue('08/11/2018'), '2018-11-08');
  assert.equal(parseDateValue(' 7/1/2021 '), '2021-01-07');
  assert.equal(parseDateValue('29/02/2024'), '2024-02-29');
  assert.equal(parseDateValue('29/02/2023'), undefined);
  assert.equal(parseDateValue('31/02/2020'), undefined);
  assert.equal(parseDateValue('2020-13-01'), undefined);
  assert.equal(parseDateValue('11/08/18'), undefined);
  assert.equal(parseDateValue('2020/07/06'), undefined);
  assert.equal(parseDateValue(''), undefined);
});

test('date-times: ISO with optional seconds, fraction and zone', () => {
  assert.equal(parseDateTimeValue('2020-07-06T14:23:20'), '2020-07-06T14:23:20');
  assert.equal(parseDateTimeValue('2020-07-06 14:23'), '2020-07-06T14:23:00');
  assert.equal(parseDateTimeValue('2020-07-06T14:23:20.123+02:00'), '2020-07-06T14:23:20+02:00');
  assert.equal(parseDateTimeValue('2020-07-06T14:23:20Z'), '2020-07-06T14:23:20Z');
  assert.equal(parseDateTimeValue('2020-07-06T24:00:00'), undefined);
  assert.equal(parseDateTimeValue('2020-07-06'), undefined);
  assert.equal(parseDateTimeValue('06/07/2020 14:23'), undefined);
});

test('numbers with decimal point or comma', () => {
  assert.equal(parseNumberValue('15,23456'), 15.23456);
  assert.equal(parseNumberValue('-0,5'), -0.5);
  assert.equal(parseNumberValue('+1.25'), 1.25);
  assert.equal(parseNumberValue(' 42 '), 42);
  assert.equal(parseNumberValue(',5'), 0.5);
  assert.equal(parseNumberValue('1,234.5'), undefined);
  assert.equal(parseNumberValue('1 234'), undefined);
  assert.equal(parseNumberValue('12abc'), undefined);
  assert.equal(parseNumberValue(''), undefined);
});

test('number lists: ; separated, empty elements are null', () => {
  assert.deepEqual(parseNumberList('1;2,5;;4'), [1, 2.5, null, 4]);
  assert.deepEqual(parseNumberList('3;'), [3, null]);
  assert.deepEqual(parseNumberList(''), []);
  assert.equal(parseNumberList('1;x;3'), undefined);
});

test('unquote, URL, URI, email and country code shapes', () => {
  assert.equal(unquote("'https://a.example.org/'"), 'https://a.example.org/');
  assert.equal(unquote('"x"'), 'x');
  assert.equal(unquote("'x\""), "'x\"");
  assert.equal(isHttpUrl('https://www.chapril.org/contact.xhtml'), true);
  assert.equal(isHttpUrl('http://localhost:8080/a.properties'), true);
  assert.equal(isHttpUrl('HTTPS://EXAMPLE.ORG'), true);
  assert.equal(isHttpUrl('www.example.org'), false);
  assert.equal(isHttpUrl('ftp://example.org/'), false);
  assert.equal(isHttpUrl('https://intranet/'), false);
  assert.equal(isHttpUrl('https://exa mple.org/'), false);
  assert.equal(isUri('xmpp:chaton@salons.example.org?join'), true);
  assert.equal(isUri('ircs://irc.libera.chat/#chatons'), true);
  assert.equal(isUri('#chatons'), false);
  assert.equal(isEmail('contact@chapril.org'), true);
  assert.equal(isEmail('contact.chapril.org'), false);
  assert.equal(isEmail('a b@c.org'), false);
  assert.equal(isCountryCode('FR'), true);
  assert.equal(isCountryCode('fr'), true);
  assert.equal(isCountryCode('FRA'), false);
});
