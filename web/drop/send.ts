// The send page: encrypt the picked files in the browser (contents and manifest), upload the
// ciphertext chunk by chunk with progress, speed and time left, retry and resume on network loss,
// then show the link (key in the fragment), its QR code, the owner link and "my shares".
// Until it is finalized, the upload is remembered in this browser (pending.ts): after a reload or a
// crash, the page offers to pick the same files again and continues from the last chunk the server
// has, through the same upload loop (transfer) as a new upload.
import QRCode from 'qrcode';
import { PBKDF2_ITERATIONS, decryptManifest, encryptFrom, encryptManifest, encryptedSize, fileIkm, fromB64u, randomBytes, shareIkm, toB64u } from './ece.js';
import { forgetPending, matchFiles, pendingUploads, rememberPending, type PendingUpload } from './pending.js';
import { apiError, byId, clearError, formatBytes, formatDate, formatDuration, myShares, saveMyShares, showError, type MyShare } from './ui.js';

type T = (key: string, params?: Record<string, string | number>) => string;
interface Created { id: string; ownerToken: string; chunkBytes: number }
interface UploadState { chunkBytes: number; files: { size: number; chunks: number; received: number }[] }

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** The share is no longer on the server (upload deadline passed, or deleted): the upload is forgotten. */
class Gone extends Error {}

/**
 * A chunk was refused as too large (HTTP 413). Chaton's own limit always fits a chunk, so this is a
 * proxy in front of it (nginx's client_max_body_size, 1 MiB by default): retrying cannot help.
 */
class ChunkTooLarge extends Error {
  constructor(readonly bytes: number) {
    super('HTTP 413');
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A call to the owner's API of an upload; any status but 200 is an HttpError. */
async function ownerApi<R>(p: PendingUpload, path: string, method = 'GET'): Promise<R> {
  const res = await fetch(`/drop/api/shares/${p.id}${path}`, { method, headers: { accept: 'application/json', authorization: `Bearer ${p.ownerToken}` } });
  if (res.status !== 200) throw new HttpError(res.status, await apiError(res));
  return (await res.json()) as R;
}

// One upload runs in one tab: the others do not offer to resume it meanwhile (Web Locks, where available).
const lockName = (id: string) => `chaton-drop-upload-${id}`;

function withLock(id: string, run: () => Promise<void>): Promise<void> {
  return 'locks' in navigator ? navigator.locks.request(lockName(id), run) : run();
}

async function heldLocks(): Promise<Set<string>> {
  try {
    return 'locks' in navigator ? new Set(((await navigator.locks.query()).held ?? []).map((l) => l.name ?? '')) : new Set();
  } catch {
    return new Set();
  }
}

/** PUT with upload progress (fetch has none). Network failures reject with status 0. */
function putChunk(url: string, token: string, body: Uint8Array, onProgress: (sent: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      if (xhr.status === 200) return resolve();
      let message = `HTTP ${xhr.status}`;
      try {
        message = (JSON.parse(xhr.responseText) as { message?: string }).message ?? message;
      } catch {
        // not JSON
      }
      reject(new HttpError(xhr.status, message));
    };
    xhr.onerror = () => reject(new HttpError(0, 'network'));
    xhr.send(body as unknown as XMLHttpRequestBodyInit);
  });
}

/** Reads an encrypted stream in pieces of exactly `size` bytes (the last one shorter). */
async function* chunksOf(stream: ReadableStream<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let buf = new Uint8Array(size);
  let fill = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    let at = 0;
    while (at < value.length) {
      const n = Math.min(size - fill, value.length - at);
      buf.set(value.subarray(at, at + n), fill);
      fill += n;
      at += n;
      if (fill === size) {
        yield buf;
        buf = new Uint8Array(size);
        fill = 0;
      }
    }
  }
  if (fill > 0) yield buf.subarray(0, fill);
}

/** Files dropped on `zone` go to `input`, as if picked. */
function acceptDrops(zone: HTMLElement, input: HTMLInputElement, then: () => void = () => undefined): void {
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    if (e.dataTransfer?.files.length) {
      input.files = e.dataTransfer.files;
      then();
    }
  });
}

/** The RFC 8188 key of each of the `count` files of a share. */
function fileKeys(ikm: Uint8Array, salt: Uint8Array, count: number): Promise<Uint8Array[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => fileIkm(ikm, salt, i)));
}

export function initSend(el: HTMLElement, t: T): void {
  const lang = el.dataset.lang ?? 'fr';
  const maxFile = Number(el.dataset.maxFile);
  const uploadDeadline = Number(el.dataset.uploadDeadline) || 24 * 3600 * 1000;
  const form = byId<HTMLFormElement>('drop-form');
  const input = byId<HTMLInputElement>('drop-files');
  const picked = byId<HTMLUListElement>('drop-picked');
  const progress = byId<HTMLProgressElement>('drop-progress');
  const progressText = byId('drop-progress-text');
  const resumeBox = byId('drop-resume');
  const resumeInput = byId<HTMLInputElement>('drop-resume-files');
  const resumeGo = byId<HTMLButtonElement>('drop-resume-go');
  const resumeAbandon = byId<HTMLButtonElement>('drop-resume-abandon');
  const resumeError = byId('drop-resume-error');
  const resumePassword = byId<HTMLInputElement>('drop-resume-password');
  const resumeNote = byId('drop-resume-note');
  /** The interrupted upload the resume box offers. */
  let offered: PendingUpload | null = null;
  let uploading = false;
  /** Uploads locked by another tab (or by the page just reloaded, letting go): offered once free. */
  const awaited = new Set<string>();

  const showPicked = () => {
    picked.replaceChildren(...Array.from(input.files ?? [], (f) => Object.assign(document.createElement('li'), { textContent: `${f.name} (${formatBytes(f.size, lang)})` })));
  };
  input.addEventListener('change', showPicked);
  acceptDrops(byId('drop-zone'), input, showPicked);
  acceptDrops(byId('drop-resume-zone'), resumeInput);

  renderMine(t);
  void pruneGoneShares(t);
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy-input]')) {
    button.addEventListener('click', () => {
      const target = byId<HTMLInputElement>(button.dataset.copyInput ?? '');
      target.select();
      void navigator.clipboard?.writeText(target.value).then(() => (button.textContent = t('drop.copied')));
    });
  }
  void offerResume();

  const showResumeError = (message: string) => {
    resumeError.textContent = message;
    resumeError.hidden = false;
  };
  const note = (message: string) => {
    resumeNote.textContent = message;
    resumeNote.hidden = false;
    resumeNote.tabIndex = -1;
    resumeNote.focus();
  };
  /** An upload runs: nothing else can start, the progress shows. */
  const busy = (on: boolean) => {
    uploading = on;
    for (const c of form.elements) (c as HTMLInputElement).disabled = on;
    for (const c of [resumeInput, resumePassword, resumeGo, resumeAbandon]) c.disabled = on;
    byId('drop-progress-box').hidden = !on;
    if (on) {
      resumeBox.hidden = true;
      resumeNote.hidden = true;
    }
  };
  const failed = (err: unknown, show: (message: string) => void) => {
    if (err instanceof Gone) note(t('drop.resume.gone'));
    else if (err instanceof ChunkTooLarge) {
      // The progress stays on screen, showing where the upload stopped (set by transfer()).
      byId('drop-progress-box').hidden = false;
      show(t('drop.error.proxyLimit', { size: formatBytes(err.bytes, lang) }));
    }
    else show(t('drop.error.network', { message: err instanceof Error ? err.message : String(err) }));
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearError();
    const files = Array.from(input.files ?? []);
    if (files.length === 0) return showError(t('drop.error.noFiles'));
    if (files.length > 100) return showError(t('drop.error.tooManyFiles'));
    const tooBig = files.find((f) => f.size > maxFile);
    if (tooBig) return showError(`${tooBig.name} : ${t('drop.error.fileTooBig', { max: formatBytes(maxFile, lang) })}`);
    const data = new FormData(form);
    const password = String(data.get('password') ?? '');
    offered = null;
    busy(true);
    progressText.textContent = t('drop.encrypting');
    upload(files, Number(data.get('expiry')), Number(data.get('downloads')), password).catch(async (err: unknown) => {
      busy(false);
      failed(err, showError);
      // Remembered once the share exists: it can be resumed from here too.
      await offerResume(files);
    });
  });

  resumeGo.addEventListener('click', () => {
    const p = offered;
    if (!p) return;
    resumeError.hidden = true;
    const chosen = Array.from(resumeInput.files ?? []);
    if (chosen.length === 0) return showResumeError(t('drop.error.noFiles'));
    const match = matchFiles(p, chosen);
    if ('missing' in match) return showResumeError(t('drop.resume.missing', { name: match.missing }));
    if ('changed' in match) return showResumeError(t('drop.resume.changed', { name: match.changed }));
    const password = p.iterations > 0 ? resumePassword.value : undefined;
    if (password === '') return showResumeError(t('drop.resume.passwordNeeded'));
    clearError();
    busy(true);
    progressText.textContent = t('drop.resume.resuming');
    void (async () => {
      try {
        const keys = await resumeKeys(p, password);
        if (keys) return await transfer(p, match.files, keys);
        busy(false);
        await offerResume(match.files);
        showResumeError(t('drop.receive.badPassword'));
      } catch (err) {
        busy(false);
        await offerResume(match.files);
        failed(err, showResumeError);
      }
    })();
  });

  resumeAbandon.addEventListener('click', () => {
    const p = offered;
    if (!p || !confirm(t('drop.resume.confirm'))) return;
    resumeError.hidden = true;
    ownerApi(p, '', 'DELETE')
      .catch((err: unknown) => {
        if (!(err instanceof HttpError && err.status === 404)) throw err; // already gone: fine
      })
      .then(async () => {
        forgetPending(p.id);
        await offerResume();
        note(t('drop.resume.abandoned'));
      })
      .catch((err: unknown) => failed(err, showResumeError));
  });

  /**
   * Shows the resume box for an interrupted upload (`prefer`'s if it is still pending, with its files
   * already picked), unless another tab is uploading it; hides the box when there is none.
   */
  async function offerResume(prefer?: File[]): Promise<void> {
    const held = await heldLocks();
    if (uploading) return;
    const list = pendingUploads();
    const mine = prefer && offered && list.find((p) => p.id === offered?.id);
    offered = mine || list.find((p) => !held.has(lockName(p.id))) || null;
    for (const p of list) {
      if (!held.has(lockName(p.id)) || awaited.has(p.id)) continue;
      awaited.add(p.id);
      void navigator.locks.request(lockName(p.id), async () => undefined).then(() => {
        awaited.delete(p.id);
        if (!offered) return offerResume();
      });
    }
    resumeBox.hidden = !offered || uploading;
    resumeError.hidden = true;
    if (!offered) return;
    byId('drop-resume-names').replaceChildren(
      ...offered.files.map((f) => Object.assign(document.createElement('li'), { textContent: `${f.name} (${formatBytes(f.size, lang)})` })),
    );
    byId('drop-resume-until').textContent = t('drop.resume.until', { date: formatDate(offered.deadline, lang) });
    byId('drop-resume-password-box').hidden = offered.iterations === 0;
    if (prefer && mine) {
      try {
        const dt = new DataTransfer();
        for (const f of prefer) dt.items.add(f);
        resumeInput.files = dt.files;
      } catch {
        // An older browser: the person picks them again.
      }
    }
  }

  /**
   * The file keys of an interrupted upload, derived again from the link's secret (and the password typed
   * again, checked by opening the sealed manifest as a receiver would); null when the password is wrong.
   */
  async function resumeKeys(p: PendingUpload, password: string | undefined): Promise<Uint8Array[] | null> {
    const salt = fromB64u(p.shareSalt);
    const ikm = await shareIkm(fromB64u(p.secret), salt, password !== undefined ? { text: password, iterations: p.iterations } : undefined);
    try {
      await decryptManifest(ikm, salt, fromB64u(p.manifest));
    } catch {
      return null;
    }
    return fileKeys(ikm, salt, p.files.length);
  }

  /** A new upload: encrypts the manifest, creates the share, remembers it, then sends everything. */
  async function upload(files: File[], expiresIn: number, downloads: number, password: string): Promise<void> {
    const secret = randomBytes(16);
    const salt = randomBytes(16);
    const iterations = password ? PBKDF2_ITERATIONS : 0;
    const ikm = await shareIkm(secret, salt, password ? { text: password, iterations } : undefined);
    const manifest = await encryptManifest(ikm, salt, { files: files.map((f) => ({ name: f.name, size: f.size, type: f.type })) });
    const startedAt = Date.now();
    const res = await fetch('/drop/api/shares', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ files: files.map((f) => encryptedSize(f.size)), expiresIn, downloads, salt: toB64u(salt), iterations, manifest: toB64u(manifest) }),
    });
    if (res.status !== 201) throw new Error(await apiError(res));
    const share = (await res.json()) as Created;
    const pending: PendingUpload = {
      id: share.id,
      ownerToken: share.ownerToken,
      secret: toB64u(secret),
      shareSalt: toB64u(salt),
      iterations,
      manifest: toB64u(manifest),
      deadline: startedAt + uploadDeadline,
      files: files.map((f) => ({ name: f.name, size: f.size, lastModified: f.lastModified, salt: toB64u(randomBytes(16)) })),
    };
    offered = pending;
    rememberPending(pending);
    await transfer(pending, files, await fileKeys(ikm, salt, files.length));
  }

  /**
   * The upload loop, for a new upload and a resumed one alike: asks the server where each file stands,
   * encrypts each file from there (the same bytes as the first time: same key, same record salt),
   * sends the chunks with progress, finalizes, forgets the pending upload and shows the result.
   */
  async function transfer(p: PendingUpload, files: File[], keys: Uint8Array[]): Promise<void> {
    try {
      await withLock(p.id, async () => {
        const state = await ownerApi<UploadState>(p, '/upload');
        const sizes = p.files.map((f) => encryptedSize(f.size));
        if (state.files.length !== sizes.length || state.files.some((f, i) => f.size !== sizes[i])) throw new Error('the server holds other files');
        const chunkBytes = state.chunkBytes;
        const total = sizes.reduce((a, b) => a + b, 0);
        let done = state.files.reduce((a, f, i) => a + Math.min(f.received * chunkBytes, sizes[i]!), 0);
        const already = done;
        const started = performance.now();
        const report = (now: number) => {
          progress.value = total ? (100 * now) / total : 100;
          const seconds = (performance.now() - started) / 1000;
          const speed = seconds > 0 ? (now - already) / seconds : 0;
          progressText.textContent = t('drop.progressText', {
            done: formatBytes(now, lang), total: formatBytes(total, lang), speed: formatBytes(speed, lang),
            left: speed > 0 ? formatDuration((total - now) / speed, lang) : '…',
          });
        };
        report(done);
        for (const [i, file] of files.entries()) {
          let n = state.files[i]!.received;
          const from = n * chunkBytes;
          if (from >= sizes[i]!) continue;
          const stream = encryptFrom(keys[i]!, file, fromB64u(p.files[i]!.salt), from);
          for await (const chunk of chunksOf(stream, chunkBytes)) {
            try {
              await sendWithRetry(p, i, n, chunk, (sent) => report(done + sent));
            } catch (err) {
              if (err instanceof ChunkTooLarge) {
                // What the server really holds, not the bytes the refused request carried.
                progress.value = total ? (100 * done) / total : 0;
                progressText.textContent = t('drop.stopped', { done: formatBytes(done, lang), total: formatBytes(total, lang) });
              }
              throw err;
            }
            done += chunk.length;
            n++;
            report(done);
          }
        }
        progressText.textContent = t('drop.finishing');
        const { expiresAt } = await ownerApi<{ expiresAt: number }>(p, '/finalize', 'POST');
        forgetPending(p.id);
        await showResult(p, expiresAt);
      });
    } catch (err) {
      if (err instanceof HttpError && err.status === 404) {
        forgetPending(p.id);
        throw new Gone();
      }
      throw err;
    }
  }

  async function showResult(p: PendingUpload, expiresAt: number): Promise<void> {
    const link = `${location.origin}/drop/s/${p.id}#${p.secret}`;
    const owner = `${location.origin}/drop/o/${p.id}#${p.ownerToken}`;
    saveMyShares([{ id: p.id, link, owner, names: p.files.map((f) => f.name), expiresAt }, ...myShares().filter((s) => s.id !== p.id)]);
    byId<HTMLInputElement>('drop-link').value = link;
    byId<HTMLInputElement>('drop-owner').value = owner;
    // The person's own mail program, with the link ready to send (nothing goes through the chaton).
    const body = t('drop.mailBody', { link, date: formatDate(expiresAt, lang) });
    byId<HTMLAnchorElement>('drop-mail').href = `mailto:?subject=${encodeURIComponent(t('drop.mailSubject'))}&body=${encodeURIComponent(body)}`;
    byId<HTMLImageElement>('drop-qr').src = await QRCode.toDataURL(link, { width: 200, margin: 2 });
    form.hidden = true;
    byId('drop-progress-box').hidden = true;
    byId('drop-result').hidden = false;
    byId('drop-done').focus();
    renderMine(t);
  }

  /** Sends one chunk; on a network failure or a server restart, waits and asks where to resume. */
  async function sendWithRetry(p: PendingUpload, f: number, n: number, chunk: Uint8Array, onProgress: (sent: number) => void): Promise<void> {
    const url = `/drop/api/shares/${p.id}/files/${f}/chunks/${n}`;
    for (let attempt = 0; ; attempt++) {
      try {
        await putChunk(url, p.ownerToken, chunk, onProgress);
        return;
      } catch (err) {
        if (err instanceof HttpError && err.status === 413) throw new ChunkTooLarge(chunk.length);
        const retriable = err instanceof HttpError && (err.status === 0 || err.status >= 500 || err.status === 409 || err.status === 429);
        if (!retriable || attempt >= 60) throw err;
      }
      progressText.textContent = t('drop.retrying');
      await sleep(Math.min(1000 * 2 ** Math.min(attempt, 4), 15_000));
      // Did the server store it before the connection dropped?
      try {
        const state = await fetch(`/drop/api/shares/${p.id}/upload`, { headers: { accept: 'application/json', authorization: `Bearer ${p.ownerToken}` } });
        if (state.status === 200) {
          const body = (await state.json()) as { files: { received: number }[] };
          const received = body.files[f]?.received ?? 0;
          if (received > n) return;
          if (received < n) throw new Error(`chunk ${received} lost`);
        }
      } catch (err) {
        if (err instanceof Error && err.message.endsWith('lost')) throw err;
        // still offline: try again
      }
    }
  }
}

/** Forgets the shares the server says are gone (used up, deleted, expired): the receiver's own view,
 *  which reserves nothing. A network error or a server fault keeps the entry. */
async function pruneGoneShares(t: T): Promise<void> {
  const gone = new Set<string>();
  await Promise.all(myShares().map(async (s) => {
    const res = await fetch(`/drop/api/shares/${encodeURIComponent(s.id)}`, { headers: { accept: 'application/json' }, cache: 'no-store' }).catch(() => null);
    if (res?.status === 404) gone.add(s.id);
  }));
  if (gone.size === 0) return;
  saveMyShares(myShares().filter((s) => !gone.has(s.id)));
  renderMine(t);
}

function renderMine(t: T): void {
  const list = byId<HTMLUListElement>('drop-mine');
  const mine = myShares();
  saveMyShares(mine);
  if (mine.length === 0) {
    list.replaceChildren(Object.assign(document.createElement('li'), { textContent: t('drop.mineEmpty') }));
    return;
  }
  list.replaceChildren(
    ...mine.map((s: MyShare) => {
      const li = document.createElement('li');
      const link = Object.assign(document.createElement('a'), { href: s.link, textContent: s.names.join(', ') });
      const manage = Object.assign(document.createElement('a'), { href: s.owner, textContent: t('drop.mineManage') });
      const forget = Object.assign(document.createElement('button'), { type: 'button', className: 'secondary', textContent: t('drop.mineForget') });
      forget.addEventListener('click', () => {
        saveMyShares(myShares().filter((x) => x.id !== s.id));
        renderMine(t);
      });
      li.append(link, ' · ', manage, ' ', forget);
      return li;
    }),
  );
}
