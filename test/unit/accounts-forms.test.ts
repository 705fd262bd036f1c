// Reading the accounts forms: missing, repeated and oversized fields are 400s; rule breaks are 422/409.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FormProblem, checkbox, checkboxList, doneKey, formBody, intField, problemText, textField } from '../../src/portal/accounts/form.js';
import { checkCharter, checkNewPassword, readNewAccount } from '../../src/portal/accounts/new-account.js';
import { translator } from '../../src/i18n/index.js';
import type { CharterVersion } from '../../src/portal/charters/store.js';

function problemOf(fn: () => unknown): FormProblem {
  try {
    fn();
  } catch (err) {
    if (err instanceof FormProblem) return err;
    throw err;
  }
  assert.fail('no problem found');
}

const charter: CharterVersion = { kind: 'member', version: 3, bodyMd: '', summary: '', bodyMdEn: null, summaryEn: null, publishedAt: 0, publishedBy: 'x' };

describe('accounts forms', () => {
  it('treats anything but an object as an empty form', () => {
    assert.deepEqual(formBody([1, 2]), {});
    assert.deepEqual(formBody(null), {});
    assert.deepEqual(formBody('a=b'), {});
  });

  it('names the missing, repeated or oversized field in a 400', () => {
    const t = translator('fr');
    const missing = problemOf(() => textField({}, 'username', 'accounts.field.username', 100));
    assert.equal(missing.status, 400);
    assert.equal(problemText(t, missing), 'Le champ « Nom d’utilisateur » manque. Remplissez-le et réessayez.');
    assert.equal(problemOf(() => textField({ username: ['a', 'b'] }, 'username', 'accounts.field.username', 100)).status, 400);
    const long = problemOf(() => textField({ username: 'x'.repeat(101) }, 'username', 'accounts.field.username', 100));
    assert.equal(long.status, 400);
    assert.match(problemText(translator('en'), long), /“Username” is too long \(at most 100 characters\)/);
    assert.equal(textField({}, 'note', 'accounts.invitations.note', 10, true), '');
  });

  it('counts a field’s length in code points: what the browser’s maxlength (UTF-16 units) lets through is accepted', () => {
    // 80 emoji are 160 UTF-16 units: a browser with maxlength=80 stops at 40 of them; the server takes 80.
    const emoji = '😀'.repeat(80);
    assert.equal(textField({ displayName: emoji }, 'displayName', 'accounts.field.displayName', 80), emoji);
    assert.equal(problemOf(() => textField({ displayName: emoji + '😀' }, 'displayName', 'accounts.field.displayName', 80)).status, 400);
  });

  it('reads checkboxes, lists of checkboxes and whole numbers', () => {
    assert.equal(checkbox({ charter: 'yes' }, 'charter'), true);
    assert.equal(checkbox({}, 'charter'), false);
    assert.deepEqual(checkboxList({ group: 'a' }, 'group'), ['a']);
    assert.deepEqual(checkboxList({ group: ['a', 'b'] }, 'group'), ['a', 'b']);
    assert.deepEqual(checkboxList({}, 'group'), []);
    assert.equal(problemOf(() => checkboxList({ group: ['a', { x: 1 }] }, 'group')).status, 400);
    assert.equal(intField({ days: ' 7 ' }, 'days', 'accounts.invitations.days', 1, 365), 7);
    for (const days of ['0', '366', '1.5', '-3', 'sept', '']) assert.equal(problemOf(() => intField({ days }, 'days', 'accounts.invitations.days', 1, 365)).status, 422, days);
  });

  it('reads the new-account form, with optional display name, next and charter', () => {
    const input = readNewAccount({ username: 'lea', password: 'p'.repeat(12), password2: 'p'.repeat(12) });
    assert.deepEqual(input, { username: 'lea', displayName: '', password: 'p'.repeat(12), password2: 'p'.repeat(12), next: '', charterAccepted: false, charterVersion: '' });
    assert.equal(problemOf(() => readNewAccount({ username: 'lea', password: 'p'.repeat(12) })).status, 400);
  });

  it('checks the new password and the charter', () => {
    assert.equal(problemOf(() => checkNewPassword('court', 'court')).key, 'accounts.form.passwordShort');
    assert.equal(problemOf(() => checkNewPassword('assez long pour passer', 'assez long pour passeR')).key, 'accounts.form.passwordMismatch');
    checkNewPassword('assez long pour passer', 'assez long pour passer');
    checkCharter({ charterAccepted: false, charterVersion: '' }, null);
    checkCharter({ charterAccepted: true, charterVersion: '3' }, charter);
    const unticked = problemOf(() => checkCharter({ charterAccepted: false, charterVersion: '3' }, charter));
    assert.deepEqual([unticked.status, unticked.key], [422, 'accounts.form.charterRequired']);
    const stale = problemOf(() => checkCharter({ charterAccepted: true, charterVersion: '2' }, charter));
    assert.deepEqual([stale.status, stale.key, stale.params], [409, 'accounts.form.charterChanged', { version: 3 }]);
  });

  it('knows only its own ?done= flags', () => {
    const keys = { saved: 'accounts.groups.saved' } as const;
    assert.equal(doneKey({ done: 'saved' }, keys), 'accounts.groups.saved');
    assert.equal(doneKey({ done: 'constructor' }, keys), undefined);
    assert.equal(doneKey({ done: ['saved'] }, keys), undefined);
    assert.equal(doneKey(undefined, keys), undefined);
  });
});
