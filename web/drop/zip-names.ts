// Names inside the "download all" archive. File names come from the sealed manifest, that is from the
// sender: a hostile sender could write "../../.bashrc", "/etc/x", "C:\x" or the same name twice. Drop
// shares are flat lists of files, so every entry goes at the top of the archive: separators become
// "_", "." and ".." and empty names become "file", duplicates (case-insensitively, as on Windows and
// macOS disks) get " (2)", " (3)"… before the extension. Pure functions, tested in
// test/unit/drop-zip-names.test.ts.

/** One name made safe to extract: no directory part, no control character, not "." or "..". */
export function safeEntryName(name: string): string {
  // Path separators and control characters become "_".
  let safe = Array.from(name, (c) => (c === '/' || c === '\\' || c < ' ' || c === '\u007f' ? '_' : c)).join('');
  safe = safe.trim().replace(/^([A-Za-z]):/, '$1_'); // "C:name" is relative to a drive on Windows
  if (/^\.*$/.test(safe)) safe = 'file'; // "", "." and ".." (and "..." that Windows would strip)
  return safe;
}

/** Inserts " (n)" before the extension: "a.txt" → "a (2).txt", ".env" → ".env (2)". */
function numbered(name: string, n: number): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)} (${n})${name.slice(dot)}` : `${name} (${n})`;
}

/** The names of the entries, in the same order: safe and distinct. */
export function zipEntryNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((raw) => {
    const base = safeEntryName(raw);
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = numbered(base, n);
    taken.add(name.toLowerCase());
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
