// The crawler reads ChatonsInfos files in the encoding they are in (issue 12, items 13 and 14): a
// declared charset is honoured, an undeclared non-UTF-8 file is read as ISO-8859-1 with a warning, and
// a `subs.*` address holding a space is followed, encoded as a browser would, with a warning.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { testDirectoryConfig } from '../fixtures/directory-federation.js';
import { crawlFederation } from '../../src/federation/crawler/crawl.js';

const header = (cls: string, url: string): string =>
  `file.class = ${cls}\nfile.protocol = ChatonsInfos-0.5\nfile.datetime = 2026-11-01T10:00:00\nfile.generator = fixture\nfile.url = ${url}\n`;
const org = (url: string, name: string): string =>
  header('Organization', url) + `organization.name = ${name}\norganization.type = ASSOCIATION\norganization.country.code = DE\n`;

describe('directory crawler: encodings and addresses with spaces', () => {
  let server: TestServer;
  let files: Server;
  let base = '';
  const served = new Map<string, { body: Buffer; type: string }>();
  const hits: string[] = [];

  before(async () => {
    files = createServer((req, res) => {
      hits.push(req.url ?? '');
      const f = served.get(req.url ?? '');
      if (!f) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': f.type }).end(f.body);
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
    const fed =
      header('Federation', `${base}/federation.properties`) +
      `federation.name = CHATONS test\nfederation.website = ${base}/\n` +
      `subs.declared = ${base}/orgs/declared.properties\nsubs.undeclared = ${base}/orgs/undeclared.properties\n` +
      `subs.utf8 = ${base}/orgs/utf8.properties\nsubs.spaced = ${base}/orgs/with space.properties\n`;
    served.set('/federation.properties', { body: Buffer.from(fed, 'utf8'), type: 'text/plain; charset=utf-8' });
    served.set('/orgs/declared.properties', {
      body: Buffer.from(org(`${base}/orgs/declared.properties`, 'Les Chatons de Bückeburg'), 'latin1'),
      type: 'text/plain; charset=ISO-8859-1',
    });
    served.set('/orgs/undeclared.properties', { body: Buffer.from(org(`${base}/orgs/undeclared.properties`, 'Chaton de Lüneburg'), 'latin1'), type: 'text/plain' });
    served.set('/orgs/utf8.properties', { body: Buffer.from(org(`${base}/orgs/utf8.properties`, 'Chaton de Görlitz'), 'utf8'), type: 'text/plain' });
    served.set('/orgs/with%20space.properties', { body: Buffer.from(org(`${base}/orgs/with%20space.properties`, 'Chaton Espacé'), 'utf8'), type: 'text/plain' });
    server = await startTestServer({ config: { directory: { ...testDirectoryConfig, enabled: false } } });
  });
  after(async () => {
    await server.close();
    await new Promise((resolve) => files.close(resolve));
  });

  it('shows the right names and builds the slugs from them', async () => {
    await crawlFederation(server.core.db, server.config, `${base}/federation.properties`);
    const orgs = await server.core.db.selectFrom('dir_organizations').select(['name', 'slug']).execute();
    assert.deepEqual(
      orgs.map((o) => [o.name, o.slug]).sort(([a], [b]) => (a! < b! ? -1 : 1)),
      [
        ['Chaton Espacé', 'chaton-espace'],
        ['Chaton de Görlitz', 'chaton-de-gorlitz'],
        ['Chaton de Lüneburg', 'chaton-de-luneburg'],
        ['Les Chatons de Bückeburg', 'les-chatons-de-buckeburg'],
      ],
    );
    const issues = async (url: string): Promise<string[]> => {
      const row = await server.core.db.selectFrom('dir_files').select('issues').where('url', '=', url).executeTakeFirstOrThrow();
      return (JSON.parse(row.issues) as { code: string; level: string }[]).map((i) => `${i.level}:${i.code}`);
    };
    assert.ok((await issues(`${base}/orgs/undeclared.properties`)).includes('warning:latin1-fallback'));
    assert.ok(!(await issues(`${base}/orgs/declared.properties`)).some((i) => i.endsWith('encoding') || i.endsWith('fallback')));
    assert.ok((await issues(`${base}/federation.properties`)).includes('warning:url-encoded'));
    assert.ok(hits.includes('/orgs/with%20space.properties'));
  });
});
