// The sizes of the Drop format (docs/drop-format.md), shared by the server and web/drop/ece.ts:
// RFC 8188 aes128gcm records of RECORD_SIZE bytes, each with a 16-byte tag and a 1-byte delimiter.
export const RECORD_SIZE = 65536;
export const HEADER_SIZE = 21; // salt(16) ‖ rs(4) ‖ idlen(1), no key id
export const TAG_SIZE = 16;

/** Ciphertext size of `plainSize` bytes in records of `rs` bytes (no padding, no key id). */
export function encryptedSize(plainSize: number, rs = RECORD_SIZE): number {
  const records = Math.max(1, Math.ceil(plainSize / (rs - TAG_SIZE - 1)));
  return HEADER_SIZE + plainSize + records * (TAG_SIZE + 1);
}

/** Plaintext size of a ciphertext of `cipherSize` bytes (inverse of encryptedSize), or -1 if impossible. */
export function plainSizeOf(cipherSize: number, rs = RECORD_SIZE): number {
  const body = cipherSize - HEADER_SIZE;
  if (body < TAG_SIZE + 1) return -1;
  const records = Math.ceil(body / rs);
  const plain = body - records * (TAG_SIZE + 1);
  return encryptedSize(plain, rs) === cipherSize ? plain : -1;
}
