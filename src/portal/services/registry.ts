// The registry of this chaton's services: built-in modules and external services from the config,
// described with the same fields.
import type { Config, ExternalServiceConfig, Opening } from '../../config/schema.js';
import type { ServiceModule } from '../../modules/contract.js';
import type { Localized } from '../../i18n/index.js';

export interface ServiceEntry {
  id: string;
  kind: string;
  source: 'builtin' | 'external';
  name: Localized;
  description: Localized;
  /** Where a visitor goes: /<id> for a module, the URL of an external service. */
  href: string;
  defaultOpening: Opening;
  software: { name: string; version: string; license: string; sourceUrl: string };
  healthUrl?: string;
  module?: ServiceModule;
}

function fromModule(m: ServiceModule): ServiceEntry {
  return {
    id: m.id,
    kind: m.kind,
    source: 'builtin',
    name: m.name,
    description: m.description,
    href: `/${m.id}/`,
    defaultOpening: m.defaultOpening,
    software: m.software,
    module: m,
  };
}

function fromConfig(e: ExternalServiceConfig): ServiceEntry {
  return {
    id: e.id,
    kind: e.kind,
    source: 'external',
    name: { fr: e.name, en: e.name },
    description: { fr: e.description_fr || e.description_en, en: e.description_en || e.description_fr },
    href: e.url,
    defaultOpening: e.opening,
    software: { name: e.software_name, version: '', license: '', sourceUrl: e.software_url ?? '' },
    ...(e.health_url ? { healthUrl: e.health_url } : {}),
  };
}

/** Route prefixes that belong to the portal and can't be a service id. */
export const RESERVED_IDS = new Set(['admin', 'account', 'assets', 'charters', 'healthz', 'lang', 'login', 'logout', 'signup', 'invite', 'reset', 'setup', 'notice', 'services', 'well-known', 'find', 'directory', 'api']);

export class ServiceRegistry {
  private readonly byId = new Map<string, ServiceEntry>();

  constructor(modules: ServiceModule[], config: Config) {
    for (const entry of [...modules.map(fromModule), ...config.services.external.map(fromConfig)]) {
      if (RESERVED_IDS.has(entry.id)) throw new Error(`service id "${entry.id}" is reserved`);
      if (this.byId.has(entry.id)) throw new Error(`two services have the id "${entry.id}"`);
      this.byId.set(entry.id, entry);
    }
  }

  all(): ServiceEntry[] {
    return [...this.byId.values()];
  }

  get(id: string): ServiceEntry | undefined {
    return this.byId.get(id);
  }
}
