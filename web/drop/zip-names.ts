// Names inside the "download all" archive. File names come from the sealed manifest, that is from the
// sender: a hostile sender could write "../../.bashrc", "/etc/x", "C:\x", "CON.txt" or the same name
// twice. Drop shares are flat lists of files, so every entry goes at the top of the archive, under a
// name that Windows' own extractor, macOS' Archive Utility and Linux' unzip all accept as it is:
//   - separators, control characters, bidirectional overrides and the characters Windows forbids
//     (< > : " | ? *) become "_"; a lone UTF-16 surrogate (not encodable) too;
//   - trailing dots and spaces (Windows drops them, which could merge two names) are removed;
//   - reserved device names (CON, PRN, AUX, NUL, COM0–9, LPT0–9, with any extension) get a leading "_";
//   - "", "." and ".." become "file";
//   - at most 255 bytes of UTF-8 (ext4, APFS; NTFS counts 255 UTF-16 units, which is never fewer),
//     cut between characters, the extension kept;
//   - duplicates (compared after Unicode NFC and case folding, as Windows and macOS disks do) get
//     " (2)", " (3)"… before the extension.
// client-zip marks every entry name as UTF-8 (general purpose flag bit 11). It cannot write extra fields,
// so there is no Info-ZIP Unicode Path field (0x7075) with the original name; the field would not help
// anyway: extractors that read it use that name instead of the cleaned one, unsafe characters included.
// The original names stay visible on the share's page. Pure functions, tested in
// test/unit/drop-zip-names.test.ts and, through a real extractor, test/unit/drop-zip-archive.test.ts.

/** The longest entry name, in bytes of UTF-8. */
export const MAX_NAME_BYTES = 255;

const encoder = new TextEncoder();
const bytes = (s: string): number => encoder.encode(s).length;

// Characters no extractor may receive: C0 controls, DEL, C1 controls, separators, Windows' reserved
// characters, bidirectional controls (which can make "txt.exe" read as "exe.txt").
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f/\\<>:"|?*\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/gu; // with /u, a surrogate matches only when alone
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** Keeps at most `max` bytes of UTF-8 of `s`, cut between code points. */
function cutBytes(s: string, max: number): string {
  let out = '';
  let used = 0;
  for (const c of s) {
    const n = bytes(c);
    if (used + n > max) break;
    out += c;
    used += n;
  }
  return out;
}

/** The extension to keep when a name is cut: ".txt", ".tar.gz" are, a long tail after a dot is not. */
function splitExtension(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || bytes(name.slice(dot)) > 32) return [name, ''];
  return [name.slice(0, dot), name.slice(dot)];
}

/** Joins stem, suffix and extension within MAX_NAME_BYTES, cutting the stem; no trailing dot or space. */
function fit(stem: string, suffix: string, ext: string): string {
  const room = MAX_NAME_BYTES - bytes(suffix) - bytes(ext);
  const cut = bytes(stem) > room ? cutBytes(stem, room).replace(/[. ]+$/, '') : stem;
  return `${cut || 'file'}${suffix}${ext}`;
}

/** One name made safe to extract anywhere (see the top of this file). */
export function safeEntryName(name: string): string {
  let safe = name.normalize('NFC').replace(UNSAFE, '_');
  safe = safe.trim().replace(/[. ]+$/, '');
  if (safe === '') return 'file'; // "", "." and ".." (and "..." or " . ", which Windows strips to nothing)
  const first = safe.split('.')[0]!.trimEnd();
  if (RESERVED.test(first)) safe = `_${safe}`;
  if (bytes(safe) <= MAX_NAME_BYTES) return safe;
  const [stem, ext] = splitExtension(safe);
  return fit(stem, '', ext);
}

/** Inserts " (n)" before the extension: "a.txt" → "a (2).txt", ".env" → ".env (2)"; still within the limit. */
function numbered(name: string, n: number): string {
  const [stem, ext] = splitExtension(name);
  return fit(stem, ` (${n})`, ext);
}

/** How two names compare on a case-insensitive disk. */
const folded = (name: string): string => name.normalize('NFC').toLowerCase();

/** The names of the entries, in the same order: safe and distinct. */
export function zipEntryNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((raw) => {
    const base = safeEntryName(raw);
    let name = base;
    for (let n = 2; taken.has(folded(name)); n++) name = numbered(base, n);
    taken.add(folded(name));
    return name;
  });
}

/** The local day as YYYY-MM-DD, for the archive's name ("fichiers-2025-03-14.zip"). */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The archive's file name from its translated stem: made safe, with ".zip" added. */
export function archiveName(stem: string): string {
  return `${safeEntryName(stem)}.zip`;
}
