// Issue 12, item 3: a Word file (.docx, here made by the docx library) imports into a pad with its
// headings, bold and lists; a file that is not one, or unpacks to too much (a ZIP bomb), is refused with a
// translated message and the pad keeps its content.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { zipSync } from 'fflate';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient, textOf } from '../helpers/client.js';
import { pad } from '../../src/modules/pad/index.js';
import { DOCX_MAX_UNZIPPED_BYTES } from '../../src/modules/pad/docx-import.js';
import { createPad } from '../pad/helpers.js';

describe('pad import of a .docx', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ modules: [pad], config: { limits: { body_bytes: 4 * 1024 * 1024 } } });
  });
  after(() => server.close());

  it('imports headings, bold and bullets, and refuses what is not a .docx or unpacks too big', async () => {
    const file = new Document({
      sections: [{
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Compte rendu')] }),
          new Paragraph({ children: [new TextRun('Du '), new TextRun({ text: 'gras', bold: true }), new TextRun(' ici.')] }),
          new Paragraph({ bullet: { level: 0 }, children: [new TextRun('premier')] }),
          new Paragraph({ bullet: { level: 0 }, children: [new TextRun('second')] }),
        ],
      }],
    });
    const bytes = await Packer.toBuffer(file);
    const { name } = await createPad(server.url);
    const http = new TestClient(server.url);
    const res = await http.submit(`/pad/${name}`, { format: 'docx', content: bytes.toString('base64') }, `/pad/${name}/import`);
    assert.equal(res.status, 303);
    assert.equal((await http.get(`/pad/${name}/export/md`)).text, '# Compte rendu\n\nDu **gras** ici.\n\n- premier\n- second\n');

    const notDocx = await http.submit(`/pad/${name}`, { format: 'docx', content: Buffer.from('pas un zip').toString('base64') }, `/pad/${name}/import`);
    assert.equal(notDocx.status, 400);
    assert.match(textOf(notDocx.text), /Ce fichier n’est pas un document Word \(\.docx\) lisible/);

    // Megabytes of zeros pack into a few kilobytes: refused from the sizes the ZIP declares.
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(DOCX_MAX_UNZIPPED_BYTES + 1) });
    assert.ok(bomb.length < 200_000);
    const big = await http.submit(`/pad/${name}`, { format: 'docx', content: Buffer.from(bomb).toString('base64') }, `/pad/${name}/import`);
    assert.equal(big.status, 413);
    assert.match(textOf(big.text), /trop long/);
    assert.match((await http.get(`/pad/${name}/export/md`)).text, /^# Compte rendu/);
  });
});
