// The uploads started in this browser and not finalized yet, kept in localStorage so that a reload, a
// crashed tab or a restarted browser can resume them (as tus-js-client does): the share id and owner
// token, the link's secret (what "my shares" keeps anyway), the share's public salt, PBKDF2 iterations
// and sealed manifest (what the server has too: with a password, it checks the password typed again on
// resume), and per file its record salt (web/drop/ece.ts encryptFrom makes the same ciphertext again from
// the keys derived anew) with a fingerprint to recognise the file when it is picked again. Never the
// password nor a key derived from it. Removed once finalized or abandoned.

export interface PendingFile {
  name: string;
  size: number;
  lastModified: number;
  /** The record salt of its aes128gcm header, base64url. */
  salt: string;
}

export interface PendingUpload {
  id: string;
  ownerToken: string;
  /** The link's secret, base64url. */
  secret: string;
  /** The share's public salt (base64url), PBKDF2 iterations (0: no password) and sealed manifest (base64url). */
  shareSalt: string;
  iterations: number;
  manifest: string;
  files: PendingFile[];
  /** After this the server has deleted the unfinished share (its upload deadline). */
  deadline: number;
}

const KEY = 'chaton-drop-pending';

function valid(p: unknown): p is PendingUpload {
  const o = p as PendingUpload | null;
  return (
    !!o && typeof o.id === 'string' && typeof o.ownerToken === 'string' && typeof o.secret === 'string' && typeof o.deadline === 'number' &&
    typeof o.shareSalt === 'string' && typeof o.iterations === 'number' && typeof o.manifest === 'string' &&
    Array.isArray(o.files) && o.files.length > 0 &&
    o.files.every((f) => typeof f?.name === 'string' && typeof f.size === 'number' && typeof f.lastModified === 'number' && typeof f.salt === 'string')
  );
}

function read(): PendingUpload[] {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(list) ? list.filter(valid) : [];
  } catch {
    return [];
  }
}

function write(list: PendingUpload[]): void {
  try {
    if (list.length) localStorage.setItem(KEY, JSON.stringify(list));
    else localStorage.removeItem(KEY);
  } catch {
    // Private browsing or full storage: the upload still works, it just cannot be resumed after a reload.
  }
}

/** The uploads left unfinished, newest first; those past their deadline are forgotten. */
export function pendingUploads(now = Date.now()): PendingUpload[] {
  const all = read();
  const live = all.filter((p) => p.deadline > now);
  if (live.length !== all.length) write(live);
  return live;
}

export function rememberPending(upload: PendingUpload): void {
  write([upload, ...read().filter((p) => p.id !== upload.id)]);
}

export function forgetPending(id: string): void {
  write(read().filter((p) => p.id !== id));
}

export type Match = { files: File[] } | { missing: string } | { changed: string };

/**
 * The picked files in the upload's order, recognised by name, size and modification date. The first
 * file not found is `missing`; one found by name only (its size or date differ) is `changed`. Extra
 * picked files are ignored.
 */
export function matchFiles(upload: PendingUpload, picked: File[]): Match {
  const left = [...picked];
  const files: File[] = [];
  for (const want of upload.files) {
    const at = left.findIndex((f) => f.name === want.name && f.size === want.size && f.lastModified === want.lastModified);
    if (at < 0) return left.some((f) => f.name === want.name) ? { changed: want.name } : { missing: want.name };
    files.push(left.splice(at, 1)[0]!);
  }
  return { files };
}
