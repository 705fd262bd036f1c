// Health checks of every service: a module's own health function, or an HTTP request to an external
// service's health URL. Results are stored, so every process (and the directory) reads the same status.
import type { Db } from '../../storage/database.js';
import type { HealthResult, HealthStatus } from '../../modules/contract.js';
import type { ServiceEntry, ServiceRegistry } from './registry.js';
import type { Core } from '../../core.js';
import { storedDetail } from './health-detail.js';

export interface ServiceStatus { status: HealthStatus; checkedAt: number | null; latencyMs: number | null; detail: string }

export async function checkHttp(url: string, timeoutMs: number): Promise<HealthResult> {
  try {
    const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs), headers: { 'user-agent': 'chaton-health' } });
    await res.body?.cancel();
    if (res.status < 400) return { status: 'up', detail: `HTTP ${res.status}` };
    return { status: 'down', detail: `HTTP ${res.status}` };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    return { status: 'down', detail: e.name === 'TimeoutError' ? 'timeout' : (e.cause?.code ?? e.message) };
  }
}

export async function checkService(core: Core, entry: ServiceEntry): Promise<HealthResult> {
  if (entry.module?.health) {
    try {
      return await entry.module.health(core);
    } catch (err) {
      return { status: 'down', detail: (err as Error).message };
    }
  }
  if (entry.source === 'builtin') return { status: 'up' };
  if (entry.healthUrl) return checkHttp(entry.healthUrl, core.config.health.timeout_ms);
  return { status: 'unknown' };
}

export async function checkAll(core: Core): Promise<void> {
  await Promise.all(
    core.services.all().map(async (entry) => {
      const started = Date.now();
      const result = await checkService(core, entry);
      const row = { service_id: entry.id, status: result.status, checked_at: Date.now(), latency_ms: Date.now() - started, detail: storedDetail(result.detail) };
      await core.db
        .insertInto('service_status')
        .values(row)
        .onConflict((oc) => oc.column('service_id').doUpdateSet({ status: row.status, checked_at: row.checked_at, latency_ms: row.latency_ms, detail: row.detail }))
        .execute();
    }),
  );
}

export async function readStatuses(db: Db, registry: ServiceRegistry): Promise<Map<string, ServiceStatus>> {
  const rows = await db.selectFrom('service_status').selectAll().execute();
  const out = new Map<string, ServiceStatus>();
  for (const entry of registry.all()) out.set(entry.id, { status: 'unknown', checkedAt: null, latencyMs: null, detail: '' });
  for (const r of rows) {
    if (!out.has(r.service_id)) continue;
    out.set(r.service_id, { status: r.status as HealthStatus, checkedAt: r.checked_at, latencyMs: r.latency_ms, detail: r.detail });
  }
  return out;
}
