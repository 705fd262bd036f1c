// A WebSocket follows its service's opening: closed with the reason's code when a change refuses its
// visitor, and no message of it reaches the module once the opening refuses it, even before the change
// event arrived (the second wall).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { followOpening } from '../../src/server/socket-access.js';
import type { OpeningStore, ServiceOpening } from '../../src/portal/policy/openings.js';
import type { CurrentMember } from '../../src/portal/accounts/current-member.js';
import { ACCESS_CLOSE } from '../../src/portal/policy/close-codes.js';

class FakeSocket extends EventEmitter {
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readyState = 1;
  closedWith: [number, string] | null = null;
  close(code: number, reason: string): void {
    this.closedWith = [code, reason];
    this.readyState = 2;
  }
}

class FakeOpenings {
  value: ServiceOpening = { opening: 'public', groups: [] };
  readonly listeners = new Set<(id: string) => void>();
  get(): ServiceOpening {
    return this.value;
  }
  onChange(listener: (id: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  change(id: string, value: ServiceOpening): void {
    this.value = value;
    for (const l of [...this.listeners]) l(id);
  }
}

const member = (groups: string[]): CurrentMember => ({ id: 'm', username: 'm', displayName: 'm', role: 'member', admitted: true, groups: groups.map((id) => ({ id, name: id })) });

function setup(who: CurrentMember | null) {
  const ws = new FakeSocket();
  const openings = new FakeOpenings();
  const received: unknown[] = [];
  const follower = followOpening(ws as unknown as WebSocket, openings as unknown as OpeningStore, 'pad', who);
  ws.on('message', (data) => received.push(data));
  return { ws, openings, received, follower };
}

describe('followOpening', () => {
  it('closes at once, with the reason’s code, a socket whose visitor a change refuses', () => {
    const { ws, openings, received } = setup(null);
    ws.emit('message', 'a');
    openings.change('other', { opening: 'closed', groups: [] });
    assert.equal(ws.closedWith, null, 'another service’s change does not touch it');
    openings.change('pad', { opening: 'closed', groups: [] });
    assert.deepEqual(ws.closedWith, [ACCESS_CLOSE.closed, 'closed']);
    ws.emit('message', 'b');
    assert.deepEqual(received, ['a']);
    ws.emit('close');
    assert.equal(openings.listeners.size, 0, 'the watch ends with the socket');
  });

  it('lets no message through once the opening refuses the visitor, even before the change event', () => {
    const { ws, openings, received } = setup(member(['a']));
    openings.value = { opening: 'members', groups: ['b'] };
    ws.emit('message', 'late');
    assert.deepEqual(received, []);
    assert.deepEqual(ws.closedWith, [ACCESS_CLOSE.group, 'group']);
  });

  it('keeps a visitor the new opening still admits', () => {
    const { ws, openings, received } = setup(member(['a']));
    openings.change('pad', { opening: 'members', groups: ['a'] });
    ws.emit('message', 'still');
    assert.equal(ws.closedWith, null);
    assert.deepEqual(received, ['still']);
    openings.change('pad', { opening: 'signup', groups: [] });
    assert.equal(ws.closedWith, null);
  });

  it('checks again when the member changes: out of the group, or account deleted', () => {
    const { ws, openings, follower } = setup(member(['a']));
    openings.change('pad', { opening: 'members', groups: ['a'] });
    follower.recheck(member(['a', 'b']));
    assert.equal(ws.closedWith, null);
    follower.recheck(member(['b']));
    assert.deepEqual(ws.closedWith, [ACCESS_CLOSE.group, 'group']);
    const gone = setup(member([]));
    gone.openings.value = { opening: 'signup', groups: [] };
    gone.follower.recheck(null);
    assert.deepEqual(gone.ws.closedWith, [ACCESS_CLOSE.login, 'login']);
  });
});
