import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decideAccess } from '../../src/portal/policy/access.js';
import type { CurrentMember } from '../../src/portal/accounts/current-member.js';

const member = (over: Partial<CurrentMember> = {}): CurrentMember => ({ id: 'm', username: 'm', displayName: 'M', role: 'member', admitted: true, groups: [], ...over });

describe('access decisions', () => {
  it('public: everyone', () => {
    assert.deepEqual(decideAccess({ opening: 'public', groups: [] }, null), { allowed: true });
  });
  it('closed: nobody but admins', () => {
    assert.deepEqual(decideAccess({ opening: 'closed', groups: [] }, null), { allowed: false, reason: 'closed' });
    assert.deepEqual(decideAccess({ opening: 'closed', groups: [] }, member()), { allowed: false, reason: 'closed' });
    assert.deepEqual(decideAccess({ opening: 'closed', groups: [] }, member({ role: 'admin' })), { allowed: true });
  });
  it('signup: any account, even not admitted', () => {
    assert.deepEqual(decideAccess({ opening: 'signup', groups: [] }, null), { allowed: false, reason: 'login' });
    assert.deepEqual(decideAccess({ opening: 'signup', groups: [] }, member({ admitted: false })), { allowed: true });
  });
  it('members: admitted members, limited to groups when set', () => {
    const open = { opening: 'members' as const, groups: [] };
    assert.deepEqual(decideAccess(open, null), { allowed: false, reason: 'login' });
    assert.deepEqual(decideAccess(open, member({ admitted: false })), { allowed: false, reason: 'admission' });
    assert.deepEqual(decideAccess(open, member()), { allowed: true });
    const limited = { opening: 'members' as const, groups: ['assos'] };
    assert.deepEqual(decideAccess(limited, member()), { allowed: false, reason: 'group' });
    assert.deepEqual(decideAccess(limited, member({ groups: [{ id: 'assos', name: 'Associations' }] })), { allowed: true });
    assert.deepEqual(decideAccess(limited, member({ role: 'admin' })), { allowed: true });
  });
});
