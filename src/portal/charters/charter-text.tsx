// Pieces shared by the charter pages: the rendered text, the version line, the summary.
import { When, tWith } from '../ui/when.js';
import type { PageCtx } from '../../server/page-context.js';
import { renderCharterHtml, type CharterVersion } from './store.js';

/** The charter's sanitized HTML (renderCharterHtml strips scripts, styles, frames and handlers); its
 * headings start at <h{topLevel}>, below the page's own. */
export function CharterBody({ md, topLevel = 2 }: { md: string; topLevel?: number }) {
  return <div class="charter" dangerouslySetInnerHTML={{ __html: renderCharterHtml(md, topLevel) }} />;
}

export function VersionLine({ ctx, charter }: { ctx: PageCtx; charter: CharterVersion }) {
  return <p class="meta">{tWith(ctx, 'charters.current', { version: charter.version, date: <When ctx={ctx} at={charter.publishedAt} /> })}</p>;
}

export function SummaryNote({ ctx, charter }: { ctx: PageCtx; charter: CharterVersion }) {
  return (
    <p class="summary">
      <strong>{ctx.t('charters.summaryLabel')}</strong> {charter.summary}
    </p>
  );
}

export function diffHref(kind: string, from: number, to: number): string {
  return `/charters/${kind}/diff?from=${from}&to=${to}`;
}
