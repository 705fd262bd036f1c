// SPDX-License-Identifier: AGPL-3.0-or-later
// The crawl report: when the federation was last crawled, whether the crawl was cut, and every file
// with errors, including those refused from the directory, with the validator's findings.
import { When, tWith } from '../../portal/ui/when.js';
import type { PageCtx } from '../../server/page-context.js';
import type { FileIssue } from '../crawler/store.js';
import { DirectoryNav } from './nav.js';
import { IssueList, errorText } from './issues.js';
import type { FileRow } from './chaton-page.js';

export interface ReportFile extends Pick<FileRow, 'url' | 'kind' | 'last_error' | 'last_error_at' | 'last_checked_at' | 'last_success_at' | 'issues'> {
  /** The chaton the file belongs to, when it is in the directory. */
  chaton: { slug: string; name: string } | null;
  /** For organization and service files: whether the directory shows them. */
  published: boolean | null;
}

export interface CrawlReport { lastCrawlAt: number | null; cuts: FileIssue[]; files: ReportFile[]; limit: number }

function issuesOf(json: string): FileIssue[] {
  try {
    return JSON.parse(json) as FileIssue[];
  } catch {
    return [];
  }
}

export function ReportPage({ ctx, report }: { ctx: PageCtx; report: CrawlReport }) {
  const { t } = ctx;
  return (
    <>
      <h1>{t('directory.report.title')}</h1>
      <DirectoryNav ctx={ctx} />
      <p class="lead">{t('directory.report.lead')}</p>
      <p>{report.lastCrawlAt === null ? t('directory.report.never') : tWith(ctx, 'directory.report.lastCrawl', { date: <When ctx={ctx} at={report.lastCrawlAt} style="dateTime" /> })}</p>
      {report.cuts.length > 0 && (
        <>
          <h2>{t('directory.report.cut')}</h2>
          <IssueList ctx={ctx} issues={report.cuts} />
        </>
      )}
      <h2>{t('directory.report.files', { n: report.files.length })}</h2>
      {report.files.length === 0 && <p class="flash">{t('directory.report.none')}</p>}
      {report.files.length >= report.limit && <p>{t('directory.report.more', { n: report.limit })}</p>}
      {report.files.map((f) => (
        <details class="problem">
          <summary>
            <code class="link">{f.url}</code>{' '}
            {f.chaton && <a href={`/directory/c/${f.chaton.slug}`}>{f.chaton.name}</a>}{' '}
            {f.published === false && <span class="badge">{t('directory.report.refused')}</span>}
          </summary>
          {f.last_error && (
            <p class="form-error">
              {tWith(ctx, 'directory.chaton.lastError', { date: <When ctx={ctx} at={f.last_error_at ?? f.last_checked_at} style="dateTime" />, error: errorText(ctx, f.last_error) })}
              {f.last_success_at && <> {tWith(ctx, 'directory.chaton.lastSuccess', { date: <When ctx={ctx} at={f.last_success_at} style="dateTime" /> })}</>}
            </p>
          )}
          <IssueList ctx={ctx} issues={issuesOf(f.issues)} limit={30} />
        </details>
      ))}
    </>
  );
}
