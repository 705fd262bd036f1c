// Issue 12, item 3: a pad exports as .docx and .odt (from the pad page and the read-only page), real
// packages whose document holds the text, the formatting and the lists' first numbers.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { unzipSync, strFromU8 } from 'fflate';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient } from '../helpers/client.js';
import { pad } from '../../src/modules/pad/index.js';
import { createPad } from '../pad/helpers.js';

const MD = '# Compte rendu\n\nDu **gras** et [un lien](https://example.org/a).\n\n7. sept\n8. huit\n\n- puce\n';

describe('pad export as .docx and .odt', () => {
  let server: TestServer;
  let name: string;
  let readOnly: string;
  before(async () => {
    server = await startTestServer({ modules: [pad] });
    ({ name } = await createPad(server.url));
    const http = new TestClient(server.url);
    const res = await http.submit(`/pad/${name}`, { format: 'md', content: MD }, `/pad/${name}/import`);
    assert.equal(res.status, 303);
    const page = await http.get(`/pad/${name}`);
    readOnly = /\/pad\/ro\/([A-Za-z0-9_-]+)/.exec(page.text)![1]!;
    assert.match(page.text, new RegExp(`href="/pad/${name}/export/docx"`));
    assert.match(page.text, new RegExp(`href="/pad/${name}/export/odt"`));
    // Offered for import: the formats the import reads.
    const select = /<select id="import-format"[\s\S]*?<\/select>/.exec(page.text)?.[0] ?? '';
    assert.deepEqual([...select.matchAll(/value="([a-z]+)"/g)].map((m) => m[1]), ['txt', 'md', 'html', 'docx']);
  });
  after(() => server.close());

  async function download(path: string): Promise<{ files: Record<string, Uint8Array>; type: string; disposition: string }> {
    const res = await fetch(server.url + path);
    assert.equal(res.status, 200);
    return { files: unzipSync(new Uint8Array(await res.arrayBuffer())), type: res.headers.get('content-type') ?? '', disposition: res.headers.get('content-disposition') ?? '' };
  }

  it('exports a .docx whose document holds the text, the bold, the link and a numbering starting at 7', async () => {
    const { files, type, disposition } = await download(`/pad/${name}/export/docx`);
    assert.match(type, /wordprocessingml\.document/);
    assert.equal(disposition, `attachment; filename="${name}.docx"`);
    const document = strFromU8(files['word/document.xml']!);
    for (const text of ['Compte rendu', 'gras', 'un lien', 'sept', 'huit', 'puce']) assert.match(document, new RegExp(`>${text}<`));
    assert.match(document, /<w:b\/>|<w:b w:val="true"\/>/);
    assert.match(document, /<w:hyperlink/);
    assert.match(strFromU8(files['word/_rels/document.xml.rels']!), /https:\/\/example\.org\/a/);
    assert.match(strFromU8(files['word/numbering.xml']!), /<w:start w:val="7"\/>/);
  });

  it('exports an .odt whose content holds the text, the link and a list starting at 7', async () => {
    const { files, type, disposition } = await download(`/pad/${name}/export/odt`);
    assert.equal(type, 'application/vnd.oasis.opendocument.text');
    assert.equal(disposition, `attachment; filename="${name}.odt"`);
    assert.equal(strFromU8(files.mimetype!), 'application/vnd.oasis.opendocument.text');
    const content = strFromU8(files['content.xml']!);
    assert.match(content, /<text:h text:style-name="Heading_1" text:outline-level="1">Compte rendu<\/text:h>/);
    assert.match(content, /<text:span text:style-name="T_strong">gras<\/text:span>/);
    assert.match(content, /xlink:href="https:\/\/example\.org\/a"/);
    assert.match(content, /<text:list-item text:start-value="7"><text:p text:style-name="Standard">sept<\/text:p><\/text:list-item><text:list-item><text:p text:style-name="Standard">huit/);
    assert.match(strFromU8(files['META-INF/manifest.xml']!), /content\.xml/);
  });

  it('exports from the read-only page too, named "pad"', async () => {
    for (const format of ['docx', 'odt']) {
      const { disposition } = await download(`/pad/ro/${readOnly}/export/${format}`);
      assert.equal(disposition, `attachment; filename="pad.${format}"`);
    }
  });
});
