import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { redactUrl } from '../../src/server/logging.js';
import { safeNext } from '../../src/server/page-context.js';

describe('log redaction and redirects', () => {
  it('drops query strings and hides secret-looking path segments', () => {
    assert.equal(redactUrl('/invite/2qPsGqcNTpZ7WilgUrs1VISxSby5Ad4znHwOzkCzLmc'), '/invite/…');
    assert.equal(redactUrl('/paste/?pasteid=abc&x=1'), '/paste/');
    assert.equal(redactUrl('/charters/member/v/2'), '/charters/member/v/2');
  });
  it('only follows same-site paths', () => {
    assert.equal(safeNext('/account'), '/account');
    assert.equal(safeNext('//evil.example/'), '/');
    assert.equal(safeNext('/\\evil.example'), '/');
    assert.equal(safeNext('https://evil.example/'), '/');
    assert.equal(safeNext(undefined, '/admin'), '/admin');
  });
});
