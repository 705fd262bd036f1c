// The gazetteer behind "near a town": `npm run bench:towns`.
// Builds the index from the data package once (as the first "near" request does), then reports the build
// time (wall and CPU), the memory it holds (heap and RSS after a full garbage collection, before and after),
// and the time of BENCH_LOOKUPS exact lookups and prefix suggestions over a fixed set of names.
import { gazetteer } from '../src/federation/gazetteer/load.js';

const lookups = Number(process.env.BENCH_LOOKUPS ?? 20_000);
const NAMES = ['Rennes', 'quimper', 'DOUARNENEZ', 'saint-denis', 'st etienne', 'Liège', 'geneve', 'Bruxelles', 'montreal', 'Landerneau', 'Paris', 'lyon', 'xqzw'];
const PREFIXES = ['qu', 'quimp', 'sai', 'saint d', 'ren', 'bru', 'mon', 'landern', 'gen', 'li', 'pa', 'douarn'];

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc (npm run bench:towns does)');

function memory(): { heap: number; rss: number } {
  gc!();
  const m = process.memoryUsage();
  return { heap: m.heapUsed / 2 ** 20, rss: m.rss / 2 ** 20 };
}

function timed(label: string, inputs: string[], run: (q: string) => unknown): void {
  const times: number[] = [];
  for (let i = 0; i < lookups; i++) {
    const q = inputs[i % inputs.length]!;
    const t0 = performance.now();
    run(q);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(3);
  console.log(`${label}: ${lookups} calls, p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`);
}

const before = memory();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const g = await gazetteer();
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const after = memory();
console.log(`built: ${g.size} towns in ${wall.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU`);
console.log(`held: heap +${(after.heap - before.heap).toFixed(1)} MiB (${before.heap.toFixed(1)} → ${after.heap.toFixed(1)}), RSS +${(after.rss - before.rss).toFixed(1)} MiB`);
timed('lookup (exact name)', NAMES, (q) => g.lookup(q));
timed('suggest (prefix, 8)', PREFIXES, (q) => g.suggest(q, 8));
