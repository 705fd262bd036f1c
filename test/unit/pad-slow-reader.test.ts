// A reader that does not read (its socket buffer keeps growing) is cut off alone: the room and the other
// peers go on receiving.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { Connection } from '../../src/modules/pad/connection.js';
import type { Room } from '../../src/modules/pad/room.js';

class FakeSocket extends EventEmitter {
  bufferedAmount = 0;
  sent = 0;
  terminated = false;
  closedWith: number | null = null;
  send(message: Uint8Array): void {
    this.sent++;
    this.bufferedAmount += message.byteLength;
  }
  close(code: number): void {
    this.closedWith = code;
  }
  terminate(): void {
    this.terminated = true;
  }
  ping(): void {}
}

function fakeRoom(): Room {
  return { peers: new Set(), info: () => ({}), awarenessSnapshot: () => null } as unknown as Room;
}

const limits = { maxMessageBytes: 64 * 1024, ratePerConnection: 30, chatMax: 2000, maxPresenceBytes: 4096 };

describe('pad connections and slow readers', () => {
  it('drops only the reader whose unread buffer passes 8 MiB', () => {
    const room = fakeRoom();
    const slowSocket = new FakeSocket();
    const fastSocket = new FakeSocket();
    const slow = new Connection(slowSocket as unknown as WebSocket, room, false, limits, async () => {}, async () => {});
    const fast = new Connection(fastSocket as unknown as WebSocket, room, false, limits, async () => {}, async () => {});
    slow.start();
    fast.start();
    assert.equal(room.peers.size, 2);

    const update = new Uint8Array(64 * 1024);
    for (let i = 0; i < 200; i++) {
      for (const peer of [...room.peers]) peer.send(update);
      fastSocket.bufferedAmount = 0; // this one reads what it is sent
    }

    assert.equal(slowSocket.terminated, true, 'the slow reader is cut off at once');
    assert.ok(slowSocket.bufferedAmount <= 8 * 1024 * 1024 + update.byteLength, 'nothing is queued past the limit');
    assert.equal(room.peers.has(slow), false, 'and leaves the room');
    assert.equal(room.peers.has(fast), true);
    assert.equal(fastSocket.terminated, false);
    assert.equal(fastSocket.closedWith, null);
    assert.equal(fastSocket.sent, 201, 'the other peer received every update (and the opening info)');
  });
});
