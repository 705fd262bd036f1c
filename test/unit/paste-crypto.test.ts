// The shared crypto of web/paste/crypto.ts: PrivateBin's format v2, checked against fixed vectors made
// with Node's own crypto and zlib (an independent implementation), and by round trips.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import {
  attachmentsOf,
  decodeKey,
  decrypt,
  encodeKey,
  encryptComment,
  encryptPaste,
  encryptWith,
  makeSpec,
  newKey,
  pasteLink,
  type PasteAdata,
  type PasteMessage,
} from '../../web/paste/crypto.js';

const KEY = Uint8Array.from({ length: 32 }, (_, i) => i);
const IV = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i);
const SALT = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);

// Computed once with node:crypto (PBKDF2-SHA256 over key ‖ "motdepasse", AES-256-GCM, AAD = adata JSON).
const VECTOR = {
  adata: '[["oKGio6SlpqeoqaqrrK2urw==","AQIDBAUGBwg=",100000,256,128,"aes","gcm","none"],"plaintext",0,0]',
  ct: '/dHWm5NG2uUePJPNjQkqbXqGVramaCnnqMtkBh/kIuGRt16t0JbCfUiyJw==',
  password: 'motdepasse',
  message: { paste: 'Bonjour Quimper' },
};

/** Node's own implementation of the format, to check ours against. */
function nodeDecrypt(key: Uint8Array, password: string, ct: string, adata: PasteAdata | string[]): unknown {
  const spec = (Array.isArray(adata[0]) ? adata[0] : adata) as (string | number)[];
  const dk = pbkdf2Sync(Buffer.concat([key, Buffer.from(password, 'latin1')]), Buffer.from(String(spec[1]), 'base64'), Number(spec[2]), 32, 'sha256');
  const raw = Buffer.from(ct, 'base64');
  const d = createDecipheriv('aes-256-gcm', dk, Buffer.from(String(spec[0]), 'base64'), { authTagLength: 16 });
  d.setAAD(Buffer.from(JSON.stringify(adata)));
  d.setAuthTag(raw.subarray(raw.length - 16));
  const plain = Buffer.concat([d.update(raw.subarray(0, raw.length - 16)), d.final()]);
  return JSON.parse((spec[7] === 'zlib' ? inflateRawSync(plain) : plain).toString('utf8'));
}

function nodeEncrypt(key: Uint8Array, password: string, message: unknown, adata: PasteAdata): string {
  const spec = adata[0];
  const dk = pbkdf2Sync(Buffer.concat([key, Buffer.from(password, 'latin1')]), Buffer.from(spec[1], 'base64'), spec[2], 32, 'sha256');
  const c = createCipheriv('aes-256-gcm', dk, Buffer.from(spec[0], 'base64'), { authTagLength: 16 });
  c.setAAD(Buffer.from(JSON.stringify(adata)));
  const json = Buffer.from(JSON.stringify(message));
  const body = spec[7] === 'zlib' ? deflateRawSync(json) : json;
  return Buffer.concat([c.update(body), c.final(), c.getAuthTag()]).toString('base64');
}

describe('paste crypto: test vectors', () => {
  it('encrypts the fixed vector to the exact expected ciphertext', async () => {
    const adata = JSON.parse(VECTOR.adata) as PasteAdata;
    assert.deepEqual(adata[0], makeSpec('none', IV, SALT));
    assert.equal(await encryptWith(KEY, VECTOR.password, VECTOR.message, adata), VECTOR.ct);
  });

  it('decrypts the fixed vector', async () => {
    assert.deepEqual(await decrypt(KEY, VECTOR.password, VECTOR.ct, JSON.parse(VECTOR.adata) as PasteAdata), VECTOR.message);
  });

  it('refuses the vector with a wrong password, a wrong key or altered adata', async () => {
    const adata = JSON.parse(VECTOR.adata) as PasteAdata;
    await assert.rejects(decrypt(KEY, 'autre', VECTOR.ct, adata));
    await assert.rejects(decrypt(newKey(), VECTOR.password, VECTOR.ct, adata));
    // The burn flag is authenticated: a server that flips it breaks decryption.
    await assert.rejects(decrypt(KEY, VECTOR.password, VECTOR.ct, [adata[0], 'plaintext', 0, 1]));
  });

  it('compresses with raw DEFLATE ("zlib" in PrivateBin): Node’s zlib reads ours and we read Node’s', async () => {
    const message = { paste: 'Ligne répétée\n'.repeat(200), attachment: ['data:text/plain;base64,QQ=='], attachment_name: ['a.txt'] };
    const ours = await encryptPaste(KEY, 'mdp', message, { format: 'markdown', expire: '1day', burn: false, discussion: true });
    assert.equal(ours.adata[0][7], 'zlib');
    assert.deepEqual(nodeDecrypt(KEY, 'mdp', ours.ct, ours.adata), message);
    const adata: PasteAdata = [makeSpec('zlib'), 'plaintext', 0, 0];
    assert.deepEqual(await decrypt(KEY, 'mdp', nodeEncrypt(KEY, 'mdp', message, adata), adata), message);
  });

  it('lays out adata as PrivateBin does', async () => {
    const p = await encryptPaste(newKey(), '', { paste: 'x' }, { format: 'syntaxhighlighting', expire: '1week', burn: true, discussion: false });
    assert.equal(p.v, 2);
    assert.deepEqual(p.meta, { expire: '1week' });
    const [spec, format, discussion, burn] = p.adata;
    assert.equal(Buffer.from(spec[0], 'base64').length, 16);
    assert.equal(Buffer.from(spec[1], 'base64').length, 8);
    assert.deepEqual(spec.slice(2), [100000, 256, 128, 'aes', 'gcm', 'zlib']);
    assert.deepEqual([format, discussion, burn], ['syntaxhighlighting', 0, 1]);
    const c = await encryptComment(newKey(), '', { comment: 'x' }, 'aaaaaaaaaaaaaaaa', 'aaaaaaaaaaaaaaaa');
    assert.equal(c.adata.length, 8);
    assert.deepEqual(Object.keys(c), ['v', 'adata', 'ct', 'pasteid', 'parentid']);
  });
});

describe('paste crypto: keys in the fragment', () => {
  it('uses the Bitcoin base58 alphabet', () => {
    assert.equal(encodeKey(new TextEncoder().encode('Hello World!')), '2NEpo7TZRRrLZSi2U');
  });

  it('re-pads keys whose leading zero bytes base58 dropped', () => {
    const key = newKey();
    key[0] = 0;
    key[1] = 0;
    assert.deepEqual(decodeKey(`#${bs58Strip(encodeKey(key))}`), key);
  });

  it('reads "#-" burn links and ignores what trackers append after "&"', () => {
    const key = newKey();
    assert.deepEqual(decodeKey(`#-${encodeKey(key)}`), key);
    assert.deepEqual(decodeKey(`#${encodeKey(key)}&utm_source=x`), key);
    assert.throws(() => decodeKey('#'));
    assert.throws(() => decodeKey('#0OIl'));
  });

  it('builds links with the key in the fragment only', () => {
    const key = newKey();
    const link = pasteLink('https://chaton.example/paste/', 'abcdef0123456789', key, true);
    const url = new URL(link);
    assert.equal(url.search, '?abcdef0123456789');
    assert.equal(url.hash, `#-${encodeKey(key)}`);
  });
});

/** base58 of a key with leading zeros starts with '1's; PrivateBin's page strips them (it encodes a string). */
function bs58Strip(s: string): string {
  return s.replace(/^1+/, '');
}

describe('paste crypto: round trips', () => {
  const texts = ['', 'a', 'Émoticône 🐈 et guillemets « »', 'x'.repeat(100_000), '\u0000\uffff'];
  for (const text of texts) {
    it(`round-trips ${JSON.stringify(text.slice(0, 20))}${text.length > 20 ? '…' : ''}`, async () => {
      const key = newKey();
      for (const compression of ['zlib', 'none'] as const) {
        const p = await encryptPaste(key, 'mot de passe', { paste: text }, { format: 'plaintext', expire: '1day', burn: false, discussion: false, compression });
        assert.equal((await decrypt<PasteMessage>(key, 'mot de passe', p.ct, p.adata)).paste, text);
      }
    });
  }

  it('reads attachments given as arrays or, from older clients, as single strings', () => {
    assert.deepEqual(attachmentsOf({ paste: '', attachment: ['data:a', 'data:b'], attachment_name: ['a', 'b'] }), [{ data: 'data:a', name: 'a' }, { data: 'data:b', name: 'b' }]);
    assert.deepEqual(attachmentsOf({ paste: '', attachment: 'data:a', attachment_name: 'a' }), [{ data: 'data:a', name: 'a' }]);
    assert.deepEqual(attachmentsOf({ paste: '' }), []);
  });
});
