// SPDX-License-Identifier: AGPL-3.0-or-later
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeUtf8, parseProperties } from '../../src/federation/chatonsinfos/properties-parser.js';
import {
  detectFileClass,
  getDate,
  getNumber,
  getSubs,
  getValue,
  normalizeKey,
  parseChatonsInfos,
  toRecord,
} from '../../src/federation/chatonsinfos/document.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/chatonsinfos/${name}`, import.meta.url));
const fixtureText = (name: string): string => fixture(name).toString('utf8');
const triples = (text: string): [number, string, string][] =>
  parseProperties(text).entries.map((e) => [e.line, e.key, e.value]);

test('escapes fixture: separators, escapes, continuations, with start lines', () => {
  const { entries, issues } = parseProperties(fixtureText('escapes.properties'));
  assert.deepEqual(issues, []);
  assert.deepEqual(
    entries.map((e) => [e.line, e.key, e.value]),
    [
      [3, 'key.after.comment', 'not part of the comment'],
      [4, 'equals', 'a'],
      [5, 'colon', 'b'],
      [6, 'space', 'c'],
      [7, 'indented.key', 'spaced value'],
      [8, 'tab.separator', 'tabbed'],
      [9, 'mixed.separator', 'value after spaces and colon'],
      [10, 'escaped=key:with space', 'v'],
      [11, 'escapes', "tab\tnewline\nreturn\rformfeed\fquote'backslash\\end"],
      [12, 'unicode', 'été ☃ 😀'],
      [13, 'utf8', 'été ☃ 😀'],
      [14, 'continued', 'first second third'],
      [17, 'even.backslashes', 'ends with one backslash\\'],
      [18, 'next', 'still a separate entry'],
      [19, 'empty.value', ''],
      [20, 'only.key', ''],
      [21, 'value.with.hash', '#not a comment! and !bang'],
      [22, 'leading.space', '  two spaces kept, one escaped'],
    ],
  );
});

test('UTF-8 BOM and CRLF line ends', () => {
  const bytes = fixture('crlf-bom.properties');
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const { text, valid } = decodeUtf8(bytes);
  assert.equal(valid, true);
  assert.deepEqual(triples(text), [
    [1, 'file.class', 'Service'],
    [2, 'service.name', 'Café'],
    [5, 'service.description', 'line one line two'],
    [7, 'service.website', 'https://pad.example.org/'],
  ]);
});

test('CR-only line ends', () => {
  assert.deepEqual(triples(fixtureText('cr-only.properties')), [
    [1, 'file.class', 'Service'],
    [2, 'service.name', 'CR only'],
    [3, 'service.description', 'a b'],
  ]);
});

test('comments never continue, continuation lines are never comments', () => {
  assert.deepEqual(triples('# comment \\\nkey = v\n'), [[2, 'key', 'v']]);
  assert.deepEqual(triples('a = b \\\n  # c\nd = e'), [
    [1, 'a', 'b # c'],
    [3, 'd', 'e'],
  ]);
  assert.deepEqual(triples('   ! bang comment\n \t \f \nx:y'), [[3, 'x', 'y']]);
});

test('continuation edge cases: blank next line, end of file, escaped backslash', () => {
  assert.deepEqual(triples('a = 1 \\\n\nb = 2'), [
    [1, 'a', '1 '],
    [3, 'b', '2'],
  ]);
  assert.deepEqual(triples('a = end\\'), [[1, 'a', 'end']]);
  assert.deepEqual(triples('a = two\\\\\nb = 3'), [
    [1, 'a', 'two\\'],
    [2, 'b', '3'],
  ]);
  // The key itself may be continued.
  assert.deepEqual(triples('long.\\\n   key = v'), [[1, 'long.key', 'v']]);
});

test('separators: whitespace then one = or :, the next one belongs to the value', () => {
  assert.deepEqual(triples('k  =  = v'), [[1, 'k', '= v']]);
  assert.deepEqual(triples('k::v'), [[1, 'k', ':v']]);
  assert.deepEqual(triples('k = v  '), [[1, 'k', 'v  ']]);
  assert.deepEqual(triples('=only value'), [[1, '', 'only value']]);
  assert.deepEqual(triples('\\#not.comment = 1'), [[1, '#not.comment', '1']]);
});

test('malformed \\u escape: entry kept, issue reported with its line', () => {
  const { entries, issues } = parseProperties('a = 1\nb = x\\u12G4y\n');
  assert.deepEqual(entries[1], { key: 'b', value: 'xu12G4y', line: 2 });
  assert.equal(issues.length, 1);
  assert.equal(issues[0]?.line, 2);
  assert.equal(issues[0]?.key, 'b');
  assert.equal(issues[0]?.code, 'bad-escape');
  assert.equal(issues[0]?.params.escape, '\\u12G4');
});

test('duplicates are kept in order; lookups take the last one', () => {
  const doc = parseChatonsInfos('service.name = A\nservice.name = B\n');
  assert.deepEqual(
    doc.entries.map((e) => [e.line, e.value]),
    [
      [1, 'A'],
      [2, 'B'],
    ],
  );
  assert.equal(getValue(doc, 'service.name'), 'B');
  assert.deepEqual(toRecord(doc), { 'service.name': 'B' });
});

test('invalid UTF-8 is decoded with replacement characters and flagged', () => {
  const { text, valid } = decodeUtf8(fixture('latin1.properties'));
  assert.equal(valid, false);
  assert.equal(parseProperties(text).entries[1]?.value, 'Caf\uFFFD latin-1');
});

test('organization fixture: exact values of quirky entries', () => {
  const doc = parseChatonsInfos(fixtureText('organization.properties'));
  assert.equal(detectFileClass(doc), 'Organization');
  assert.equal(getValue(doc, 'organization.name'), "Le Chaton d'Exemple");
  assert.equal(
    getValue(doc, 'organization.description'),
    'Association qui héberge des services libres à Besançon pour les habitant·es et les associations du coin.',
  );
  const description = doc.entries.find((e) => e.key === 'organization.description');
  assert.equal(description?.line, 11);
  assert.equal(getValue(doc, 'organization.geolocation.latitude'), '47,23806');
  assert.equal(getNumber(doc, 'organization.geolocation.latitude'), 47.23806);
  assert.equal(getNumber(doc, 'organization.geolocation.longitude'), 6.0243);
  assert.equal(getDate(doc, 'organization.startdate'), '2018-11-08');
  assert.equal(getDate(doc, 'organization.memberof.chatons.startdate'), '2019-04-01');
  assert.equal(getDate(doc, 'organization.enddate'), undefined);
  assert.equal(getNumber(doc, 'organization.name'), undefined);
  assert.equal(getValue(doc, 'organization.logo'), 'https://www.chaton-exemple.org/logo.png');
  assert.equal(getValue(doc, 'no.such.key'), undefined);
});

test('subs: URLs with their ids and lines, quotes removed, broken ones left out', () => {
  const doc = parseChatonsInfos(fixtureText('organization.properties'));
  assert.deepEqual(getSubs(doc), [
    { id: 'pad', url: 'https://www.chaton-exemple.org/.well-known/chatonsinfos/pad.properties', line: 35 },
    { id: 'nextcloud', url: 'https://www.chaton-exemple.org/.well-known/chatonsinfos/nextcloud.properties', line: 36 },
    { id: 'external', url: 'https://autre.example.net/.well-known/chatonsinfos/sondage.properties', line: 37 },
  ]);
  const broken = parseChatonsInfos('subs.a = https://a.example.org/a.properties\nsubs.b = nope\nsubs.a = \nsubs. = https://x.org/\n');
  assert.deepEqual(getSubs(broken), []);
  assert.deepEqual(
    getSubs(parseChatonsInfos(fixtureText('federation.properties'))).map((s) => s.id),
    ['chaton-exemple', 'libre-service'],
  );
});

test('legacy key names are mapped to current ones, the written name is kept', () => {
  assert.equal(normalizeKey('organization.startDate'), 'organization.startdate');
  assert.equal(normalizeKey('organization.technical.url'), 'organization.guide.technical');
  assert.equal(normalizeKey('service.endDate'), 'service.enddate');
  assert.equal(normalizeKey('Service.Name'), 'service.name');
  assert.equal(normalizeKey('subs.MyPad'), 'subs.MyPad');
  assert.equal(normalizeKey('organization.geography'), 'organization.geography');
  assert.equal(normalizeKey('whatever.Key'), 'whatever.Key');

  const doc = parseChatonsInfos(fixtureText('legacy.properties'));
  const start = doc.entries.find((e) => e.writtenKey === 'organization.startDate');
  assert.deepEqual(start, { key: 'organization.startdate', writtenKey: 'organization.startDate', value: '08/11/2018', line: 20 });
  assert.equal(getValue(doc, 'organization.guide.technical'), 'https://www.chapril.org/technique.html');
  assert.equal(getValue(doc, 'organization.description'), "Chapril est le chaton de l'April.");
  assert.equal(detectFileClass(doc), 'Organization');
});

test('file class detection on every fixture', () => {
  const classes = Object.fromEntries(
    ['federation', 'organization', 'service', 'hosting', 'legacy', 'escapes'].map((n) => [
      n,
      detectFileClass(parseChatonsInfos(fixtureText(`${n}.properties`))),
    ]),
  );
  assert.deepEqual(classes, {
    federation: 'Federation',
    organization: 'Organization',
    service: 'Service',
    hosting: 'Device',
    legacy: 'Organization',
    escapes: undefined,
  });
  assert.equal(detectFileClass(parseChatonsInfos('file.class = SERVICE')), 'Service');
  assert.equal(detectFileClass(parseChatonsInfos('file.class = Hosting')), 'Device');
  assert.equal(detectFileClass(parseChatonsInfos('file.class = Chaton')), undefined);
});
