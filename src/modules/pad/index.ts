// The pad module: real-time collaborative editing (Yjs), plugged in through the module contract.
import type { ServiceModule } from '../contract.js';
import { padMigrations } from './migrations.js';
import { padRoutes } from './routes.js';
import { compactOldHistory, purgeIdlePads } from './jobs.js';
import { padDb } from './tables.js';

export const pad: ServiceModule = {
  id: 'pad',
  kind: 'pad',
  software: { name: 'chaton pad', version: '0.1.0', license: 'AGPL-3.0-or-later', sourceUrl: 'https://framagit.org/chatons/chaton' },
  defaultOpening: 'public',
  name: { fr: 'Pad', en: 'Pad' },
  description: {
    fr: 'Écrire à plusieurs en temps réel, avec les couleurs des auteurs, l’historique et la discussion.',
    en: 'Write together in real time, with author colours, history and chat.',
  },
  migrations: padMigrations,
  routes: padRoutes,
  jobs: [purgeIdlePads, compactOldHistory],
  async health(core) {
    const row = await padDb(core).selectFrom('pad_pads').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    return { status: 'up', detail: { key: 'pad.health.count', params: { n: Number(row?.n ?? 0) } } };
  },
};
