// The send page: encrypt the picked files in the browser (contents and manifest), upload the
// ciphertext chunk by chunk with progress, speed and time left, retry and resume on network loss,
// then show the link (key in the fragment), its QR code, the owner link and "my shares".
import QRCode from 'qrcode';
import { PBKDF2_ITERATIONS, encryptManifest, encryptStream, encryptedSize, fileIkm, randomBytes, shareIkm, toB64u } from './ece.js';
import { apiError, byId, clearError, formatBytes, formatDuration, myShares, saveMyShares, showError, type MyShare } from './ui.js';

type T = (key: string, params?: Record<string, string | number>) => string;
interface Created { id: string; ownerToken: string; chunkBytes: number }

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

export function initSend(el: HTMLElement, t: T): void {
  const lang = el.dataset.lang ?? 'fr';
  const maxFile = Number(el.dataset.maxFile);
  const form = byId<HTMLFormElement>('drop-form');
  const input = byId<HTMLInputElement>('drop-files');
  const zone = byId('drop-zone');
  const picked = byId<HTMLUListElement>('drop-picked');
  const progress = byId<HTMLProgressElement>('drop-progress');
  const progressText = byId('drop-progress-text');

  const showPicked = () => {
    picked.replaceChildren(...Array.from(input.files ?? [], (f) => Object.assign(document.createElement('li'), { textContent: `${f.name} (${formatBytes(f.size, lang)})` })));
  };
  input.addEventListener('change', showPicked);
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
      showPicked();
    }
  });

  renderMine(t);
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy-input]')) {
    button.addEventListener('click', () => {
      const target = byId<HTMLInputElement>(button.dataset.copyInput ?? '');
      target.select();
      void navigator.clipboard?.writeText(target.value).then(() => (button.textContent = t('drop.copied')));
    });
  }

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
    for (const c of form.elements) (c as HTMLInputElement).disabled = true;
    byId('drop-progress-box').hidden = false;
    progressText.textContent = t('drop.encrypting');
    upload(files, Number(data.get('expiry')), Number(data.get('downloads')), password).catch((err: unknown) => {
      for (const c of form.elements) (c as HTMLInputElement).disabled = false;
      byId('drop-progress-box').hidden = true;
      showError(t('drop.error.network', { message: err instanceof Error ? err.message : String(err) }));
    });
  });

  async function upload(files: File[], expiresIn: number, downloads: number, password: string): Promise<void> {
    const secret = randomBytes(16);
    const salt = randomBytes(16);
    const iterations = password ? PBKDF2_ITERATIONS : 0;
    const ikm = await shareIkm(secret, salt, password ? { text: password, iterations } : undefined);
    const manifest = await encryptManifest(ikm, salt, { files: files.map((f) => ({ name: f.name, size: f.size, type: f.type })) });
    const sizes = files.map((f) => encryptedSize(f.size));
    const res = await fetch('/drop/api/shares', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ files: sizes, expiresIn, downloads, salt: toB64u(salt), iterations, manifest: toB64u(manifest) }),
    });
    if (res.status !== 201) throw new Error(await apiError(res));
    const share = (await res.json()) as Created;
    const total = sizes.reduce((a, b) => a + b, 0);
    const started = performance.now();
    let done = 0;
    const report = (now: number) => {
      progress.value = total ? (100 * now) / total : 100;
      const seconds = (performance.now() - started) / 1000;
      const speed = seconds > 0 ? now / seconds : 0;
      progressText.textContent = t('drop.progressText', {
        done: formatBytes(now, lang), total: formatBytes(total, lang), speed: formatBytes(speed, lang),
        left: speed > 0 ? formatDuration((total - now) / speed, lang) : '…',
      });
    };
    for (const [i, file] of files.entries()) {
      const stream = encryptStream(await fileIkm(ikm, salt, i), file.stream());
      let n = 0;
      for await (const chunk of chunksOf(stream, share.chunkBytes)) {
        await sendWithRetry(share, i, n, chunk, (sent) => report(done + sent));
        done += chunk.length;
        n++;
        report(done);
      }
    }
    progressText.textContent = t('drop.finishing');
    const fin = await fetch(`/drop/api/shares/${share.id}/finalize`, { method: 'POST', headers: { accept: 'application/json', authorization: `Bearer ${share.ownerToken}` } });
    if (fin.status !== 200) throw new Error(await apiError(fin));
    const { expiresAt } = (await fin.json()) as { expiresAt: number };
    const link = `${location.origin}/drop/s/${share.id}#${toB64u(secret)}`;
    const owner = `${location.origin}/drop/o/${share.id}#${share.ownerToken}`;
    saveMyShares([{ id: share.id, link, owner, names: files.map((f) => f.name), expiresAt }, ...myShares()]);
    byId<HTMLInputElement>('drop-link').value = link;
    byId<HTMLInputElement>('drop-owner').value = owner;
    byId<HTMLImageElement>('drop-qr').src = await QRCode.toDataURL(link, { width: 200, margin: 2 });
    form.hidden = true;
    byId('drop-progress-box').hidden = true;
    byId('drop-result').hidden = false;
    byId('drop-done').focus();
    renderMine(t);
  }

  /** Sends one chunk; on a network failure or a server restart, waits and asks where to resume. */
  async function sendWithRetry(share: Created, f: number, n: number, chunk: Uint8Array, onProgress: (sent: number) => void): Promise<void> {
    const url = `/drop/api/shares/${share.id}/files/${f}/chunks/${n}`;
    for (let attempt = 0; ; attempt++) {
      try {
        await putChunk(url, share.ownerToken, chunk, onProgress);
        return;
      } catch (err) {
        const retriable = err instanceof HttpError && (err.status === 0 || err.status >= 500 || err.status === 409 || err.status === 429);
        if (!retriable || attempt >= 60) throw err;
      }
      progressText.textContent = t('drop.retrying');
      await sleep(Math.min(1000 * 2 ** Math.min(attempt, 4), 15_000));
      // Did the server store it before the connection dropped?
      try {
        const state = await fetch(`/drop/api/shares/${share.id}/upload`, { headers: { accept: 'application/json', authorization: `Bearer ${share.ownerToken}` } });
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
