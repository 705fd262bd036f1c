// Cold start of the built chaton: `npm run bench:start`.
// Times, for BENCH_RUNS runs (default 5), a fresh `node dist/src/cli/main.js start` (SQLite in a new
// temporary directory: the first start migrates the database) until its first successful HTTP answer,
// then the same on the existing data, and the check `npm start` makes before starting (is dist/ current?).
// Besides wall-clock times it reports the CPU time the process used until its first answer (from
// /proc, Linux), which a busy machine does not inflate.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const main = resolve('dist/src/cli/main.js');

/** CPU time (user + system) used so far by process `pid`, in milliseconds (Linux: 100 ticks a second). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Milliseconds (wall clock and CPU) from spawning `chaton start` to its first 200 on /. */
async function coldStart(dataDir: string): Promise<{ wall: number; cpu: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [main, 'start'], {
    cwd: dataDir,
    env: { PATH: process.env.PATH ?? '', CHATON_PORT: '0', CHATON_DATA_DIR: dataDir, CHATON_SECRETS_SESSION: randomBytes(32).toString('base64url'), CHATON_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    let out = '';
    const url = await new Promise<string>((ok, fail) => {
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const port = /is running: http:\/\/localhost:(\d+)\//.exec(out)?.[1];
        if (port) ok(`http://127.0.0.1:${port}/`);
      });
      child.once('exit', (code) => fail(new Error(`chaton exited (${code}) before answering:\n${out}`)));
    });
    for (;;) {
      const res = await fetch(url).catch(() => null);
      if (res?.status === 200) return { wall: performance.now() - t0, cpu: cpuMs(child.pid!) };
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (xs: number[]): string => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;

const check: number[] = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['scripts/build.js', '--if-needed'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('scripts/build.js --if-needed failed');
  check.push(performance.now() - t0);
}

const fresh: { wall: number; cpu: number }[] = [];
const again: { wall: number; cpu: number }[] = [];
for (let i = 0; i < runs; i++) {
  const dataDir = await mkdtemp(join(tmpdir(), 'chaton-bench-start-'));
  try {
    fresh.push(await coldStart(dataDir));
    again.push(await coldStart(dataDir));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

console.log(`node ${process.version}, ${runs} runs`);
console.log(`  is dist/ current (npm start's check):      ${fmt(check)}`);
console.log(`  start to first 200, new data (migrations):  ${fmt(fresh.map((r) => r.wall))}; CPU ${fmt(fresh.map((r) => r.cpu))}`);
console.log(`  start to first 200, existing data:          ${fmt(again.map((r) => r.wall))}; CPU ${fmt(again.map((r) => r.cpu))}`);
