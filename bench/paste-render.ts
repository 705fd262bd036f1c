// `npm run bench:paste-render`: how long a reader's tab takes to show a paste that a stranger wrote, in
// Chromium with its CPU slowed down BENCH_CPU_RATE times (4 by default: a phone-class CPU). Needs
// `npm run build:web`. For each paste: "text" is the time from navigation to the paste's text in the page
// (decryption included: PBKDF2 with 100,000 iterations, the same for every paste); "render" the time
// from the decrypted paste to its text painted in the page; "formatted after" the time from then until
// Markdown or highlighting is in place (done by a worker: the page stays responsive) or given up; both
// from the page's performance marks. BENCH_RUNS runs per paste (median).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { startTestServer } from '../test/helpers/server.js';
import { launchBrowser } from '../test/browser/browser.js';
import { paste } from '../src/modules/paste/index.js';
import { encryptPaste, newKey, pasteLink, type Formatter } from '../web/paste/crypto.js';

const rate = Number(process.env.BENCH_CPU_RATE ?? 4);
const runs = Number(process.env.BENCH_RUNS ?? 3);
if (!existsSync('dist/web/paste.js')) throw new Error('build the page scripts first: npm run build:web');

const randomLetters = (n: number): string => Array.from(randomBytes(n), (b) => String.fromCharCode(97 + (b % 26))).join('');
function log(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `2026-12-01T03:${String(i % 60).padStart(2, '0')}:00.000Z INFO worker-${i % 8} request id=${randomBytes(8).toString('hex')} GET /api/items/${i} 200 ${i % 97} ms "Mozilla/5.0"`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}
const code = Array.from({ length: 400 }, (_, i) => `function item${i}(list) {\n  return list.filter((x) => x.id === ${i}).map((x) => x.name);\n}\n`).join('\n');

const cases: { name: string; text: string; format: Formatter }[] = [
  { name: 'one line of 40,000 hex characters, source code (auto)', text: randomBytes(20_000).toString('hex'), format: 'syntaxhighlighting' },
  { name: '20,000 random letters, source code (auto)', text: randomLetters(20_000), format: 'syntaxhighlighting' },
  { name: '400 KiB log, source code (auto)', text: log(400 * 1024), format: 'syntaxhighlighting' },
  { name: `${Math.round(code.length / 1024)} KiB of JavaScript, source code (auto)`, text: code, format: 'syntaxhighlighting' },
  { name: 'one line of 40,000 hex characters, Markdown', text: randomBytes(20_000).toString('hex'), format: 'markdown' },
  { name: '400 KiB log, Markdown', text: log(400 * 1024), format: 'markdown' },
  { name: '"_a" × 50,000, Markdown', text: '_a'.repeat(50_000), format: 'markdown' },
  { name: '4 MiB log, plain text', text: log(4 * 1024 * 1024), format: 'plaintext' },
];

const server = await startTestServer({ modules: [paste], config: { paste: { rate_limit_max: 1000 } } });
const browser = await launchBrowser();
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const rows: string[] = [];
try {
  for (const c of cases) {
    const key = newKey();
    const body = await encryptPaste(key, '', { paste: c.text }, { format: c.format, expire: '1day', discussion: false, burn: false });
    const res = await fetch(`${server.url}/paste/`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'JSONHttpRequest' }, body: JSON.stringify(body) });
    const answer = (await res.json()) as { status: number; id?: string; message?: string };
    if (answer.status !== 0 || !answer.id) throw new Error(`paste refused: ${answer.message ?? res.status}`);
    const link = pasteLink(`${server.url}/paste/`, answer.id, key, false);
    const shown: number[] = [];
    const render: number[] = [];
    const busy: number[] = [];
    for (let r = 0; r < runs; r++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      await page.goto(link, { waitUntil: 'commit' });
      await page.waitForFunction(() => performance.getEntriesByName('paste:highlighted').length > 0, undefined, { timeout: 600_000, polling: 100 });
      const painted = await page.evaluate(() => performance.getEntriesByName('paste:painted')[0]?.startTime ?? NaN);
      const highlighted = await page.evaluate(() => performance.getEntriesByName('paste:highlighted')[0]?.startTime ?? NaN);
      const decrypted = await page.evaluate(() => performance.getEntriesByName('paste:decrypted')[0]?.startTime ?? NaN);
      shown.push(painted);
      render.push(painted - decrypted);
      busy.push(Math.max(0, highlighted - painted));
      await context.close();
    }
    const sec = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
    rows.push(`| ${c.name} | ${Math.round(c.text.length / 1024)} KiB | ${sec(median(shown))} | ${sec(median(render))} | ${sec(median(busy))} |`);
    console.log(rows[rows.length - 1]);
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`\nChromium, CPU throttled ×${rate}, median of ${runs} runs\n`);
console.log('| paste | size | text shown (from navigation) | render (decrypted → text painted) | formatted after |');
console.log('|---|---:|---:|---:|---:|');
for (const row of rows) console.log(row);
