// Names inside Drop's "download all" archive (web/drop/zip-names.ts): a hostile sender's names cannot
// climb out of the folder the archive is extracted into, and two files never overwrite each other.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { archiveName, localDay, safeEntryName, zipEntryNames } from '../../web/drop/zip-names.js';

describe('Drop archive entry names', () => {
  it('keeps ordinary names as they are, accents, spaces and dots included', () => {
    assert.deepEqual(zipEntryNames(['compte-rendu.txt', 'grand fichier.bin', 'été 2024.tar.gz', '.env']), ['compte-rendu.txt', 'grand fichier.bin', 'été 2024.tar.gz', '.env']);
  });

  it('puts every entry at the top: no parent directory, no absolute path, no backslash', () => {
    const names = zipEntryNames(['../../.bashrc', '/etc/passwd', 'C:\\Windows\\win.ini', 'a/../../b.txt', '..\\..\\x', 'C:y.txt']);
    assert.deepEqual(names, ['.._.._.bashrc', '_etc_passwd', 'C__Windows_win.ini', 'a_.._.._b.txt', '.._.._x', 'C_y.txt']);
    for (const n of names) {
      assert.ok(!n.includes('/') && !n.includes('\\'), n);
      assert.ok(!n.split('/').includes('..'), n);
      assert.ok(!/^[A-Za-z]:/.test(n), n);
    }
  });

  it('replaces names that are empty, dots only or made of control characters', () => {
    assert.equal(safeEntryName('..'), 'file');
    assert.equal(safeEntryName('.'), 'file');
    assert.equal(safeEntryName(''), 'file');
    assert.equal(safeEntryName('   '), 'file');
    assert.equal(safeEntryName('a\u0000b\nc.txt'), 'a_b_c.txt');
    assert.equal(safeEntryName('  D:secret.txt '), 'D_secret.txt');
  });

  it('makes duplicate names unique before the extension, ignoring case, in order', () => {
    assert.deepEqual(zipEntryNames(['a.txt', 'a.txt', 'A.TXT', 'notes', 'notes', '.env', '.env']), ['a.txt', 'a (2).txt', 'A (3).TXT', 'notes', 'notes (2)', '.env', '.env (2)']);
    // A made-up name that another file already has gets the next number.
    assert.deepEqual(zipEntryNames(['a.txt', 'a (2).txt', 'a.txt']), ['a.txt', 'a (2).txt', 'a (3).txt']);
    // Names that only collide once made safe are also told apart.
    assert.deepEqual(zipEntryNames(['x/y', 'x\\y', 'x_y']), ['x_y', 'x_y (2)', 'x_y (3)']);
  });

  it('names the archive after the translated stem and the local day', () => {
    const day = localDay(new Date(2025, 2, 4, 23, 59));
    assert.equal(day, '2025-03-04');
    assert.equal(archiveName(`fichiers-${day}`), 'fichiers-2025-03-04.zip');
    assert.equal(archiveName('../x'), '.._x.zip');
  });
});
