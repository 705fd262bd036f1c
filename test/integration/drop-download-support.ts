// Download clients for the Drop download-limit tests: curl as a visitor would run it, a client that
// stops reading before the end (a cut connection), and the browser's confirmation.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { request } from 'node:http';

const run = promisify(execFile);

/** Downloads with curl (no confirmation): the HTTP status and the number of bytes received. */
export async function curl(url: string, args: string[] = []): Promise<{ status: number; size: number }> {
  const { stdout } = await run('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code} %{size_download}', ...args, url]);
  const [status, size] = stdout.trim().split(' ').map(Number);
  return { status: status!, size: size! };
}

export interface Partial { status: number; ticket: string | undefined; body: Buffer }

/**
 * GETs `url`, keeps the first `stopAt` bytes of the body (all when undefined), then cuts the connection
 * (when stopping early) as a phone losing its network would.
 */
export function fetchUntil(url: string, headers: Record<string, string>, stopAt?: number): Promise<Partial> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      let got = 0;
      const done = () => resolve({ status: res.statusCode ?? 0, ticket: res.headers['x-drop-ticket'] as string | undefined, body: Buffer.concat(parts) });
      res.on('data', (piece: Buffer) => {
        if (stopAt !== undefined && got + piece.length >= stopAt) {
          parts.push(piece.subarray(0, stopAt - got));
          got = stopAt;
          req.destroy();
          done();
          return;
        }
        parts.push(piece);
        got += piece.length;
      });
      res.on('end', done);
      res.on('error', () => done());
    });
    req.on('error', (err) => (stopAt === undefined ? reject(err) : undefined));
    req.end();
  });
}

/** What the browser does once it decrypted and verified the whole download. */
export async function confirm(base: string, id: string, ticket: string): Promise<{ status: number; counted?: boolean }> {
  const res = await fetch(`${base}/drop/api/shares/${id}/confirm`, { method: 'POST', headers: { accept: 'application/json', 'x-drop-ticket': ticket } });
  const body = (await res.json()) as { counted?: boolean };
  return { status: res.status, counted: body.counted };
}
