// Who may use each service, changed by admins at runtime. Kept in memory in every process and
// reloaded when any process announces a change on the bus; then every process tells its listeners
// (`onChange`), so that connections opened under the old opening are checked again at once.
import { OPENINGS, type Opening } from '../../config/schema.js';
import type { Db } from '../../storage/database.js';
import type { Bus } from '../../storage/bus.js';
import type { ServiceRegistry } from '../services/registry.js';

export interface ServiceOpening { opening: Opening; groups: string[] }

const CHANNEL = 'openings';

export class OpeningStore {
  private current = new Map<string, ServiceOpening>();
  private unsubscribe: (() => Promise<void>) | undefined;
  private readonly listeners = new Set<(serviceId: string) => void>();

  constructor(private readonly db: Db, private readonly bus: Bus, private readonly registry: ServiceRegistry) {}

  async start(): Promise<void> {
    await this.reload();
    this.unsubscribe = await this.bus.subscribe(CHANNEL, (message) => {
      void this.reload().then(
        () => this.changed(message.toString()),
        () => undefined,
      );
    });
  }

  async stop(): Promise<void> {
    await this.unsubscribe?.();
  }

  async reload(): Promise<void> {
    const rows = await this.db.selectFrom('service_settings').selectAll().execute();
    const next = new Map<string, ServiceOpening>();
    for (const row of rows) {
      if (!(OPENINGS as readonly string[]).includes(row.opening)) continue;
      next.set(row.service_id, { opening: row.opening as Opening, groups: JSON.parse(row.groups) as string[] });
    }
    this.current = next;
  }

  /** The opening of a service: the admin's choice, else the service's default. */
  get(serviceId: string): ServiceOpening {
    const set = this.current.get(serviceId);
    if (set) return set;
    return { opening: this.registry.get(serviceId)?.defaultOpening ?? 'closed', groups: [] };
  }

  async set(serviceId: string, value: ServiceOpening): Promise<void> {
    const row = { service_id: serviceId, opening: value.opening, groups: JSON.stringify(value.groups), updated_at: Date.now() };
    await this.db
      .insertInto('service_settings')
      .values(row)
      .onConflict((oc) => oc.column('service_id').doUpdateSet({ opening: row.opening, groups: row.groups, updated_at: row.updated_at }))
      .execute();
    this.current.set(serviceId, value);
    this.changed(serviceId);
    await this.bus.publish(CHANNEL, serviceId);
  }

  /**
   * Calls `listener` with the service's id each time its opening may have changed: at once in the process
   * that set it, after the reload in every process (so at least once everywhere). Returns the unsubscribe.
   */
  onChange(listener: (serviceId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(serviceId: string): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(serviceId);
      } catch {
        // One listener's failure does not keep the others from hearing of the change.
      }
    }
  }
}
