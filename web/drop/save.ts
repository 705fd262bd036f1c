// Saving a decrypted stream to disk with memory that does not grow with the file: through the service
// worker (a real download fed piece by piece), else the File System Access API, else a Blob (small
// files, or browsers with neither). The same path saves one file or the "download all" ZIP archive,
// whose length is not known in advance (no Content-Length then).
const BLOB_MAX = 8 * 1024 * 1024;
let worker: Promise<ServiceWorker | null> | null = null;

function serviceWorker(): Promise<ServiceWorker | null> {
  worker ??= (async () => {
    if (!('serviceWorker' in navigator)) return null;
    try {
      const reg = await navigator.serviceWorker.register('/drop/sw.js', { scope: '/drop/' });
      const sw = reg.active ?? reg.waiting ?? reg.installing;
      if (!sw) return null;
      if (sw.state !== 'activated') {
        await new Promise<void>((resolve) => {
          const check = () => (sw.state === 'activated' ? resolve() : undefined);
          sw.addEventListener('statechange', check);
          check();
        });
      }
      return sw;
    } catch {
      return null;
    }
  })();
  return worker;
}

/** Registers the service worker early, so it is ready when the first download starts. */
export function prepareSaving(): void {
  void serviceWorker();
}

/**
 * Whether `bytes` can be saved as one download: small enough for a Blob, or streamed to disk by the
 * service worker or the File System Access API (then memory does not grow with the size).
 */
export async function fitsOneDownload(bytes: number): Promise<boolean> {
  if (bytes <= BLOB_MAX) return true;
  return (await serviceWorker()) !== null || typeof (window as unknown as SavePicker).showSaveFilePicker === 'function';
}

async function viaWorker(sw: ServiceWorker, name: string, type: string, size: number | undefined, stream: ReadableStream<Uint8Array>): Promise<void> {
  const id = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
  const channel = new MessageChannel();
  const reader = stream.getReader();
  const finished = new Promise<void>((resolve, reject) => {
    channel.port1.onmessage = async (m) => {
      const msg = m.data as { type: string };
      if (msg.type === 'registered') {
        const a = document.createElement('a');
        a.href = `/drop/dl/${id}/${encodeURIComponent(name)}`;
        a.hidden = true;
        document.body.append(a);
        a.click();
        a.remove();
      } else if (msg.type === 'pull') {
        try {
          const { done, value } = await reader.read();
          if (done) {
            channel.port1.postMessage({ done: true });
            resolve();
          } else channel.port1.postMessage({ chunk: value }, [value.buffer]);
        } catch (err) {
          channel.port1.postMessage({ error: String(err) });
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      } else if (msg.type === 'cancel') {
        void reader.cancel();
        reject(new Error('cancelled'));
      }
    };
  });
  sw.postMessage({ type: 'drop-download', id, name, mime: type, size }, [channel.port2]);
  // Browsers stop idle service workers: messages from the page keep it alive during long downloads.
  const keepAlive = setInterval(() => sw.postMessage({ type: 'ping' }), 10_000);
  try {
    await finished;
  } finally {
    clearInterval(keepAlive);
  }
}

interface SavePicker { showSaveFilePicker?: (o: { suggestedName: string }) => Promise<{ createWritable(): Promise<WritableStream<Uint8Array>> }> }

/**
 * Saves `stream` as a download named `name`. `size` is the exact length when known (sent as the
 * Content-Length, so the browser shows the time left); `expected` is the length used to choose between
 * a streamed download and a Blob when the exact one is not known (the ZIP archive).
 */
export async function saveStream(name: string, type: string, stream: ReadableStream<Uint8Array>, opts: { size?: number; expected?: number }): Promise<void> {
  const { size } = opts;
  if ((size ?? opts.expected ?? Infinity) > BLOB_MAX) {
    const sw = await serviceWorker();
    if (sw) return viaWorker(sw, name, type, size, stream);
    const picker = (window as unknown as SavePicker).showSaveFilePicker;
    if (picker) {
      const handle = await picker({ suggestedName: name });
      return stream.pipeTo(await handle.createWritable());
    }
  }
  const blob = await new Response(stream).blob();
  const url = URL.createObjectURL(new Blob([blob], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
