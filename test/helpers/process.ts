// Real `chaton start` processes for the multi-process tests: started with an environment, found by the
// port they print, stopped with a signal (SIGKILL after 5 s).
import { spawn, type ChildProcess } from 'node:child_process';

export interface Instance {
  child: ChildProcess;
  url: string;
  /** Everything the process printed on stdout so far. */
  output(): string;
}

/** Starts `chaton start` in a child process and waits for the line that gives its port. */
export function startInstance(env: NodeJS.ProcessEnv): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the chaton process did not start in 30 s.\nstdout: ${out}\nstderr: ${err}`));
    }, 30_000);
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
