// What the server accepts from a PrivateBin client (FormatV2 rules), without a server.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FormatError, strictBase64 } from '../../src/modules/paste/format.js';
import { parseApiBody } from '../../src/modules/paste/schema.js';
import { encryptComment, encryptPaste, newKey } from '../../web/paste/crypto.js';
import { formatBytes } from '../../src/i18n/bytes.js';

const MAX = 100_000;

function rejects(body: unknown, key: string): void {
  assert.throws(() => parseApiBody(body, MAX), (err: unknown) => err instanceof FormatError && err.key === key);
}

describe('paste format checks', () => {
  it('tells a paste, a comment and a deletion apart', async () => {
    const p = await encryptPaste(newKey(), '', { paste: 'a' }, { format: 'markdown', expire: '1day', burn: false, discussion: true });
    const parsed = parseApiBody(JSON.parse(JSON.stringify(p)), MAX);
    assert.equal(parsed.kind, 'paste');
    assert.equal(parsed.kind === 'paste' && parsed.discussion, true);
    const c = await encryptComment(newKey(), '', { comment: 'b' }, '0123456789abcdef', '0123456789abcdef');
    assert.equal(parseApiBody(c, MAX).kind, 'comment');
    assert.deepEqual(parseApiBody({ pasteid: '0123456789abcdef', deletetoken: 'x' }, MAX), { kind: 'delete', pasteid: '0123456789abcdef', deletetoken: 'x' });
  });

  it('refuses what PrivateBin refuses', async () => {
    const p = await encryptPaste(newKey(), '', { paste: 'a' }, { format: 'plaintext', expire: '1day', burn: false, discussion: false });
    rejects(null, 'paste.api.badData');
    rejects([p], 'paste.api.badData');
    rejects({ ...p, extra: true }, 'paste.api.badData');
    rejects({ ...p, adata: {} }, 'paste.api.badAdata');
    rejects({ ...p, adata: [p.adata[0], 'plaintext', 0] }, 'paste.api.badAdata');
    rejects({ ...p, adata: [p.adata[0], 'plaintext', 2, 0] }, 'paste.api.badAdata');
    rejects({ ...p, adata: [p.adata[0], 'plaintext', '0', 0] }, 'paste.api.badAdata');
    rejects({ ...p, adata: [[...p.adata[0].slice(0, 7), 'gzip'], 'plaintext', 0, 0] }, 'paste.api.badAdata');
    rejects({ ...p, adata: [['AAAA'.repeat(7), ...p.adata[0].slice(1)], 'plaintext', 0, 0] }, 'paste.api.badAdata');
    rejects({ ...p, adata: [['***', ...p.adata[0].slice(1)], 'plaintext', 0, 0] }, 'paste.api.badBase64');
    rejects({ ...p, v: '2' }, 'paste.api.badVersion');
    rejects({ ...p, meta: {} }, 'paste.api.badMeta');
    rejects({ ...p, ct: 'QUJD\n' }, 'paste.api.badBase64');
    rejects({ ...p, ct: Buffer.from('a'.repeat(1000)).toString('base64') }, 'paste.api.notEncrypted');
    rejects({ ...p, ct: 'A'.repeat(MAX + 4) }, 'paste.api.tooLarge');
    // The schema's types: no extra item or nesting, no text where a number goes and the reverse.
    rejects({ ...p, adata: [[...p.adata[0], 'more'], 'plaintext', 0, 0] }, 'paste.api.badAdata');
    rejects({ ...p, adata: [[p.adata[0]], 'plaintext', 0, 0] }, 'paste.api.badAdata');
    rejects({ ...p, adata: [p.adata[0], ['plaintext'], 0, 0] }, 'paste.api.badFormat');
    rejects({ ...p, meta: { expire: ['1day'] } }, 'paste.api.badMeta');
    rejects({ ...p, ct: [p.ct] }, 'paste.api.badData');
    rejects({ pasteid: '0123456789abcdef', deletetoken: 'x'.repeat(201) }, 'paste.api.badData');
  });

  it('reads base64 strictly', () => {
    assert.equal(strictBase64('QUJD')?.toString(), 'ABC');
    assert.equal(strictBase64('QUI=')?.toString(), 'AB');
    assert.equal(strictBase64('QUJ'), null);
    assert.equal(strictBase64('QU JD'), null);
    assert.equal(strictBase64(''), null);
  });

  it('writes sizes the way people read them', () => {
    assert.equal(formatBytes(10_000_000, 'fr'), '10\u00a0Mo');
    assert.equal(formatBytes(200_000, 'en'), '200\u00a0kB');
    assert.equal(formatBytes(1_500_000, 'fr'), '1,5\u00a0Mo');
  });
});
