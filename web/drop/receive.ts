// The receive page: read the key from the fragment (never sent to the server), ask for the password
// when there is one, decrypt the manifest to show names and sizes, then download one file or all,
// decrypting as the bytes arrive and saving without holding the whole file in memory. "Download all"
// (two files or more) saves one ZIP archive (client-zip: stored, ZIP64 when needed), made here as the
// files are decrypted one after the other; only when the browser can save nothing big without a Blob
// does it fall back to one download per file.
import { makeZip } from 'client-zip';
import { decryptManifest, decryptStream, fileIkm, fromB64u, shareIkm, type Manifest } from './ece.js';
import { apiError, byId, clearError, formatBytes, formatDate, showError } from './ui.js';
import { fitsOneDownload, prepareSaving, saveStream } from './save.js';
import { archiveName, localDay, zipEntryNames } from './zip-names.js';
import { resumable } from './resume.js';

type T = (key: string, params?: Record<string, string | number>) => string;
interface Info { salt: string; iterations: number; manifest: string; files: number[]; expiresAt: number; downloadsLeft: number }

/** Exactly `n` bytes of a shared reader, as a stream (the rest stays for the next file). */
function take(source: { reader: ReadableStreamDefaultReader<Uint8Array>; rest: Uint8Array }, n: number): ReadableStream<Uint8Array> {
  let left = n;
  return new ReadableStream({
    async pull(controller) {
      if (left === 0) return controller.close();
      if (source.rest.length === 0) {
        const { done, value } = await source.reader.read();
        if (done) return controller.error(new Error('truncated download'));
        source.rest = value;
      }
      const piece = source.rest.subarray(0, left);
      source.rest = source.rest.subarray(piece.length);
      left -= piece.length;
      controller.enqueue(piece.slice());
    },
  });
}

export async function initReceive(el: HTMLElement, t: T): Promise<void> {
  const lang = el.dataset.lang ?? 'fr';
  const id = el.dataset.id ?? '';
  const key = location.hash.slice(1);
  let secret: Uint8Array;
  try {
    secret = fromB64u(key);
    if (secret.length < 16) throw new Error('short');
  } catch {
    return showError(t('drop.receive.noKey'));
  }
  const res = await fetch(`/drop/api/shares/${id}`, { headers: { accept: 'application/json' } });
  if (res.status !== 200) return showError(res.status === 404 ? t('drop.receive.gone') : await apiError(res));
  const info = (await res.json()) as Info;
  const salt = fromB64u(info.salt);
  prepareSaving();
  // The download slot this page holds (docs/drop.md): counted only when confirmed below, once the last
  // record is decrypted and verified; kept after a failure, so that trying again takes no other slot.
  let ticket: string | undefined;
  const dataHeaders = (from: number): Record<string, string> => ({
    'x-drop-confirm': '1', ...(ticket ? { 'x-drop-ticket': ticket } : {}), ...(from > 0 ? { range: `bytes=${from}-` } : {}),
  });
  const confirmDownload = async (): Promise<void> => {
    for (let attempt = 0; attempt < 3 && ticket; attempt++) {
      const res = await fetch(`/drop/api/shares/${id}/confirm`, { method: 'POST', headers: { accept: 'application/json', 'x-drop-ticket': ticket } }).catch(() => null);
      if (res && res.status < 500) ticket = undefined;
      else await new Promise((r) => setTimeout(r, 1000));
    }
  };

  const open = async (password?: string): Promise<boolean> => {
    const ikm = await shareIkm(secret, salt, password !== undefined ? { text: password, iterations: info.iterations } : undefined);
    let manifest: Manifest;
    try {
      manifest = await decryptManifest(ikm, salt, fromB64u(info.manifest));
    } catch {
      showError(t(password !== undefined ? 'drop.receive.badPassword' : 'drop.receive.noKey'));
      return false;
    }
    clearError();
    show(ikm, manifest);
    return true;
  };

  const show = (ikm: Uint8Array, manifest: Manifest) => {
    byId('drop-left').textContent = t('drop.receive.left', { n: info.downloadsLeft, date: formatDate(info.expiresAt, lang) });
    const list = byId<HTMLUListElement>('drop-file-list');
    list.replaceChildren(
      ...manifest.files.map((f, i) => {
        const li = document.createElement('li');
        const name = Object.assign(document.createElement('span'), { className: 'drop-name', textContent: f.name });
        const button = Object.assign(document.createElement('button'), { type: 'button', className: 'secondary', textContent: `${t('drop.receive.download')} (${formatBytes(f.size, lang)})` });
        button.setAttribute('aria-label', `${t('drop.receive.download')} ${f.name}`);
        button.addEventListener('click', () => void download(ikm, manifest, [i]));
        li.append(name, ' ', button);
        return li;
      }),
    );
    byId('drop-files-box').hidden = false;
    byId<HTMLButtonElement>('drop-all').onclick = () => void download(ikm, manifest, manifest.files.map((_, i) => i));
  };

  const download = async (ikm: Uint8Array, manifest: Manifest, which: number[]) => {
    const buttons = document.querySelectorAll<HTMLButtonElement>('#drop-files-box button');
    const status = byId('drop-status');
    const bar = byId<HTMLProgressElement>('drop-progress');
    for (const b of buttons) b.disabled = true;
    clearError();
    try {
      const all = which.length === manifest.files.length && which.length > 1;
      const query = all ? 'all' : String(which[0]);
      const plainTotal = manifest.files.reduce((a, f) => a + f.size, 0);
      // Decided before the request: the archive needs a way to save it whole.
      const zip = all && (await fitsOneDownload(plainTotal));
      const url = `/drop/api/shares/${id}/data?file=${query}`;
      const res = await fetch(url, { headers: dataHeaders(0) });
      if (res.status !== 200 || !res.body) throw new Error(res.status === 404 ? t('drop.receive.gone') : await apiError(res));
      ticket = res.headers.get('x-drop-ticket') ?? undefined;
      const chosen = query === 'all' ? manifest.files.map((_, i) => i) : which;
      const total = chosen.reduce((a, i) => a + (info.files[i] ?? 0), 0);
      let got = 0;
      bar.hidden = false;
      const counting = resumable(res.body, (from) => fetch(url, { headers: dataHeaders(from) }), total).pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            got += chunk.length;
            bar.value = (100 * got) / total;
            status.textContent = t('drop.receive.decrypting', { done: formatBytes(got, lang), total: formatBytes(total, lang) });
            controller.enqueue(chunk);
          },
        }),
      );
      const source = { reader: counting.getReader(), rest: new Uint8Array(0) };
      const decrypted = async (i: number) => decryptStream(await fileIkm(ikm, salt, i), take(source, info.files[i]!));
      if (zip) {
        // The manifest has no modification dates: the entries get the time of the download.
        const now = new Date();
        const names = zipEntryNames(manifest.files.map((f) => f.name));
        // Lazy: client-zip asks for the next file only when the previous one is written, which is
        // when take() has read that file's last byte from the shared response.
        async function* entries() {
          for (const i of chosen) yield { name: names[i]!, lastModified: now, input: await decrypted(i) };
        }
        const name = archiveName(t('drop.receive.archiveName', { date: localDay(now) }));
        await saveStream(name, 'application/zip', makeZip(entries()), { expected: plainTotal });
        status.textContent = t('drop.receive.savedArchive', { name });
      } else {
        for (const i of chosen) {
          const file = manifest.files[i]!;
          await saveStream(file.name, file.type, await decrypted(i), { size: file.size });
        }
        status.textContent = t('drop.receive.saved');
      }
      await confirmDownload();
      info.downloadsLeft -= 1;
      byId('drop-left').textContent = t('drop.receive.left', { n: info.downloadsLeft, date: formatDate(info.expiresAt, lang) });
    } catch (err) {
      showError(t('drop.receive.failed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      for (const b of buttons) b.disabled = info.downloadsLeft <= 0;
    }
  };

  if (info.iterations > 0) {
    const form = byId<HTMLFormElement>('drop-unlock');
    form.hidden = false;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const password = byId<HTMLInputElement>('drop-unlock-password').value;
      void open(password).then((ok) => {
        if (ok) form.hidden = true;
      });
    });
  } else {
    await open();
  }
}
