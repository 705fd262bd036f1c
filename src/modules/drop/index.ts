// Drop: zero-knowledge sharing of big files, mounted at /drop. Files are encrypted in the browser
// (web/drop/ece.ts, docs/drop-format.md); the server stores encrypted chunks and never a key.
import type { ServiceModule } from '../contract.js';
import { migrations } from './migrations.js';
import { dropRoutes } from './routes.js';
import { dropJobs } from './jobs.js';
import { dropDb } from './store.js';

export const drop: ServiceModule = {
  id: 'drop',
  kind: 'drop',
  software: { name: 'chaton drop', version: '0.1.0', license: 'AGPL-3.0-or-later', sourceUrl: 'https://framagit.org/chatons/chaton' },
  defaultOpening: 'public',
  name: { fr: 'Envoi de fichiers chiffrés', en: 'Encrypted file sharing' },
  description: {
    fr: 'Envoyez de gros fichiers, chiffrés dans votre navigateur, avec un lien qui expire.',
    en: 'Send big files, encrypted in your browser, with a link that expires.',
  },
  migrations,
  routes: dropRoutes,
  jobs: dropJobs,
  async health(core) {
    const row = await dropDb(core).selectFrom('drop_shares').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'ready').executeTakeFirst();
    return { status: 'up', detail: { key: 'drop.health.count', params: { n: Number(row?.n ?? 0) } } };
  },
};
