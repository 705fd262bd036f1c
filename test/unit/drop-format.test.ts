// The Drop format (web/drop/ece.ts): RFC 8188's own examples, and the vectors of docs/drop-format.md.
import { describe, it } from 'node:test';
import { hkdfSync, pbkdf2Sync } from 'node:crypto';
import assert from 'node:assert/strict';
import {
  collect, decryptBytes, decryptManifest, decryptStream, encryptBytes, encryptFrom, encryptManifest, encryptedSize, fileIkm, fromB64u,
  plainSizeOf, shareIkm, streamOf, toB64u,
} from '../../web/drop/ece.js';

const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('RFC 8188 aes128gcm', () => {
  it('encrypts the example of section 3.1 exactly', async () => {
    const out = await encryptBytes(fromB64u('yqdlZ-tYemfogSmv7Ws5PQ'), new TextEncoder().encode('I am the walrus'), { rs: 4096, salt: fromB64u('I1BsxtFttlv3u_Oo94xnmw') });
    assert.equal(toB64u(out), 'I1BsxtFttlv3u_Oo94xnmwAAEAAA-NAVub2qFgBEuQKRapoZu-IxkIva3MEB1PD-ly8Thjg');
  });

  it('decrypts the example of section 3.2 (two records, a key id, padding)', async () => {
    const sealed = fromB64u('uNCkWiNYzKTnBN9ji3-qWAAAABkCYTHOG8chz_gnvgOqdGYovxyjuqRyJFjEDyoF1Fvkj6hQPdPHI51OEUKEpgz3SsLWIqS_uA');
    assert.equal(text(await decryptBytes(fromB64u('BO3ZVPxUlnLORbVGMpbT1Q'), sealed)), 'I am the walrus');
  });

  it('round-trips sizes around record boundaries, and predicts the ciphertext size', async () => {
    const ikm = fromB64u('yqdlZ-tYemfogSmv7Ws5PQ');
    for (const n of [0, 1, 65518, 65519, 65520, 3 * 65519, 200_000]) {
      const plain = new Uint8Array(n).map((_, i) => (i * 7) & 0xff);
      const sealed = await encryptBytes(ikm, plain);
      assert.equal(sealed.length, encryptedSize(n), `size of ${n}`);
      assert.equal(plainSizeOf(sealed.length), n);
      assert.deepEqual(await decryptBytes(ikm, sealed), plain);
      // Fed in odd pieces, the stream decrypts the same.
      assert.deepEqual(await collect(decryptStream(ikm, streamOf(sealed, 1000))), plain);
    }
  });

  it('refuses a truncated stream, a modified byte and a wrong key', async () => {
    const ikm = fromB64u('yqdlZ-tYemfogSmv7Ws5PQ');
    const sealed = await encryptBytes(ikm, new Uint8Array(200_000).fill(1));
    const cut = sealed.slice(0, HEADER + 65536 * 2);
    await assert.rejects(decryptBytes(ikm, cut), /truncated/);
    const changed = sealed.slice();
    changed[1000] = changed[1000]! ^ 1;
    await assert.rejects(decryptBytes(ikm, changed));
    await assert.rejects(decryptBytes(fromB64u('BO3ZVPxUlnLORbVGMpbT1Q'), sealed));
  });
});
const HEADER = 21;

describe('encryptFrom: the same ciphertext from any offset (resuming an upload)', () => {
  const ikm = fromB64u('yqdlZ-tYemfogSmv7Ws5PQ');
  const salt = fromB64u('I1BsxtFttlv3u_Oo94xnmw');
  const RS = 65536;

  it('gives the bytes of the whole stream from the header, record boundaries, mid-record and the last record', async () => {
    // 4 full records and a partial one, as a File would be (a Blob, read only from the record needed).
    const plain = new Uint8Array(4 * 65519 + 1234).map((_, i) => (i * 31 + 7) & 0xff);
    const whole = await encryptBytes(ikm, plain, { salt });
    assert.equal(whole.length, encryptedSize(plain.length));
    const blob = new Blob([plain]);
    const offsets = [0, 1, 16, 20, HEADER, HEADER + 1, HEADER + RS - 1, HEADER + RS, HEADER + RS + 1, HEADER + RS + 40_000,
      HEADER + 2 * RS, HEADER + 3 * RS, HEADER + 3 * RS + 17, 256 * 1024, HEADER + 4 * RS, HEADER + 4 * RS + 100, whole.length - 1];
    for (const offset of offsets) {
      const part = await collect(encryptFrom(ikm, blob, salt, offset));
      assert.equal(part.length, whole.length - offset, `length from ${offset}`);
      assert.ok(Buffer.from(part).equals(Buffer.from(whole.subarray(offset))), `bytes from ${offset}`);
    }
    assert.equal((await collect(encryptFrom(ikm, blob, salt, whole.length))).length, 0, 'nothing after the end');
    // A different salt gives other bytes: the salt must be kept to resume.
    const other = await collect(encryptFrom(ikm, blob, fromB64u('MDEyMzQ1Njc4OTo7PD0-Pw'), HEADER + RS));
    assert.ok(!Buffer.from(other).equals(Buffer.from(whole.subarray(HEADER + RS))));
  });

  it('handles a file of whole records (the last one full) and an empty file', async () => {
    for (const n of [2 * 65519, 0]) {
      const plain = new Uint8Array(n).fill(9);
      const whole = await encryptBytes(ikm, plain, { salt });
      for (const offset of [0, 10, HEADER, HEADER + 5, HEADER + RS, whole.length - 17, whole.length - 1]) {
        if (offset < 0 || offset >= whole.length) continue;
        const part = await collect(encryptFrom(ikm, new Blob([plain]), salt, offset));
        assert.ok(Buffer.from(part).equals(Buffer.from(whole.subarray(offset))), `${n} bytes, from ${offset}`);
      }
      // Pieced together in chunks the way an upload sends them, it decrypts to the plaintext.
      const chunk = 50_000;
      const pieces: Uint8Array[] = [];
      for (let at = 0; at < whole.length; at += chunk) pieces.push((await collect(encryptFrom(ikm, new Blob([plain]), salt, at))).subarray(0, chunk));
      assert.deepEqual(await decryptBytes(ikm, Buffer.concat(pieces)), plain);
    }
  });
});

describe('chaton-drop/v1 keys and manifest (docs/drop-format.md vectors)', () => {
  const secret = fromB64u('AAECAwQFBgcICQoLDA0ODw');
  const salt = fromB64u('EBESExQVFhcYGRobHB0eHw');
  const iv = fromB64u('ICEiIyQlJicoKSor');
  const manifest = { files: [{ name: 'été.txt', size: 5, type: 'text/plain' }] };

  it('derives the documented file keys, without and with a password', async () => {
    const plain = await shareIkm(secret, salt);
    assert.equal(toB64u(await fileIkm(plain, salt, 0)), VECTORS.file0);
    const withPassword = await shareIkm(secret, salt, { text: 'correct horse', iterations: 1000 });
    assert.equal(toB64u(withPassword), VECTORS.ikmPassword);
    assert.equal(toB64u(await fileIkm(withPassword, salt, 1)), VECTORS.file1Password);
    // The same numbers from Node's own PBKDF2 and HKDF, an independent implementation.
    assert.deepEqual(Buffer.from(withPassword.subarray(16)), pbkdf2Sync('correct horse', salt, 1000, 32, 'sha256'));
    assert.deepEqual(Buffer.from(fromB64u(VECTORS.file0)), Buffer.from(hkdfSync('sha256', secret, salt, 'chaton-drop/v1 file 0', 16)));
  });

  it('seals the documented manifest, padded, and opens it only with the right password', async () => {
    const ikm = await shareIkm(secret, salt, { text: 'correct horse', iterations: 1000 });
    const sealed = await encryptManifest(ikm, salt, manifest, iv);
    assert.equal(sealed.length, 12 + 256 + 16);
    assert.equal(toB64u(sealed).slice(0, 64), VECTORS.manifestStart);
    assert.deepEqual(await decryptManifest(ikm, salt, sealed), manifest);
    const wrong = await shareIkm(secret, salt, { text: 'correct hors', iterations: 1000 });
    await assert.rejects(decryptManifest(wrong, salt, sealed));
    await assert.rejects(decryptManifest(secret, salt, sealed));
  });

  it('encrypts the documented file body', async () => {
    const ikm = await fileIkm(await shareIkm(secret, salt), salt, 0);
    const sealed = await encryptBytes(ikm, new TextEncoder().encode('hello'), { salt: fromB64u('MDEyMzQ1Njc4OTo7PD0-Pw') });
    assert.equal(toB64u(sealed), VECTORS.body);
  });
});

const VECTORS = {
  file0: 'I4zgRxGh83oEdx64jycyEQ',
  ikmPassword: 'AAECAwQFBgcICQoLDA0OD9sukiwMGwvXyWPaNFdMTihPe5dUBA9nAHdSeTRTM1ox',
  file1Password: '84vhRZBS5MRZOX-Js0NDwA',
  manifestStart: 'ICEiIyQlJicoKSorOfkkYFRToYTkJOwXDgMNpqI0gcSSMNeGHOmixfgzomICjcbj',
  body: 'MDEyMzQ1Njc4OTo7PD0-PwABAAAArrY_0Y3_x_tpAc5ptm9_WhLC63Zt1w',
};
