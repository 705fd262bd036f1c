// The cheap "is it encrypted?" check of pasted ciphertexts (src/modules/paste/encrypted.ts): random bytes
// of every size pass, texts in any script and their base64 or hex do not, short ciphertexts are let be.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { looksEncrypted } from '../../src/modules/paste/encrypted.js';
import { parseApiBody } from '../../src/modules/paste/schema.js';
import { FormatError } from '../../src/modules/paste/format.js';
import { encryptPaste, newKey } from '../../web/paste/crypto.js';

const texts = {
  french: 'Le chaton de Quimper héberge des services libres pour les associations du pays bigouden. ',
  russian: 'Это тестовый текст для проверки обнаружения шифрования, открытый текст отклоняется. ',
  chinese: '这是一个测试文本，用于检查加密检测是否有效。我们希望拒绝纯文本。',
  code: 'function f(x) {\n  return x * 2 + 1;\n}\nconst y = f(3);\nconsole.log(y);\n',
  json: JSON.stringify({ paste: 'bonjour', attachment: ['a', 'b'], language: 'fr' }),
  base64: randomBytes(600).toString('base64'),
  hex: randomBytes(600).toString('hex'),
};

const ofLength = (s: string, n: number): Buffer => Buffer.from(s.repeat(Math.ceil((2 * n) / s.length) + 1)).subarray(0, n);

describe('the encryption check of a ciphertext', () => {
  it('lets random bytes of every size through', () => {
    for (const n of [1, 16, 63, 64, 65, 100, 256, 1000, 4096, 100_000]) {
      for (let i = 0; i < (n > 4096 ? 20 : 2000); i++) assert.ok(looksEncrypted(randomBytes(n)), `random bytes of ${n}`);
    }
  });

  it('refuses text in any script, and text written as base64 or hex, from 200 bytes', () => {
    for (const [name, text] of Object.entries(texts)) {
      for (const n of [200, 1000, 10_000]) assert.equal(looksEncrypted(ofLength(text, n)), false, `${name}, ${n} bytes`);
    }
    assert.equal(looksEncrypted(Buffer.alloc(64, 'a')), false);
  });

  it('does not judge a ciphertext under 64 bytes', () => {
    assert.ok(looksEncrypted(Buffer.alloc(63, 'a')));
  });

  it('accepts a real paste and refuses a plain one through the API schema', async () => {
    const p = await encryptPaste(newKey(), '', { paste: texts.french.repeat(40) }, { format: 'plaintext', expire: '1day', burn: false, discussion: false, compression: 'none' });
    assert.equal(parseApiBody(p, 1_000_000).kind, 'paste');
    const plain = { ...p, ct: Buffer.from(texts.french.repeat(40)).toString('base64') };
    assert.throws(() => parseApiBody(plain, 1_000_000), (e: unknown) => e instanceof FormatError && e.key === 'paste.api.notEncrypted');
  });
});
