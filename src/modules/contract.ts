// The service module contract: every built-in service is one folder exporting one ServiceModule,
// and the portal knows modules only through it. Adding a service = a folder + one line in modules/index.ts.
import type { FastifyPluginAsync } from 'fastify';
import type { Migration } from 'kysely';
import type { Opening } from '../config/schema.js';
import type { Dialect } from '../storage/database.js';
import type { Core } from '../core.js';
import type { Localized } from '../i18n/index.js';
import type { DetailMessage } from '../portal/services/health-detail.js';

export type HealthStatus = 'up' | 'down' | 'unknown';
/** detail: free text, or a catalogue message (a count) shown in each reader's language. */
export interface HealthResult { status: HealthStatus; detail?: string | DetailMessage }

export interface Job {
  name: string;
  intervalSeconds: number;
  run(core: Core): Promise<void>;
}

export interface ServiceModule {
  /** URL prefix (/<id>), config key, i18n namespace. */
  id: string;
  /** What the directory matches on ("I want a pad"). */
  kind: string;
  software: { name: string; version: string; license: string; sourceUrl: string };
  defaultOpening: Opening;
  /** Name and one-line purpose shown on the portal's card, in both languages. */
  name: Localized;
  description: Localized;
  /** The module's own tables, prefixed with its id; run with their own migration table. */
  migrations?: (dialect: Dialect) => Record<string, Migration>;
  /** A Fastify plugin mounted under /<id>, behind the opening check (HTTP and WebSocket). */
  routes: FastifyPluginAsync<{ core: Core }>;
  /** Periodic work, run by one process at a time. */
  jobs?: Job[];
  health?: (core: Core) => Promise<HealthResult>;
}
