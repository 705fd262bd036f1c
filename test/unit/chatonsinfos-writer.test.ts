// SPDX-License-Identifier: AGPL-3.0-or-later
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { writeProperties, DEFAULT_HEADER } from '../../src/federation/chatonsinfos/properties-writer.js';
import { parseProperties } from '../../src/federation/chatonsinfos/properties-parser.js';

const pairs = (text: string): [string, string][] => parseProperties(text).entries.map((e) => [e.key, e.value]);

test('writes a header, ` = ` separators and only the escapes needed', () => {
  const text = writeProperties(
    [
      { key: 'organization.name', value: "Le Chaton d'Exemple" },
      { key: 'organization.website', value: 'https://www.example.org/a:b#c' },
      { key: 'organization.description', value: 'Ligne 1\nLigne 2 — été ☃' },
      { key: 'organization.logo', value: '' },
    ],
    { header: 'First line\n\nThird line' },
  );
  assert.equal(
    text,
    '# First line\n#\n# Third line\n' +
      "organization.name = Le Chaton d'Exemple\n" +
      'organization.website = https://www.example.org/a:b#c\n' +
      'organization.description = Ligne 1\\nLigne 2 — été ☃\n' +
      'organization.logo =\n',
  );
});

test('record input and default header', () => {
  const text = writeProperties({ 'file.class': 'Service', 'service.name': 'Pad' });
  assert.equal(text, `# ${DEFAULT_HEADER}\nfile.class = Service\nservice.name = Pad\n`);
  assert.equal(writeProperties([], { header: '' }), '');
});

test('escapes separators, comment marks and whitespace in keys; leading spaces and backslashes in values', () => {
  const text = writeProperties([{ key: '#a=b:c d!', value: '  x\\y\tz\r' }], { header: '' });
  assert.equal(text, '\\#a\\=b\\:c\\ d\\! = \\  x\\\\y\\tz\\r\n');
  assert.deepEqual(pairs(text), [['#a=b:c d!', '  x\\y\tz\r']]);
  // Controls and lone surrogates (not encodable in UTF-8) become \uXXXX; pairs stay as UTF-8.
  const controls = writeProperties([{ key: '\ufeffk', value: '\u0000\u001b\u007f\ud800😀\u2028\u00a0' }], { header: '' });
  assert.equal(controls, '\\uFEFFk = \\u0000\\u001B\\u007F\\uD800😀\\u2028\u00a0\n');
  assert.deepEqual(pairs(controls), [['\ufeffk', '\u0000\u001b\u007f\ud800😀\u2028\u00a0']]);
});

test('writer output of every real-looking fixture reads back the same', () => {
  for (const name of ['organization', 'federation', 'service', 'hosting', 'legacy', 'escapes', 'crlf-bom']) {
    const text = readFileSync(new URL(`../fixtures/chatonsinfos/${name}.properties`, import.meta.url), 'utf8');
    const entries = parseProperties(text).entries.map(({ key, value }) => ({ key, value }));
    assert.deepEqual(pairs(writeProperties(entries)), entries.map((e) => [e.key, e.value]), name);
  }
});

// Small deterministic PRNG (mulberry32) so that failures are reproducible.
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TRICKY = [
  ' ', '  ', '\t', '\f', '\n', '\r', '\r\n', '\\', '\\\\', '=', ':', '#', '!', "'", '"', '\\u', '\\u00e9',
  'é', 'ß', '☃', '😀', '\u00a0', '\u2028', '\ufeff', '\u0000', '\u001f', '\ud800', '\udc00', 'a', 'b.c', 'xyz', '0',
];

function trickyString(next: () => number): string {
  let s = '';
  const n = Math.floor(next() * 8);
  for (let i = 0; i < n; i++) s += TRICKY[Math.floor(next() * TRICKY.length)] ?? '';
  return s;
}

test('round trip: parse(write(entries)) gives back every key, value and line (2000 random files)', () => {
  const next = random(20240318);
  for (let run = 0; run < 2000; run++) {
    const count = 1 + Math.floor(next() * 5);
    const entries = Array.from({ length: count }, () => ({ key: trickyString(next), value: trickyString(next) }));
    const header = next() < 0.5 ? trickyString(next) : undefined;
    const text = writeProperties(entries, header === undefined ? {} : { header });
    const { entries: back, issues } = parseProperties(text);
    const context = JSON.stringify({ entries, header, text });
    assert.deepEqual(issues, [], context);
    assert.deepEqual(back.map(({ key, value }) => ({ key, value })), entries, context);
    // One line per entry, after the header lines.
    const firstLine = text.split('\n').findIndex((l) => !l.startsWith('#')) + 1;
    assert.deepEqual(
      back.map((e) => e.line),
      entries.map((_, i) => firstLine + i),
      context,
    );
  }
});

test('round trip keeps non-ASCII as UTF-8 text, not \\u escapes', () => {
  const text = writeProperties({ 'service.name': 'Café ☃ 😀 ß' }, { header: 'été' });
  assert.equal(text, '# été\nservice.name = Café ☃ 😀 ß\n');
  assert.deepEqual(pairs(text), [['service.name', 'Café ☃ 😀 ß']]);
});
