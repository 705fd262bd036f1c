// Paste: a zero-knowledge pastebin speaking PrivateBin's API v2 and encryption format, mounted at /paste.
import type { ServiceModule } from '../contract.js';
import { pasteMigrations } from './migrations.js';
import { pasteRoutes } from './routes.js';
import { purgeExpired } from './jobs.js';
import { PasteStore, pasteDb } from './store.js';

export const paste: ServiceModule = {
  id: 'paste',
  kind: 'paste',
  software: { name: 'chaton paste (PrivateBin API v2)', version: '0.1.0', license: 'AGPL-3.0-or-later', sourceUrl: 'https://framagit.org/chatons/chaton' },
  defaultOpening: 'public',
  name: { fr: 'Bloc-notes chiffré', en: 'Encrypted paste' },
  description: {
    fr: 'Partagez un texte ou des fichiers, chiffrés dans votre navigateur : nous ne pouvons pas les lire.',
    en: 'Share a text or files, encrypted in your browser: we cannot read them.',
  },
  migrations: pasteMigrations,
  routes: pasteRoutes,
  jobs: [purgeExpired],
  async health(core) {
    const n = await new PasteStore(pasteDb(core)).count();
    return { status: 'up', detail: { key: 'paste.health.count', params: { n: Number(n) } } };
  },
};
