// Drop's "download all" archive opened by real extractors (issue 12, item 8): built in Node with the
// same code as the browser (client-zip and web/drop/zip-names.ts) from a hostile sender's names, then
// listed, tested and extracted by Info-ZIP's unzip and by 7-Zip. Every entry must come out under its
// cleaned name, at the top of the folder, with its own content.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeZip } from 'client-zip';
import { MAX_NAME_BYTES, zipEntryNames } from '../../web/drop/zip-names.js';
import { SEVEN_ZIP, UNZIP, extractorsSkip } from '../helpers/extractors.js';

const skip = extractorsSkip();
if (skip) console.log(`# skipped: ${skip}`);

const HOSTILE = [
  'CON.txt',
  'con',
  'nul.tar.gz',
  'LPT1',
  'a:b?.txt',
  'trailing. ',
  'trailing.',
  '"<>|',
  '*?',
  'a.txt',
  'A.TXT',
  'a.txt ',
  '../../etc/passwd',
  'C:\\Windows\\win.ini',
  'e\u0301te\u0301.txt', // NFD: the same name as the next one on macOS
  'été.txt',
  'invoice\u202Etxt.exe',
  `${'é'.repeat(200)}.pdf`,
  `${'x'.repeat(300)}`,
  `${'é'.repeat(200)}.pdf`,
  'ordinary name.odt',
];

describe('Drop archive opened by real extractors', { skip }, () => {
  let dir = '';
  let zipPath = '';
  const names = zipEntryNames(HOSTILE);
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chaton-zip-'));
    zipPath = join(dir, 'all.zip');
    const now = new Date();
    const entries = names.map((name, i) => ({ name, lastModified: now, input: `file ${i}\n` }));
    await writeFile(zipPath, new Uint8Array(await new Response(makeZip(entries)).arrayBuffer()));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('cleans names for Windows, macOS and Linux, and keeps them distinct', () => {
    assert.deepEqual(names.slice(0, 14), [
      '_CON.txt',
      '_con',
      '_nul.tar.gz',
      '_LPT1',
      'a_b_.txt',
      'trailing',
      'trailing (2)',
      '____',
      '__',
      'a.txt',
      'A (2).TXT',
      'a (3).txt',
      '.._.._etc_passwd',
      'C__Windows_win.ini',
    ]);
    assert.equal(names[14], 'été.txt');
    assert.equal(names[15], 'été (2).txt');
    assert.equal(names[16], 'invoice_txt.exe');
    assert.equal(names.at(-1), 'ordinary name.odt');
    for (const name of names) {
      assert.ok(new TextEncoder().encode(name).length <= MAX_NAME_BYTES, name);
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(name, /[\u0000-\u001f<>:"/\\|?*]|[. ]$/, name);
    }
    assert.ok(names[17]!.endsWith('.pdf') && names[19]!.endsWith(' (2).pdf'));
    assert.equal(new Set(names.map((n) => n.toLowerCase())).size, names.length);
  });

  it('unzip lists the cleaned names as UTF-8 and finds no error', () => {
    const listed = execFileSync(UNZIP, ['-Z1', zipPath], { encoding: 'utf8' }).split('\n').filter(Boolean);
    assert.deepEqual(listed, names);
    assert.match(execFileSync(UNZIP, ['-t', zipPath], { encoding: 'utf8' }), /No errors detected/);
  });

  it('unzip and 7z extract every file, at the top, with its own content', async () => {
    for (const [tool, args] of [
      [UNZIP, (out: string) => ['-q', zipPath, '-d', out]],
      [SEVEN_ZIP, (out: string) => ['x', '-y', `-o${out}`, zipPath]],
    ] as const) {
      const out = join(dir, tool.endsWith('7z') ? 'seven' : 'unzip');
      execFileSync(tool, args(out), { env: { ...process.env, LC_ALL: 'C.UTF-8' }, stdio: 'pipe' });
      assert.deepEqual((await readdir(out)).sort(), [...names].sort(), tool);
      for (const [i, name] of names.entries()) assert.equal(await readFile(join(out, name), 'utf8'), `file ${i}\n`, `${tool}: ${name}`);
    }
    assert.deepEqual(await readdir(dir).then((d) => d.sort()), ['all.zip', 'seven', 'unzip']);
  });

  it('7z lists the archive without a warning, every name marked UTF-8', () => {
    const listing = execFileSync(SEVEN_ZIP, ['l', '-slt', zipPath], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    const paths = [...listing.matchAll(/^Path = (.*)$/gm)].map((m) => m[1]).slice(1);
    assert.deepEqual(paths, names);
    assert.doesNotMatch(listing, /Warning|Error/i);
    // General purpose flag bit 11: the names are UTF-8, whatever the extractor's code page.
    const characteristics = [...listing.matchAll(/^Characteristics = (.*)$/gm)].map((m) => m[1]!);
    assert.equal(characteristics.filter((c) => /\bUTF8\b/.test(c)).length, names.length);
  });
});
