// SPDX-License-Identifier: AGPL-3.0-or-later
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  checkChatonsInfosBytes,
  checkChatonsInfosText,
  MAX_ISSUES,
  type ValidationResult,
} from '../../src/federation/chatonsinfos/validator.js';
import { KEYS, CLASS_SECTIONS, findKeyDef } from '../../src/federation/chatonsinfos/keys.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/chatonsinfos/${name}`, import.meta.url));
const check = (name: string): ValidationResult => checkChatonsInfosBytes(fixture(name));
// [line, level, key, code] of each issue, in report order.
const summary = (r: ValidationResult): [number | undefined, string, string | undefined, string][] =>
  r.issues.map((i) => [i.line, i.level, i.key, i.code]);

// A valid minimal file of each class, to test one problem at a time.
const FILE = 'file.protocol = ChatonsInfos-0.5\nfile.datetime = 2024-01-01T00:00:00\nfile.generator = test\nfile.url = https://x.example.org/f.properties\n';
const service = (extra: string): ValidationResult =>
  checkChatonsInfosText(`file.class = Service\n${FILE}service.name = S\nhost.name = H\nhost.description = D\n${extra}`);

test('valid fixtures have no errors', () => {
  assert.deepEqual(summary(check('organization.properties')), []);
  assert.deepEqual(summary(check('service.properties')), []);
  assert.deepEqual(summary(check('hosting.properties')), []);
  assert.deepEqual(summary(check('federation.properties')), [[undefined, 'warning', 'federation.favicon', 'missing-wished']]);
  assert.equal(check('organization.properties').fileClass, 'Organization');
  assert.equal(check('hosting.properties').fileClass, 'Device');
});

test('broken fixture: every problem on its line, missing keys last', () => {
  const r = check('broken.properties');
  assert.deepEqual(summary(r), [
    [3, 'error', 'file.datetime', 'bad-datetime'],
    [4, 'error', 'organization.website', 'bad-url'],
    [5, 'error', 'organization.contact.email', 'bad-email'],
    [6, 'error', 'organization.type', 'bad-enum'],
    [7, 'error', 'organization.startdate', 'bad-date'],
    [8, 'error', 'organization.geolocation.latitude', 'out-of-range'],
    [9, 'error', 'organization.geolocation.longitude', 'bad-decimal-degree'],
    [10, 'error', 'organization.country.code', 'bad-country-code'],
    [11, 'error', 'organization.name', 'missing-mandatory'],
    [12, 'warning', 'organization.favorite.color', 'unknown-key'],
    [13, 'warning', 'organization.type', 'duplicate-key'],
    [14, 'warning', 'service.name', 'unexpected-section'],
    [15, 'error', 'subs.bad', 'bad-url'],
    [16, 'error', 'organization.description', 'bad-escape'],
    [undefined, 'error', 'file.protocol', 'missing-mandatory'],
    [undefined, 'error', 'file.generator', 'missing-mandatory'],
    [undefined, 'error', 'file.url', 'missing-mandatory'],
  ]);
  assert.equal(r.errors, 14);
  assert.equal(r.warnings, 3);
  const duplicate = r.issues.find((i) => i.code === 'duplicate-key');
  assert.deepEqual(duplicate?.params, { firstLine: '6' });
  assert.equal(duplicate?.message, 'duplicate key, already set at line 6; the last value wins');
  const range = r.issues.find((i) => i.code === 'out-of-range');
  assert.deepEqual(range?.params, { value: '147,5', min: '-90', max: '90' });
  const enumIssue = r.issues.find((i) => i.code === 'bad-enum');
  assert.equal(enumIssue?.params.value, 'ASSOS');
  assert.match(enumIssue?.params.allowed ?? '', /^ASSOCIATION, INFORMAL, /);
  assert.equal(r.issues.find((i) => i.line === 11)?.message, 'mandatory key has an empty value');
});

test('legacy fixture: renamed keys, obsolete key and class alias are warnings only', () => {
  const r = check('legacy.properties');
  assert.equal(r.fileClass, 'Organization');
  assert.deepEqual(summary(r), [
    [2, 'warning', 'file.class', 'class-alias'],
    [15, 'warning', 'organization.geography', 'obsolete-key'],
    [19, 'warning', 'organization.technical.url', 'legacy-key'],
    [20, 'warning', 'organization.startDate', 'legacy-key'],
    [21, 'warning', 'organization.endDate', 'legacy-key'],
  ]);
  assert.deepEqual(r.issues[3]?.params, { writtenKey: 'organization.startDate', currentKey: 'organization.startdate' });
});

test('a renamed key next to its current name is a duplicate', () => {
  const r = checkChatonsInfosText('organization.startdate = 2020-01-01\norganization.startDate = 2021-01-01\n');
  assert.deepEqual(
    summary(r).filter(([line]) => line === 2),
    [
      [2, 'warning', 'organization.startDate', 'legacy-key'],
      [2, 'warning', 'organization.startdate', 'duplicate-key'],
    ],
  );
});

test('BOM + CRLF file: lines still right', () => {
  const r = check('crlf-bom.properties');
  assert.equal(r.fileClass, 'Service');
  assert.deepEqual(r.issues.filter((i) => i.line !== undefined), []);
  assert.deepEqual(
    summary(checkChatonsInfosText('\uFEFFfile.class = Service\r\n\r\nservice.website = nope\r\n')).filter(([l]) => l),
    [[3, 'error', 'service.website', 'bad-url']],
  );
});

test('non-UTF-8 bytes without a declared charset are read as ISO-8859-1, with a warning', () => {
  const r = checkChatonsInfosBytes(fixture('latin1.properties'));
  assert.ok(!r.issues.some((i) => i.code === 'bad-encoding'));
  assert.deepEqual(summary(r)[0], [undefined, 'warning', undefined, 'latin1-fallback'], 'first: it explains the rest');
  assert.match(r.decoded.text, /Café latin-1/);
});

test('bytes that are not the UTF-8 the server declares are an error on their line', () => {
  const r = checkChatonsInfosBytes(fixture('latin1.properties'), 'text/plain; charset=utf-8');
  assert.deepEqual(summary(r)[0], [2, 'error', undefined, 'bad-encoding']);
});

test('file class: missing, unknown, any case', () => {
  const missing = checkChatonsInfosText(`${FILE}service.name = S\nfoo.bar = 1\n`);
  assert.equal(missing.fileClass, undefined);
  // Without a class only the file section is required, and sections are not judged.
  assert.deepEqual(summary(missing), [
    [6, 'warning', 'foo.bar', 'unknown-key'],
    [undefined, 'error', 'file.class', 'missing-mandatory'],
  ]);
  const unknown = checkChatonsInfosText(`file.class = Chaton\n${FILE}`);
  assert.deepEqual(summary(unknown), [[1, 'error', 'file.class', 'unknown-class']]);
  assert.deepEqual(unknown.issues[0]?.params, { value: 'Chaton' });
  const lower = checkChatonsInfosText(`file.class = federation\n${FILE}federation.name = F\n`);
  assert.equal(lower.fileClass, 'Federation');
  assert.deepEqual(
    summary(lower).map(([, , key, code]) => `${key} ${code}`),
    [
      'federation.description missing-mandatory',
      'federation.website missing-mandatory',
      'federation.logo missing-wished',
      'federation.favicon missing-wished',
      'federation.contact.email missing-mandatory',
    ],
  );
});

test('service values: enumerations, YunoHost quirks, metrics', () => {
  assert.deepEqual(summary(service('service.registration = free\nservice.status.level = OK\nservice.startdate = 05/02/2021\n')), []);
  assert.deepEqual(summary(service('service.registration = Open\n')), [[9, 'error', 'service.registration', 'bad-enum']]);
  assert.deepEqual(summary(service('service.registration.load = HALF\n')), [
    [9, 'error', 'service.registration.load', 'bad-enum'],
  ]);
  // The install.type list is not confirmed: an unknown value is only a warning.
  assert.deepEqual(summary(service('service.install.type = NIX\n')), [[9, 'warning', 'service.install.type', 'unusual-enum']]);
  assert.deepEqual(summary(service('host.server.type = ROOM\nhost.provider.type = HOME\n')), [
    [9, 'error', 'host.server.type', 'bad-enum'],
  ]);
  assert.deepEqual(summary(service('metrics.a.b = 1;2,5;;3\nmetrics.c = 1;two\n')), [[10, 'error', 'metrics.c', 'bad-number']]);
  assert.deepEqual(summary(service('subs.x = https://x.example.org/x.properties\n')), [
    [9, 'warning', 'subs.x', 'unexpected-section'],
  ]);
  assert.deepEqual(summary(service('service.contact.url = \n')), []);
});

test('mandatory Yes is an error, Wished a warning, No nothing', () => {
  const r = checkChatonsInfosText(`file.class = Service\n${FILE}host.name = H\n`);
  assert.deepEqual(summary(r), [
    [undefined, 'error', 'service.name', 'missing-mandatory'],
    [undefined, 'warning', 'host.description', 'missing-wished'],
  ]);
  assert.equal(r.issues[0]?.message, 'mandatory key is missing');
  assert.deepEqual(r.issues[0]?.params, { empty: 'false' });
});

test('organization extras: quoted subs, chat rooms as URIs, funding open list', () => {
  const r = checkChatonsInfosText(
    `file.class = Organization\n${FILE}organization.name = O\norganization.description = D\n` +
      "subs.a = 'https://a.example.org/a.properties'\n" +
      'organization.chatrooms.irc = ircs://irc.libera.chat/#chatons\n' +
      'organization.funding.opencollective = https://opencollective.com/o\n' +
      'organization.socialnetworks.myspace = https://myspace.com/o\n' +
      'organization.funding.custom = not a url\n',
  );
  assert.deepEqual(summary(r), [
    [11, 'warning', 'organization.socialnetworks.myspace', 'unknown-key'],
    [12, 'error', 'organization.funding.custom', 'bad-url'],
  ]);
});

test('key table: every key has a section used by some class, enums have values', () => {
  const sections = new Set(Object.values(CLASS_SECTIONS).flat());
  for (const d of KEYS) {
    assert.ok(sections.has(d.key.split('.')[0] ?? ''), d.key);
    if (d.type === 'ENUM') assert.ok((d.values ?? []).length > 0, d.key);
  }
  assert.equal(findKeyDef('subs.anything')?.type, 'URL');
  assert.equal(findKeyDef('subs.'), undefined);
  assert.equal(findKeyDef('metrics.http.hits.2024.months')?.type, 'NUMERICS');
  assert.equal(findKeyDef('organization.name')?.mandatory, 'Yes');
});

test('a hostile file lists at most MAX_ISSUES problems, and counts them all', () => {
  const escapes = checkChatonsInfosText(`file.class = Organization\na = ${'\\uZZ'.repeat(250_000)}\n`);
  assert.ok(escapes.issues.length <= MAX_ISSUES + 10, `${escapes.issues.length} issues listed`);
  assert.ok(escapes.errors >= 1000);
  assert.ok(escapes.issues.some((i) => i.code === 'missing-mandatory' && i.key === 'organization.name'), 'missing mandatory keys are always listed');
  const unknown = checkChatonsInfosText(`file.class = Organization\n${Array.from({ length: 20_000 }, (_, i) => `zz.unknown${i} = v`).join('\n')}\n`);
  assert.ok(unknown.issues.length <= MAX_ISSUES + 10, `${unknown.issues.length} issues listed`);
  assert.ok(unknown.warnings >= 20_000);
});
