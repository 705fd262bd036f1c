// Admin: who accepted which version of the member charter, when; who has not accepted the one in force.
import { When, tWith } from '../ui/when.js';
import type { PageCtx } from '../../server/page-context.js';
import { AdminNav } from '../admin/admin-nav.js';
import { DataTable } from '../ui/data-table.js';
import type { AcceptanceRow, CharterVersion, MemberCharterState } from './store.js';
import { kindTitleKey } from './kinds.js';

export interface AcceptancesProps {
  ctx: PageCtx;
  current: CharterVersion | null;
  members: MemberCharterState[];
  history: AcceptanceRow[];
  historyLimit: number;
}

/** A member's name, with the username when it says something more. */
function Who({ displayName, username }: { displayName: string; username: string }) {
  return displayName === username ? <>{username}</> : <>{displayName} <span class="muted">({username})</span></>;
}

function StatesTable({ ctx, rows }: { ctx: PageCtx; rows: MemberCharterState[] }) {
  const { t } = ctx;
  return (
    <DataTable headers={[t('charters.acceptances.member'), t('charters.acceptances.lastVersion'), t('charters.acceptances.acceptedAt')]}>
      {rows.map((m) => (
        <tr>
          <td>
            <Who displayName={m.displayName} username={m.username} />
          </td>
          <td>{m.lastVersion ?? t('charters.acceptances.never')}</td>
          <td>{m.acceptedAt === null ? '—' : <When ctx={ctx} at={m.acceptedAt} style="dateTime" />}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export function AcceptancesPage({ ctx, current, members, history, historyLimit }: AcceptancesProps) {
  const { t } = ctx;
  const pending = current ? members.filter((m) => m.lastVersion === null || m.lastVersion < current.version) : [];
  const done = current ? members.filter((m) => m.lastVersion !== null && m.lastVersion >= current.version) : [];
  return (
    <>
      <AdminNav ctx={ctx} />
      <h1>{t('charters.acceptances.title')}</h1>
      {!current ? (
        <p>{t('charters.acceptances.noCharter')}</p>
      ) : (
        <>
          <p>
            {tWith(ctx, 'charters.acceptances.current', { version: current.version, date: <When ctx={ctx} at={current.publishedAt} /> })}{' '}
            <a href="/charters/member">{t('charters.read')}</a>
          </p>
          <section aria-labelledby="pending-title" id="pending">
            <h2 id="pending-title">{t('charters.acceptances.pendingTitle', { count: pending.length })}</h2>
            {pending.length === 0 ? <p>{t('charters.acceptances.pendingNone')}</p> : <StatesTable ctx={ctx} rows={pending} />}
          </section>
          <section aria-labelledby="done-title" id="done">
            <h2 id="done-title">{t('charters.acceptances.doneTitle', { count: done.length })}</h2>
            {done.length === 0 ? <p>{t('charters.acceptances.doneNone')}</p> : <StatesTable ctx={ctx} rows={done} />}
          </section>
        </>
      )}
      <section aria-labelledby="history-title" id="history">
        <h2 id="history-title">{t('charters.acceptances.historyTitle')}</h2>
        {history.length === 0 ? (
          <p>{t('charters.acceptances.historyNone')}</p>
        ) : (
          <>
            {history.length >= historyLimit && <p class="hint">{t('charters.acceptances.historyLimit', { count: historyLimit })}</p>}
            <DataTable headers={[t('charters.acceptances.member'), t('charters.acceptances.charter'), t('charters.acceptances.version'), t('charters.acceptances.acceptedAt')]}>
              {history.map((a) => (
                <tr>
                  <td>
                    <Who displayName={a.displayName} username={a.username} />
                  </td>
                  <td>{t(kindTitleKey(a.kind))}</td>
                  <td>
                    <a href={`/charters/${a.kind}/v/${a.version}`}>{a.version}</a>
                  </td>
                  <td><When ctx={ctx} at={a.acceptedAt} style="dateTime" /></td>
                </tr>
              ))}
            </DataTable>
          </>
        )}
      </section>
      <p>
        <a href="/admin/charters">{t('charters.acceptances.back')}</a>
      </p>
    </>
  );
}
