// The blob store: opaque bytes under keys. Local files by default; an S3-compatible store plugs in
// behind the same interface.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, rmdir, stat, readdir } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

export interface BlobInfo { size: number }

export interface BlobStore {
  /** Stores the bytes of `body` under `key`, atomically: a reader sees all of it or nothing. */
  put(key: string, body: Readable | Buffer): Promise<BlobInfo>;
  /** A stream of the bytes, or null when there is no such key. `range` is inclusive. */
  get(key: string, range?: { start: number; end: number }): Promise<Readable | null>;
  stat(key: string): Promise<BlobInfo | null>;
  delete(key: string): Promise<void>;
  /** Keys that start with `prefix`. */
  list(prefix: string): Promise<string[]>;
  /**
   * Removes what writes that never finished (a crash in the middle of a put) left under `prefix`, when
   * untouched for `olderThanMs`: such leftovers are not blobs, so list() never shows them. Returns how many.
   */
  sweep(prefix: string, olderThanMs: number): Promise<number>;
}

const KEY = /^[A-Za-z0-9_-][A-Za-z0-9_./-]{0,255}$/;

export function assertKey(key: string): void {
  if (!KEY.test(key) || key.split('/').some((p) => p === '..' || p === '.' || p === '')) throw new Error(`invalid blob key: ${key}`);
}

/** Blobs as files under a directory. Writes go to a temporary file renamed into place. */
export class FsBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private path(key: string): string {
    assertKey(key);
    return join(this.root, ...key.split('/'));
  }

  async put(key: string, body: Readable | Buffer): Promise<BlobInfo> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, createWriteStream(tmp, { flags: 'wx' }));
      await rename(tmp, target);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    return { size: (await stat(target)).size };
  }

  async get(key: string, range?: { start: number; end: number }): Promise<Readable | null> {
    const file = this.path(key);
    if (!(await this.stat(key))) return null;
    return createReadStream(file, range ? { start: range.start, end: range.end } : {});
  }

  async stat(key: string): Promise<BlobInfo | null> {
    try {
      const s = await stat(this.path(key));
      return s.isFile() ? { size: s.size } : null;
    } catch {
      return null;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async list(prefix: string): Promise<string[]> {
    const out: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const full = join(dir, e.name);
        if (e.isDirectory()) await walk(full);
        else if (!e.name.endsWith('.tmp')) {
          const key = relative(this.root, full).split(sep).join('/');
          if (key.startsWith(prefix)) out.push(key);
        }
      }
    };
    await walk(this.root);
    return out.sort();
  }

  /** Temporary files (and then empty directories) under `prefix`, untouched for `olderThanMs`. */
  async sweep(prefix: string, olderThanMs: number): Promise<number> {
    const dir = prefix.replace(/\/+$/, '');
    if (dir) assertKey(dir);
    const before = Date.now() - olderThanMs;
    let removed = 0;
    // Returns whether `path` is now empty and was untouched since `before` when the sweep reached it (a
    // put creates its directory just before writing in it): then it may go too.
    const walk = async (path: string): Promise<boolean> => {
      const untouched = ((await stat(path).catch(() => null))?.mtimeMs ?? Infinity) < before;
      let entries;
      try {
        entries = await readdir(path, { withFileTypes: true });
      } catch {
        return false;
      }
      let left = entries.length;
      for (const e of entries) {
        const full = join(path, e.name);
        if (e.isDirectory()) {
          if ((await walk(full)) && (await rmdir(full).then(() => true, () => false))) left--;
        } else if (e.name.endsWith('.tmp')) {
          const s = await stat(full).catch(() => null);
          if (s && s.mtimeMs < before) {
            await rm(full, { force: true });
            removed++;
            left--;
          }
        }
      }
      return left === 0 && untouched;
    };
    await walk(dir ? join(this.root, ...dir.split('/')) : this.root);
    return removed;
  }
}

