// Issue 12 item 5: chat messages are limited to 1,000 code points and cut between grapheme clusters, so an
// emoji at the limit is kept whole or dropped whole, never split into a lone surrogate; the chat input lets
// through what the server keeps (its maxlength counts UTF-16 units, never more than code points).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient } from '../helpers/client.js';
import { pad } from '../../src/modules/pad/index.js';
import { CHAT_MAX_CHARS } from '../../src/modules/pad/protocol.js';
import { connect, createPad, waitFor } from '../pad/helpers.js';
import type { PadClient } from '../../src/modules/pad/client.js';

const FAMILY = '👩‍👩‍👧';
const FLAG = '🇫🇷';

describe('chat lengths on a pad', () => {
  let server: TestServer;
  const clients: PadClient[] = [];

  before(async () => {
    server = await startTestServer({ modules: [pad] });
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await server.close();
  });

  it('keeps an emoji at the limit whole, or drops it whole', async () => {
    const { name } = await createPad(server.url);
    const a = connect(server.url, `/pad/${name}`);
    const b = connect(server.url, `/pad/${name}`);
    clients.push(a, b);
    await waitFor(() => a.synced && b.synced, 'synced');
    const heard: string[] = [];
    b.on('chat', (m) => heard.push((m as { text: string }).text));
    const fits = 'a'.repeat(CHAT_MAX_CHARS - 1) + '😀'; // 1,000 code points, 1,001 UTF-16 units
    const family = 'b'.repeat(CHAT_MAX_CHARS - 3) + FAMILY; // the family (5 code points) goes past the limit
    const flag = 'c'.repeat(CHAT_MAX_CHARS - 1) + FLAG; // the flag's second half would be the 1,001st
    for (const text of [fits, family, flag]) a.chat(text);
    await waitFor(() => heard.length === 3, 'b hears the three messages');
    assert.deepEqual(heard, [fits, 'b'.repeat(CHAT_MAX_CHARS - 3), 'c'.repeat(CHAT_MAX_CHARS - 1)]);
  });

  it('gives the chat input a maxlength the server never cuts below', async () => {
    const { name } = await createPad(server.url);
    const page = await new TestClient(server.url).get(`/pad/${name}`);
    assert.match(page.text, new RegExp(`id="pad-chat-input" maxlength="${CHAT_MAX_CHARS}"`, 'i'));
  });
});
