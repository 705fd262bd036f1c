// Importing a deeply nested text into a pad is refused with a translated 413 (it used to overflow the
// stack: a 500), and the pad keeps its content; the limit is `pad.max_import_depth`.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient, textOf } from '../helpers/client.js';
import { pad } from '../../src/modules/pad/index.js';
import { createPad } from '../pad/helpers.js';

const NESTED: [string, string, string][] = [
  ['1,447 nested <blockquote>', 'html', '<blockquote>'.repeat(1447) + 'fond' + '</blockquote>'.repeat(1447)],
  ['724 nested <ul><li>', 'html', '<ul><li>'.repeat(724) + 'fond' + '</li></ul>'.repeat(724)],
  ['Markdown > × 1,447', 'md', '>'.repeat(1447) + ' fond'],
  ['Markdown "- " × 1,447', 'md', '- '.repeat(1447) + 'fond'],
  ['Markdown lists indented 400 levels', 'md', Array.from({ length: 400 }, (_, i) => ' '.repeat(2 * i) + '- fond').join('\n')],
  ['Markdown emphasis × 3,000', 'md', '*'.repeat(3000) + 'fond' + '*'.repeat(3000)],
  ['HTML inside Markdown, 5,000 <div>', 'md', 'texte\n\n' + '<div>'.repeat(5000) + 'fond' + '</div>'.repeat(5000)],
  ['100,000 nested <b>', 'html', '<b>'.repeat(100_000) + 'fond'],
];

for (const backend of backends()) {
  describe(`pad import of nested texts (${backend})`, () => {
    let server: TestServer;
    let strict: TestServer;
    before(async () => {
      server = await startTestServer({ backend, modules: [pad] });
      strict = await startTestServer({ backend, modules: [pad], config: { pad: { max_import_depth: 12 } } });
    });
    after(async () => {
      await server.close();
      await strict.close();
    });

    for (const [what, format, content] of NESTED) {
      it(`refuses ${what} with a translated 413 and keeps the pad as it was`, async () => {
        const { name } = await createPad(server.url);
        const http = new TestClient(server.url);
        await http.submit(`/pad/${name}`, { format: 'txt', content: 'avant' }, `/pad/${name}/import`);
        const res = await http.submit(`/pad/${name}`, { format, content }, `/pad/${name}/import`);
        assert.equal(res.status, 413);
        assert.match(textOf(res.text), /Ce texte imbrique trop de niveaux .*: 100 au plus/);
        assert.equal((await http.get(`/pad/${name}/export/txt`)).text, 'avant\n');
        const en = new TestClient(server.url, { 'accept-language': 'en' });
        const refused = await en.submit(`/pad/${name}`, { format, content }, `/pad/${name}/import`);
        assert.equal(refused.status, 413);
        assert.match(textOf(refused.text), /This text nests too many levels .*: 100 at most/);
        // The server still serves the pad.
        assert.equal((await http.get(`/pad/${name}`)).status, 200);
      });
    }

    it('imports nesting within pad.max_import_depth and refuses one level more', async () => {
      const { name } = await createPad(strict.url);
      const http = new TestClient(strict.url);
      // A quote is 1 level of the parsed tree, its paragraph 1 more: 11 quotes fit in 12, 12 do not.
      const ok = await http.submit(`/pad/${name}`, { format: 'html', content: '<blockquote>'.repeat(11) + 'x' + '</blockquote>'.repeat(11) }, `/pad/${name}/import`);
      assert.equal(ok.status, 303);
      assert.equal((await http.get(`/pad/${name}/export/md`)).text, '> '.repeat(11).trimEnd() + ' x\n');
      const deep = await http.submit(`/pad/${name}`, { format: 'html', content: '<blockquote>'.repeat(13) + 'x' + '</blockquote>'.repeat(13) }, `/pad/${name}/import`);
      assert.equal(deep.status, 413);
      assert.match(textOf(deep.text), /12 au plus/);
      const md = await http.submit(`/pad/${name}`, { format: 'md', content: '> '.repeat(13) + 'x' }, `/pad/${name}/import`);
      assert.equal(md.status, 413);
      // Raw HTML inside Markdown quotes counts with them: 8 quotes around 8 nested <div> is 16 levels.
      const mixed = await http.submit(`/pad/${name}`, { format: 'md', content: '> '.repeat(8) + '<div>'.repeat(8) + 'x' + '</div>'.repeat(8) }, `/pad/${name}/import`);
      assert.equal(mixed.status, 413);
      assert.equal((await http.get(`/pad/${name}/export/md`)).text, '> '.repeat(11).trimEnd() + ' x\n');
    });
  });
}
