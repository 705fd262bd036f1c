// The public charter pages: the list of charters, one charter (current or a given version), its versions.
import { When } from '../ui/when.js';
import type { PageCtx } from '../../server/page-context.js';
import type { CharterVersion } from './store.js';
import { CHARTER_KINDS, kindTitleKey, type CharterKind } from './kinds.js';
import { CharterTextBody, SummaryNote, VersionLine, diffHref, summaryIn } from './charter-text.js';
import { charterText } from './store.js';
import { DataTable } from '../ui/data-table.js';

export function CharterIndexPage({ ctx, current }: { ctx: PageCtx; current: Record<CharterKind, CharterVersion | null> }) {
  const { t } = ctx;
  return (
    <>
      <h1>{t('charters.index.title')}</h1>
      <p class="lead">{t('charters.index.lead')}</p>
      <ul class="cards charter-cards">
        {CHARTER_KINDS.map((kind) => {
          const charter = current[kind];
          return (
            <li class="card">
              <h2>
                <a href={`/charters/${kind}`}>{t(kindTitleKey(kind))}</a>
              </h2>
              <p>{t(kind === 'anonymous' ? 'charters.kind.anonymous.intro' : 'charters.kind.member.intro')}</p>
              {charter ? (
                <>
                  <VersionLine ctx={ctx} charter={charter} />
                  <p>
                    <a href={`/charters/${kind}`}>{t('charters.read')}</a> · <a href={`/charters/${kind}/versions`}>{t('charters.versionsLink')}</a>
                  </p>
                </>
              ) : (
                <p class="meta">{t('charters.notPublished')}</p>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** One version of a charter; `current` is the version in force, to say when this one was replaced. */
export function CharterPage({ ctx, charter, current, isCurrentUrl }: { ctx: PageCtx; charter: CharterVersion; current: CharterVersion; isCurrentUrl: boolean }) {
  const { t } = ctx;
  const kind = charter.kind;
  const title = isCurrentUrl ? t(kindTitleKey(kind)) : t('charters.version.title', { charter: t(kindTitleKey(kind)), version: charter.version });
  return (
    <article>
      <h1>{title}</h1>
      <VersionLine ctx={ctx} charter={charter} />
      {charter.version < current.version && (
        <p class="flash">
          {t('charters.superseded', { version: current.version })} <a href={`/charters/${kind}`}>{t('charters.readCurrent')}</a>
        </p>
      )}
      <SummaryNote ctx={ctx} charter={charter} />
      <p>
        {charter.version > 1 && (
          <>
            <a href={diffHref(kind, charter.version - 1, charter.version)}>{t('charters.compareWithPrevious', { version: charter.version - 1 })}</a> ·{' '}
          </>
        )}
        <a href={`/charters/${kind}/versions`}>{t('charters.versionsLink')}</a>
      </p>
      <CharterTextBody ctx={ctx} text={charterText(charter, ctx.lang)} />
    </article>
  );
}

export function NotPublishedPage({ ctx, kind }: { ctx: PageCtx; kind: CharterKind }) {
  return (
    <>
      <h1>{ctx.t(kindTitleKey(kind))}</h1>
      <p class="lead">{ctx.t('charters.notPublished')}</p>
      <p>{ctx.t('charters.notPublishedText')}</p>
      <p>
        <a href="/charters">{ctx.t('charters.allCharters')}</a>
      </p>
    </>
  );
}

export function VersionsPage({ ctx, kind, versions }: { ctx: PageCtx; kind: CharterKind; versions: CharterVersion[] }) {
  const { t } = ctx;
  return (
    <>
      <h1>{t('charters.versions.title', { charter: t(kindTitleKey(kind)) })}</h1>
      {versions.length === 0 ? (
        <p>{t('charters.notPublished')}</p>
      ) : (
        <>
          <VersionsTable ctx={ctx} kind={kind} versions={versions} />
          {versions.length > 1 && (
            <p>
              <a href={`/charters/${kind}/diff`}>{t('charters.versions.compare')}</a>
            </p>
          )}
        </>
      )}
      <p>
        <a href="/charters">{t('charters.allCharters')}</a>
      </p>
    </>
  );
}

/** The versions of a charter, newest first, with links to read each and to its differences. */
export function VersionsTable({ ctx, kind, versions, showAuthor = false }: { ctx: PageCtx; kind: CharterKind; versions: CharterVersion[]; showAuthor?: boolean }) {
  const { t } = ctx;
  return (
    <DataTable
      headers={[
        t('charters.versions.version'),
        t('charters.versions.date'),
        t('charters.versions.summary'),
        ...(showAuthor ? [t('charters.admin.publishedBy')] : []),
        t('charters.versions.links'),
      ]}
    >
      {versions.map((v) => (
        <tr>
          <td>{v.version}</td>
          <td><When ctx={ctx} at={v.publishedAt} style="dateTime" /></td>
          <td>{summaryIn(v, ctx.lang)}</td>
          {showAuthor && <td>{v.publishedBy}</td>}
          <td>
            <a href={`/charters/${kind}/v/${v.version}`}>{t('charters.versions.read', { version: v.version })}</a>
            {v.version > 1 && (
              <>
                <br />
                <a href={diffHref(kind, v.version - 1, v.version)}>{t('charters.versions.diff', { version: v.version - 1 })}</a>
              </>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
