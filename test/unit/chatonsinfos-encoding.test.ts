// How ChatonsInfos bytes become text (src/federation/chatonsinfos/decode.ts), the rule shared by the
// crawler, the web validator and `chaton chatonsinfos check` (issue 12, item 13), and `subs.*` addresses
// holding a space (item 14).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { declaredCharset, decodeChatonsInfos } from '../../src/federation/chatonsinfos/decode.js';
import { checkChatonsInfosBytes, checkChatonsInfosText } from '../../src/federation/chatonsinfos/validator.js';
import { getSubs, parseChatonsInfos } from '../../src/federation/chatonsinfos/document.js';
import { encodeSpacedHttpUrl } from '../../src/federation/chatonsinfos/values.js';

const NAME = 'Les Chatons de Bückeburg';
const file = `file.class = Organization\norganization.name = ${NAME}\n`;
const latin1 = new Uint8Array(Buffer.from(file, 'latin1'));
const utf8 = new Uint8Array(Buffer.from(file, 'utf8'));

test('the charset a server declares is honoured', () => {
  assert.equal(declaredCharset('text/plain; charset=ISO-8859-1'), 'iso-8859-1');
  assert.equal(declaredCharset('text/plain;charset="utf-8"'), 'utf-8');
  assert.equal(declaredCharset('text/plain'), null);
  const d = decodeChatonsInfos(latin1, 'text/plain; charset=ISO-8859-1');
  assert.equal(d.by, 'declared');
  assert.match(d.text, new RegExp(NAME));
  assert.match(decodeChatonsInfos(utf8, 'text/plain; charset=UTF-8').text, new RegExp(NAME));
});

test('without a charset: UTF-8 when valid, else ISO-8859-1', () => {
  assert.deepEqual({ ...decodeChatonsInfos(utf8), text: '' }, { text: '', encoding: 'utf-8', by: 'utf-8' });
  const fallback = decodeChatonsInfos(latin1, 'text/plain');
  assert.equal(fallback.by, 'latin1-fallback');
  assert.match(fallback.text, new RegExp(NAME));
  // An unknown label is no declaration.
  assert.equal(decodeChatonsInfos(latin1, 'text/plain; charset=klingon').by, 'latin1-fallback');
});

test('the validator reads the Bückeburg file right in both encodings, warning about the fallback only', () => {
  for (const [bytes, type] of [[utf8, null], [latin1, 'text/plain; charset=iso-8859-1'], [latin1, null]] as const) {
    const r = checkChatonsInfosBytes(bytes, type);
    assert.equal(r.document.entries.find((e) => e.key === 'organization.name')?.value, NAME);
    assert.equal(r.issues.some((i) => i.code === 'latin1-fallback'), bytes === latin1 && type === null);
    assert.ok(!r.issues.some((i) => i.code === 'bad-encoding'));
  }
});

test('a subs.* address holding a space is encoded as a browser would, with a warning', () => {
  assert.equal(encodeSpacedHttpUrl('https://example.org/chatons infos/pad.properties'), 'https://example.org/chatons%20infos/pad.properties');
  assert.equal(encodeSpacedHttpUrl('https://example.org/a.properties'), undefined);
  assert.equal(encodeSpacedHttpUrl('https://exa mple.org/a.properties'), undefined);
  assert.equal(encodeSpacedHttpUrl('https://example.org/a\tb.properties'), undefined);
  const text = "file.class = Organization\nsubs.pad = 'https://example.org/chatons infos/pad.properties'\nsubs.bad = https://exa mple.org/x\n";
  assert.deepEqual(getSubs(parseChatonsInfos(text)).map((s) => [s.id, s.url]), [['pad', 'https://example.org/chatons%20infos/pad.properties']]);
  const issues = checkChatonsInfosText(text).issues.filter((i) => i.key?.startsWith('subs.'));
  assert.deepEqual(
    issues.map((i) => [i.key, i.level, i.code, i.params?.url]),
    [
      ['subs.pad', 'warning', 'url-encoded', 'https://example.org/chatons%20infos/pad.properties'],
      ['subs.bad', 'error', 'bad-url', undefined],
    ],
  );
});
