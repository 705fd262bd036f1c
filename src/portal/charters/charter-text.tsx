// Pieces shared by the charter pages: the rendered text, the version line, the summary.
import { When, tWith } from '../ui/when.js';
import type { PageCtx } from '../../server/page-context.js';
import { type Lang } from '../../i18n/index.js';
import { charterText, renderCharterHtml, type CharterText, type CharterVersion } from './store.js';

/** The charter's sanitized HTML (renderCharterHtml strips scripts, styles, frames and handlers); its
 * headings start at <h{topLevel}>, below the page's own. `lang` marks a text in another language than the page's. */
export function CharterBody({ md, topLevel = 2, lang }: { md: string; topLevel?: number; lang?: Lang | undefined }) {
  return <div class="charter" lang={lang} dangerouslySetInnerHTML={{ __html: renderCharterHtml(md, topLevel) }} />;
}

/** The version's text in the reader's language: English when translated, else French with a note saying so. */
export function CharterTextBody({ ctx, text, topLevel = 2 }: { ctx: PageCtx; text: CharterText; topLevel?: number }) {
  return (
    <>
      {text.fallback && <p class="hint">{ctx.t('charters.englishMissing')}</p>}
      <CharterBody md={text.bodyMd} topLevel={topLevel} lang={text.lang === ctx.lang ? undefined : text.lang} />
    </>
  );
}

/** The summary of changes in the reader's language (the French one when not translated). */
export function summaryIn(charter: CharterVersion, lang: Lang): string {
  return charterText(charter, lang).summary;
}

export function VersionLine({ ctx, charter }: { ctx: PageCtx; charter: CharterVersion }) {
  return <p class="meta">{tWith(ctx, 'charters.current', { version: charter.version, date: <When ctx={ctx} at={charter.publishedAt} /> })}</p>;
}

export function SummaryNote({ ctx, charter }: { ctx: PageCtx; charter: CharterVersion }) {
  return (
    <p class="summary">
      <strong>{ctx.t('charters.summaryLabel')}</strong> {summaryIn(charter, ctx.lang)}
    </p>
  );
}

export function diffHref(kind: string, from: number, to: number): string {
  return `/charters/${kind}/diff?from=${from}&to=${to}`;
}
