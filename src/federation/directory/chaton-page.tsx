// SPDX-License-Identifier: AGPL-3.0-or-later
// One chaton: description, services with their conditions, contacts, funding, membership, last crawl
// and its problems.
import { When, tWith } from '../../portal/ui/when.js';
import type { PageCtx } from '../../server/page-context.js';
import type { Organization, Service } from './query.js';
import type { DirFetchLogTable, DirFilesTable } from '../schema.js';
import type { FileIssue } from '../crawler/store.js';
import { ConditionBadge, HealthBadge, countryName, kindLabel, membershipLabel, typeLabel } from './labels.js';
import { DirectoryNav } from './nav.js';
import { IssueList, errorText } from './issues.js';
import { DataTable } from '../../portal/ui/data-table.js';
import { LINK_REL } from '../../markup/allow-list.js';

export type FileRow = Omit<DirFilesTable, 'body'>;
export type LogRow = Omit<DirFetchLogTable, 'id'>;

function links(json: string): [string, string][] {
  try {
    return Object.entries(JSON.parse(json) as Record<string, string>);
  } catch {
    return [];
  }
}

export function ChatonPage({ ctx, org, services, files, history }: { ctx: PageCtx; org: Organization; services: Service[]; files: FileRow[]; history: LogRow[] }) {
  const { t, lang } = ctx;
  const funding = links(org.funding);
  const socials = links(org.socials);
  const problems = files.filter((f) => f.last_error || f.issues !== '[]');
  return (
    <>
      <p><a href="/directory">{t('directory.chaton.back')}</a></p>
      <h1>{org.name}</h1>
      <DirectoryNav ctx={ctx} />
      {org.description && <p class="lead">{org.description}</p>}
      <dl class="facts">
        <dt>{t('directory.chaton.membership')}</dt>
        <dd>
          {membershipLabel(t, org.memberof_level)}
          {org.memberof_startdate && <> · {t('directory.chaton.memberSince', { date: org.memberof_startdate })}</>}
        </dd>
        <dt>{t('directory.chaton.type')}</dt>
        <dd>{typeLabel(t, org.type)}</dd>
        {(org.address || org.country_code) && (
          <>
            <dt>{t('directory.chaton.place')}</dt>
            <dd>{[org.address, countryName(org.country_code, lang)].filter(Boolean).join(', ')}</dd>
          </>
        )}
      </dl>

      <h2>{t('directory.chaton.services')}</h2>
      {services.length === 0 ? (
        <p>{t('directory.chaton.noServices')}</p>
      ) : (
        <DataTable headers={[t('directory.chaton.service'), t('directory.chaton.software'), t('directory.chaton.conditions'), t('directory.chaton.state')]}>
          {services.map((s) => (
            <tr>
              <td>
                {s.website ? <a href={s.website} rel={LINK_REL}>{s.name || s.software_name}</a> : s.name || s.software_name}
                {s.description && <span class="hint">{s.description}</span>}
              </td>
              <td>{s.software_name || '—'} <span class="muted">({kindLabel(t, s.kind)})</span></td>
              <td><ConditionBadge t={t} registration={s.registration} />{s.registration_load === 'FULL' && <span class="badge">{t('directory.chaton.full')}</span>}</td>
              <td><HealthBadge t={t} health={s.health} level={s.status_level} /></td>
            </tr>
          ))}
        </DataTable>
      )}

      <h2>{t('directory.chaton.contacts')}</h2>
      <ul>
        {org.website && <li><a href={org.website} rel={LINK_REL}>{org.website}</a></li>}
        {org.contact_email && <li><a href={`mailto:${org.contact_email}`}>{org.contact_email}</a></li>}
        {org.contact_url && <li><a href={org.contact_url} rel={LINK_REL}>{t('directory.chaton.contactPage')}</a></li>}
        {socials.map(([name, url]) => (
          <li>{name}{t('punct.colon')} <a href={url} rel={LINK_REL}>{url}</a></li>
        ))}
        {!org.website && !org.contact_email && !org.contact_url && socials.length === 0 && <li>{t('directory.chaton.noContact')}</li>}
      </ul>

      {funding.length > 0 && (
        <>
          <h2>{t('directory.chaton.funding')}</h2>
          <ul>
            {funding.map(([name, url]) => (
              <li><a href={url} rel={LINK_REL}>{name}</a></li>
            ))}
          </ul>
        </>
      )}

      <h2>{t('directory.chaton.crawl')}</h2>
      <p>
        {tWith(ctx, 'directory.chaton.crawledAt', { date: <When ctx={ctx} at={org.crawled_at} style="dateTime" /> })}{' '}
        <a href={org.url} rel={LINK_REL}>{t('directory.chaton.file')}</a>
      </p>
      {problems.length === 0 ? (
        <p class="flash">{t('directory.chaton.noProblem')}</p>
      ) : (
        <>
          <p>{t('directory.chaton.problems', { n: problems.length })}</p>
          {problems.map((f) => (
            <details class="problem">
              <summary><code class="link">{f.url}</code></summary>
              {f.last_error && (
                <p class="form-error">
                  {tWith(ctx, 'directory.chaton.lastError', { date: <When ctx={ctx} at={f.last_error_at ?? f.last_checked_at} style="dateTime" />, error: errorText(ctx, f.last_error) })}
                  {f.last_success_at && <> {tWith(ctx, 'directory.chaton.lastSuccess', { date: <When ctx={ctx} at={f.last_success_at} style="dateTime" /> })}</>}
                </p>
              )}
              <IssueList ctx={ctx} issues={JSON.parse(f.issues) as FileIssue[]} limit={30} />
            </details>
          ))}
        </>
      )}
      {history.length > 0 && (
        <details>
          <summary>{t('directory.chaton.history')}</summary>
          <ul>
            {history.map((h) => (
              <li><When ctx={ctx} at={h.at} style="dateTime" /> — {t(`directory.outcome.${h.outcome}`)}{h.outcome === 'error' && <>{t('punct.colon')} {h.detail}</>}</li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
