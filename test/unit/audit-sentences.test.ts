// The audit log read as sentences: every action the code writes has its own, in French and English.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditSentence, SENTENCE_ACTIONS, type AuditNames } from '../../src/portal/audit-sentences.js';
import type { AuditEntry } from '../../src/portal/audit.js';
import { translator, LANGS } from '../../src/i18n/index.js';

/** Every action name written by a call `audit(db, actor, 'x.y', …)` in src/. */
function auditedActions(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(e.name)) {
        const source = readFileSync(path, 'utf8');
        for (const m of source.matchAll(/(?<![\w.])audit\(/g)) {
          if (/function\s+$/.test(source.slice(0, m.index))) continue;
          // The first string literal of the call is the action (the actor may hold commas).
          const action = /'([a-z]+(?:\.[a-z-]+)+)'/.exec(source.slice(m.index, m.index + 400));
          assert.ok(action?.[1], `${path}: an audit() call whose action is not a literal 'area.verb'`);
          found.add(action[1]);
        }
      }
    }
  };
  walk(join(import.meta.dirname, '../../src'));
  return found;
}

const names: AuditNames = { service: (id) => (id === 'pad' ? 'Pad' : id), group: (id) => (id === 'g1' ? 'Vélo' : id), member: (id) => (id === 'm1' ? 'jeanne' : id) };
const entry = (action: string, target: string, detail: Record<string, unknown> = {}, actorName = 'aline'): AuditEntry => ({ id: 1, at: 0, actorName, action, target, detail });
const fr = (e: AuditEntry) => auditSentence(e, translator('fr'), 'fr', names);
const en = (e: AuditEntry) => auditSentence(e, translator('en'), 'en', names);

describe('audit sentences', () => {
  it('has a sentence for every action written in src/, and for member.signup and invitation.use', () => {
    const actions = auditedActions();
    assert.ok(actions.size >= 15, `found only ${[...actions].join(', ')}`);
    for (const a of ['service.opening', 'charter.publish', 'member.create', 'member.reset-link']) assert.ok(actions.has(a), a);
    const missing = [...actions, 'member.signup', 'invitation.use'].filter((a) => !SENTENCE_ACTIONS.includes(a));
    assert.deepEqual(missing, []);
  });

  it('makes every sentence complete in both languages, without the action name or a placeholder', () => {
    for (const action of SENTENCE_ACTIONS) {
      for (const lang of LANGS) {
        const text = auditSentence(entry(action, 'target'), translator(lang), lang, names);
        assert.doesNotMatch(text, /[{}]/, `${lang} ${action}: ${text}`);
        assert.ok(!text.includes(action), `${lang} ${action}: ${text}`);
        assert.match(text, /\.$/, `${lang} ${action}: ${text}`);
      }
    }
  });

  it('says what changed, with the before and the after', () => {
    const opening = entry('service.opening', 'pad', { from: 'members', to: 'public', groups: [] });
    assert.equal(fr(opening), 'aline a changé l’ouverture de « Pad » : « Membres » → « Sans inscription ».');
    assert.equal(en(opening), 'aline changed the opening of “Pad”: “Members” → “No signup”.');
    const limited = entry('service.opening', 'pad', { from: 'public', to: 'members', groups: ['g1', 'gone'] });
    assert.equal(fr(limited), 'aline a changé l’ouverture de « Pad » : « Sans inscription » → « Membres », réservé aux groupes « Vélo », « gone ».');
    assert.equal(fr(entry('member.role', 'jeanne', { id: 'm1', from: 'member', to: 'admin' })), 'aline a changé le rôle de jeanne : Membre → Administration.');
    assert.equal(en(entry('member.groups', 'jeanne', { from: [], to: ['Vélo', 'Compta'] })), 'aline changed the groups of jeanne: none → “Vélo”, “Compta”.');
    const group = entry('group.update', 'Vélo', { id: 'g1', from: { name: 'Velo', description: 'x' }, to: { name: 'Vélo', description: 'x' } });
    assert.equal(fr(group), 'aline a modifié le groupe « Vélo » : nom « Velo » → « Vélo ».');
    assert.equal(en(entry('group.delete', 'Vélo', { id: 'g1', members: 1 })), 'aline deleted the group “Vélo”, which had 1 member.');
    assert.equal(fr(entry('charter.publish', 'member', { version: 2, summary: 'Durées de conservation' })), 'aline a publié la version 2 de la « Charte des membres » : « Durées de conservation ».');
    assert.equal(fr(entry('member.admit', 'jeanne', { id: 'm1', admitted: 0 })), 'aline a retiré l’admission de jeanne.');
    assert.equal(en(entry('member.reset-link', 'm1')), 'aline created a new-password link for the account jeanne.');
    assert.equal(fr(entry('invitation.create', 'invitation:abcdef1234', { role: 'member', group: 'g1', note: '', days: 7 })), 'aline a créé l’invitation abcdef1234 (rôle : Membre, groupe « Vélo », valable 7 jours).');
    assert.equal(fr(entry('drop.share.delete', 's1', { bytes: 2048 })), 'aline a supprimé le partage s1 (2\u00a0ko).');
  });

  it('reads signups, invitation uses, the setup, the command line and the chaton itself', () => {
    assert.equal(fr(entry('member.signup', 'paul', { name: 'paul', via: 'signup' }, 'paul')), 'paul a créé son compte par l’inscription libre.');
    assert.equal(en(entry('invitation.use', 'invitation:abcdef1234', { invitation: 'invitation:abcdef1234', member: 'lea' }, 'lea')), 'lea used the invitation abcdef1234 to create the account lea.');
    assert.equal(fr(entry('member.create', 'root', { role: 'admin', via: 'setup' }, 'root')), 'root a créé le premier compte d’administration, à l’installation.');
    assert.equal(en(entry('member.create', 'root', { role: 'admin' }, 'cli')), 'The command line created the account root (role: Administrator).');
    assert.equal(fr(entry('member.delete', 'paul', { id: 'x', self: true }, 'paul')), 'paul a supprimé son propre compte.');
  });

  it('falls back to a readable sentence for an action it does not know', () => {
    assert.equal(fr(entry('backup.run', 'nightly', {}, 'system')), 'Le chaton a fait « backup.run » sur nightly.');
    assert.equal(en(entry('backup.run', '', {}, 'system')), 'The chaton did “backup.run”.');
  });
});
