// The workers mode without Redis: the primary relays the bus to every worker and counts rate-limit hits
// for all of them (src/storage/cluster-hub.ts), the workers' ClusterBus speaks to it (cluster-bus.ts).
// The IPC channel is played here by event emitters that carry messages as Node's IPC would.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { serialize, deserialize } from 'node:v8';
import { ClusterHub, type HubWorker } from '../../src/storage/cluster-hub.js';
import { ClusterBus } from '../../src/storage/cluster-bus.js';
import type { HubMessage, WorkerMessage } from '../../src/storage/cluster-messages.js';

/** A worker's end of the channel (a ClusterBus on it) and the primary's handle of that worker. */
function workers(count: number) {
  const ends: { bus: ClusterBus; handle: HubWorker }[] = [];
  const hub = new ClusterHub(() => ends.map((e) => e.handle));
  for (let i = 0; i < count; i++) {
    const channel = new EventEmitter();
    const handle: HubWorker = { send: (m: HubMessage) => setImmediate(() => channel.emit('message', deserialize(serialize(m)))) };
    const send = (m: WorkerMessage): boolean => {
      setImmediate(() => hub.receive(handle, deserialize(serialize(m))));
      return true;
    };
    ends.push({ bus: new ClusterBus(Object.assign(channel, { send })), handle });
  }
  return { hub, buses: ends.map((e) => e.bus) };
}

describe('the bus and the counters of the workers mode', () => {
  it('delivers a message published by one worker to every worker, itself included, as bytes', async () => {
    const { buses } = workers(3);
    const got = buses.map(() => [] as string[]);
    let left = buses.length;
    const all = new Promise<void>((resolve) => {
      buses.forEach((bus, i) => void bus.subscribe('openings', (m) => {
        got[i]!.push(`${Buffer.isBuffer(m)}:${m.toString()}`);
        if (--left === 0) resolve();
      }));
    });
    await buses[1]!.subscribe('other', () => assert.fail('another channel'));
    await buses[0]!.publish('openings', Buffer.from('cloud'));
    await all;
    assert.deepEqual(got, [['true:cloud'], ['true:cloud'], ['true:cloud']]);
    for (const bus of buses) await bus.close();
  });

  it('stops delivering once unsubscribed', async () => {
    const { buses } = workers(2);
    const got: string[] = [];
    let delivered: () => void = () => undefined;
    const off = await buses[1]!.subscribe('pad:x', (m) => {
      got.push(m.toString());
      delivered();
    });
    await new Promise<void>((resolve) => {
      delivered = resolve;
      void buses[0]!.publish('pad:x', 'one');
    });
    await off();
    // Messages arrive in order: once 'last' is in, 'two' would have been too.
    await new Promise<void>((resolve) => {
      void buses[1]!.subscribe('pad:y', () => resolve());
      void buses[0]!.publish('pad:x', 'two').then(() => buses[0]!.publish('pad:y', 'last'));
    });
    assert.deepEqual(got, ['one']);
    for (const bus of buses) await bus.close();
  });

  it('counts the hits of every worker in one window', async () => {
    const { buses } = workers(2);
    const counts: number[] = [];
    for (let i = 0; i < 6; i++) counts.push((await buses[i % 2]!.hit('route POST /paste/ abc', 60_000)).current);
    assert.deepEqual(counts, [1, 2, 3, 4, 5, 6]);
    assert.equal((await buses[0]!.hit('another key', 60_000)).current, 1);
    for (const bus of buses) await bus.close();
  });

  it('starts a new window when the last one is over', () => {
    const hub = new ClusterHub(() => []);
    assert.deepEqual(hub.hit('k', 1000, 0), { current: 1, ttl: 1000 });
    assert.deepEqual(hub.hit('k', 1000, 400), { current: 2, ttl: 600 });
    assert.deepEqual(hub.hit('k', 1000, 1000), { current: 1, ttl: 1000 });
  });

  it('refuses a hit when the primary does not answer, so that the worker counts alone', async () => {
    const channel = Object.assign(new EventEmitter(), { send: () => true });
    const bus = new ClusterBus(channel);
    await assert.rejects(bus.hit('k', 1000), /did not count/);
    await bus.close();
  });
});
