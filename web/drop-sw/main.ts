// Drop's service worker (served at /drop/sw.js, scope /drop/): it turns a decrypted stream held by
// the page into a real download, so a 4 GiB file goes to disk without 4 GiB of memory. The page
// registers a download with a MessagePort; the worker answers the navigation to /drop/dl/<id>/<name>
// with a stream that pulls one piece at a time through that port (backpressure end to end). The size
// is optional: the "download all" ZIP archive is made as it goes, so its length is not known and no
// Content-Length is sent (a wrong one would make the browser fail the download).
// It holds no key and does no crypto.

interface Pending { port: MessagePort; name: string; type: string; size?: number }
interface FetchEventLike extends Event { request: Request; respondWith(r: Response | Promise<Response>): void }
interface ExtendableEventLike extends Event { waitUntil(p: Promise<unknown>): void }
interface SwScope {
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', fn: (e: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', fn: (e: FetchEventLike) => void): void;
  addEventListener(type: 'message', fn: (e: MessageEvent) => void): void;
}

const sw = self as unknown as SwScope;
const pending = new Map<string, Pending>();

sw.addEventListener('install', (e) => e.waitUntil(sw.skipWaiting()));
sw.addEventListener('activate', (e) => e.waitUntil(sw.clients.claim()));

sw.addEventListener('message', (e) => {
  const data = e.data as { type?: string; id?: string; name?: string; mime?: string; size?: number } | null;
  const port = e.ports[0];
  if (data?.type !== 'drop-download' || !data.id || !port) return;
  const size = typeof data.size === 'number' && Number.isSafeInteger(data.size) && data.size >= 0 ? data.size : undefined;
  pending.set(data.id, { port, name: data.name ?? 'file', type: data.mime ?? '', ...(size !== undefined ? { size } : {}) });
  port.postMessage({ type: 'registered' });
});

function pull(port: MessagePort): Promise<{ chunk?: Uint8Array; done?: boolean; error?: string }> {
  return new Promise((resolve) => {
    port.onmessage = (m) => resolve(m.data as { chunk?: Uint8Array; done?: boolean; error?: string });
    port.postMessage({ type: 'pull' });
  });
}

sw.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  const m = /^\/drop\/dl\/([A-Za-z0-9_-]+)\//.exec(url.pathname);
  if (!m) return;
  const entry = pending.get(m[1]!);
  if (!entry) return;
  pending.delete(m[1]!);
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await pull(entry.port);
      if (next.error) controller.error(new Error(next.error));
      else if (next.done) controller.close();
      else if (next.chunk) controller.enqueue(next.chunk);
    },
    cancel() {
      entry.port.postMessage({ type: 'cancel' });
    },
  });
  const encoded = encodeURIComponent(entry.name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  const headers: Record<string, string> = {
    'content-type': 'application/octet-stream',
    'content-disposition': `attachment; filename*=UTF-8''${encoded}`,
    'x-content-type-options': 'nosniff',
  };
  if (entry.size !== undefined) headers['content-length'] = String(entry.size);
  e.respondWith(new Response(body, { headers }));
});
