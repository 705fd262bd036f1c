// The directory files a service under a kind ("I want a pad") from its software name first: words of the
// service name only count when the software says nothing. A paste service called "Bloc-notes" is a
// paste, so /find/pad never sends a visitor to it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { kindOf, knownSoftware } from '../../src/federation/kinds.js';
import { builtinModules } from '../../src/modules/index.js';
import { extractService } from '../../src/federation/crawler/extract.js';
import { parseChatonsInfos, writeProperties } from '../../src/federation/chatonsinfos/index.js';

// Service names that name another kind than the software's.
const MISLEADING = ['Bloc-notes', 'Pad collaboratif', 'Paste bin', 'Sondage', 'Drop de fichiers', 'Visio', 'Mail', 'Cloud'];

describe('kinds of services', () => {
  it('classifies every software of the table as its own kind, whatever the service is called', () => {
    for (const [software, kind] of knownSoftware()) {
      for (const name of ['', ...MISLEADING]) {
        assert.equal(kindOf(software, name), kind, `${software} / ${name}`);
        assert.equal(kindOf(software.toUpperCase(), name), kind, `${software} upper / ${name}`);
        assert.equal(kindOf(`${software} 1.2.3`, name), kind, `${software} with a version / ${name}`);
      }
    }
  });

  it('classifies every built-in module as its own kind, from its name and from its published file', () => {
    for (const m of builtinModules) {
      for (const name of [m.name.fr, m.name.en, ...MISLEADING]) {
        assert.equal(kindOf(m.software.name, name), m.kind, `${m.id}: ${m.software.name} / ${name}`);
      }
      const doc = parseChatonsInfos(writeProperties({ 'file.class': 'Service', 'service.name': m.name.fr, 'software.name': m.software.name }));
      assert.equal(extractService(doc).kind, m.kind, m.id);
    }
  });

  it('files the chaton paste service called "Bloc-notes chiffré" under paste, not pad', () => {
    assert.equal(kindOf('chaton paste (PrivateBin API v2)', 'Bloc-notes chiffré'), 'paste');
    assert.equal(kindOf('PrivateBin', 'Bloc-notes'), 'paste');
  });

  it('uses words of the service name only when the software says nothing', () => {
    assert.equal(kindOf('', 'Bloc-notes'), 'pad');
    assert.equal(kindOf('Bidule', 'Sondages'), 'poll');
    assert.notEqual(kindOf('sendmail', ''), 'drop', 'a known name counts only as a whole word (send)');
  });
});
