// `npm start` builds only when dist/ is not current: scripts/build.js --if-needed compares a hash of the
// sources with the stamp written at the last build. Run on a copy of the script in a small tree with no
// toolchain, so that "it would build" shows as "tsc is not installed" and nothing heavy runs.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

describe('npm start builds once', () => {
  let dir: string;
  const ifNeeded = () => spawnSync(process.execPath, [join(dir, 'scripts', 'build.js'), '--if-needed'], { cwd: dir, encoding: 'utf8' });
  const hashOf = () => spawnSync(process.execPath, ['--input-type=module', '-e', `import { sourceHash } from ${JSON.stringify(join(dir, 'scripts', 'build.js'))}; console.log(sourceHash());`], { encoding: 'utf8' }).stdout.trim();

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'chaton-build-'));
    mkdirSync(join(dir, 'scripts'));
    cpSync(resolve('scripts/build.js'), join(dir, 'scripts', 'build.js'));
    mkdirSync(join(dir, 'src', 'cli'), { recursive: true });
    mkdirSync(join(dir, 'web', 'pad'), { recursive: true });
    writeFileSync(join(dir, 'src', 'cli', 'main.ts'), 'console.log(1);\n');
    writeFileSync(join(dir, 'web', 'pad', 'main.ts'), 'console.log(2);\n');
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('builds when nothing was built yet', () => {
    const r = ifNeeded();
    assert.equal(r.status, 1);
    assert.match(r.stderr, /tsc is not installed/);
    assert.match(r.stderr, /npm ci/, 'says what to run');
  });

  it('starts at once when dist/ was built from the sources as they are', () => {
    mkdirSync(join(dir, 'dist', 'src', 'cli'), { recursive: true });
    writeFileSync(join(dir, 'dist', 'src', 'cli', 'main.js'), '');
    writeFileSync(join(dir, 'dist', '.build-stamp'), hashOf() + '\n');
    const r = ifNeeded();
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout + r.stderr, '');
  });

  it('builds again when a source of the server or of a browser bundle changed', () => {
    writeFileSync(join(dir, 'web', 'pad', 'main.ts'), 'console.log(3);\n');
    assert.match(ifNeeded().stderr, /tsc is not installed/);
    writeFileSync(join(dir, 'dist', '.build-stamp'), hashOf() + '\n');
    assert.equal(ifNeeded().status, 0);
    writeFileSync(join(dir, 'src', 'cli', 'new.ts'), 'export {};\n');
    assert.match(ifNeeded().stderr, /tsc is not installed/);
  });

  it('the chaton command never runs an outdated build without saying so', () => {
    mkdirSync(join(dir, 'bin'), { recursive: true });
    cpSync(resolve('bin/chaton.js'), join(dir, 'bin', 'chaton.js'));
    writeFileSync(join(dir, 'dist', 'src', 'cli', 'main.js'), 'console.log("compiled");\n');
    writeFileSync(join(dir, 'dist', '.build-stamp'), hashOf() + '\n');
    const bin = () => spawnSync(process.execPath, [join(dir, 'bin', 'chaton.js')], { cwd: dir, encoding: 'utf8' });
    const current = bin();
    assert.equal(current.stdout, 'compiled\n');
    assert.equal(current.stderr, '');
    writeFileSync(join(dir, 'src', 'cli', 'main.ts'), 'console.log(4);\n');
    // No tsx in this tree to run the sources: the old build runs, with what to do.
    const stale = bin();
    assert.equal(stale.stdout, 'compiled\n');
    assert.match(stale.stderr, /dist\/ is older than the sources; run "npm run build"/);
  });
});
