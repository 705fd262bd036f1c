import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HostScheduler } from '../../src/federation/crawler/scheduler.js';

const tick = () => new Promise((r) => setTimeout(r, 2));

describe('the crawl scheduler', () => {
  it('bounds the requests at once, overall and per host, and runs everything', async () => {
    const s = new HostScheduler({ concurrency: 4, perHost: 2, delayMs: 0 });
    let active = 0;
    let maxActive = 0;
    const perHost = new Map<string, number>();
    let maxPerHost = 0;
    let ran = 0;
    for (let i = 0; i < 60; i++) {
      const host = `h${i % 5}`;
      s.push(host, async () => {
        active++;
        perHost.set(host, (perHost.get(host) ?? 0) + 1);
        maxActive = Math.max(maxActive, active);
        maxPerHost = Math.max(maxPerHost, perHost.get(host)!);
        await tick();
        active--;
        perHost.set(host, perHost.get(host)! - 1);
        ran++;
      });
    }
    await s.done();
    assert.equal(ran, 60);
    assert.equal(maxActive, 4);
    assert.equal(maxPerHost, 2);
  });

  it('runs tasks queued by tasks, and survives a failing task', async () => {
    const s = new HostScheduler({ concurrency: 2, perHost: 1, delayMs: 1 });
    const order: string[] = [];
    s.push('a', async () => {
      order.push('parent');
      s.push('a', async () => void order.push('child'));
      throw new Error('boom');
    });
    await s.done();
    assert.deepEqual(order, ['parent', 'child']);
  });

  it('is done at once when nothing was queued', async () => {
    await new HostScheduler({ concurrency: 1, perHost: 1, delayMs: 0 }).done();
  });

  it('lets the organizations sharing a host take turns: one listing thousands of files does not hold back the next', async () => {
    const s = new HostScheduler({ concurrency: 1, perHost: 1, delayMs: 0 });
    const order: string[] = [];
    for (let i = 0; i < 1000; i++) s.push('host', async () => void order.push('huge'), 'https://huge.example/org.properties');
    for (let i = 0; i < 3; i++) s.push('host', async () => void order.push('small'), 'https://small.example/org.properties');
    await s.done();
    assert.equal(order.length, 1003);
    assert.ok(order.lastIndexOf('small') < 10, `the small organization's last file ran at ${order.lastIndexOf('small')}`);
  });

  it('drops the tasks not yet started when cleared, and is then done', async () => {
    const s = new HostScheduler({ concurrency: 1, perHost: 1, delayMs: 0 });
    let ran = 0;
    for (let i = 0; i < 100; i++) {
      s.push('host', async () => {
        ran++;
        if (ran === 2) s.clear();
        await tick();
      });
    }
    await s.done();
    assert.equal(ran, 2);
  });
});
