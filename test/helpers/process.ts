// Real `chaton start` processes for the multi-process tests: started with an environment, found by the
// port they print, stopped with a signal (SIGKILL after 5 s); requests on connections of their own, and
// the processes an instance started (the workers mode).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';

export interface Instance {
  child: ChildProcess;
  url: string;
  /** Everything the process printed on stdout so far. */
  output(): string;
}

/** Starts `chaton start` in a child process and waits (up to `startMs`) for the line that gives its port. */
export function startInstance(env: NodeJS.ProcessEnv, startMs = 30_000): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the chaton process did not start in ${startMs / 1000} s.\nstdout: ${out}\nstderr: ${err}`));
    }, startMs);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const port = /is running: http:\/\/localhost:(\d+)\//.exec(out)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${port}`, output: () => out });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the chaton process exited (${code}) before starting.\nstdout: ${out}\nstderr: ${err}`));
    });
  });
}

/** Stops a process with `signal` (SIGKILL if it is still there after 5 s); nothing if it has exited. */
export async function stopInstance(instance: Instance | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!instance || instance.child.exitCode !== null || instance.child.signalCode !== null) return;
  const exited = new Promise((r) => instance.child.once('exit', r));
  instance.child.kill(signal);
  const timer = setTimeout(() => instance.child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/**
 * GETs `path` on a connection of its own (no keep-alive pool): in the workers mode the primary hands
 * new connections to the workers in turn, so consecutive calls reach every worker.
 */
export function getOnNewConnection(url: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, url), { agent: false, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sends a JSON body on a connection of its own (see getOnNewConnection). */
export function postOnNewConnection(url: string, path: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, url), { method: 'POST', agent: false, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The ids of the processes that `instance` started (its workers, in the workers mode). */
export function childPids(instance: Instance): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(instance.child.pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits with 1 when there is none
  }
}
