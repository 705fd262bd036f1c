// Whether a ciphertext's bytes look encrypted: a client that stores plain text (a bug, or an attempt to
// use the paste service as an unencrypted host) is refused. Encrypted bytes are uniformly distributed;
// text repeats a few byte values. The test counts coinciding pairs of bytes (Σ c(c-1)/2 over the 256
// byte values): uniform bytes give about pairs/256 of them with a Poisson spread, text many times more
// (English ~16×, even base64 text 4×). Refused only far beyond that spread (10 standard deviations
// plus a margin), so a real ciphertext is never refused; under 64 bytes nothing is decided. One pass
// over the bytes and 256 counters, where deflating every ciphertext cost a tenth of a paste's creation.
const MIN_BYTES = 64;

export function looksEncrypted(raw: Uint8Array): boolean {
  const n = raw.length;
  if (n < MIN_BYTES) return true;
  const counts = new Uint32Array(256);
  for (let i = 0; i < n; i++) counts[raw[i]!]! += 1;
  let coincidences = 0;
  for (let b = 0; b < 256; b++) coincidences += (counts[b]! * (counts[b]! - 1)) / 2;
  const expected = (n * (n - 1)) / 2 / 256;
  return coincidences <= expected + 10 * Math.sqrt(expected) + 10;
}
