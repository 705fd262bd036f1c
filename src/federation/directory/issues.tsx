// SPDX-License-Identifier: AGPL-3.0-or-later
// Validation issues in the reader's language: a sentence per code, with line and key.
import type { PageCtx } from '../../server/page-context.js';
import type { MessageKey } from '../../i18n/index.js';
import { fr } from '../../i18n/messages/directory.js';

export interface ShownIssue { level: 'error' | 'warning'; code: string; message: string; line?: number; key?: string; params?: Record<string, string> }

export function issueText(ctx: PageCtx, issue: ShownIssue): string {
  const key = `directory.issue.${issue.code}`;
  if (!(key in fr)) return issue.message;
  return ctx.t(key as MessageKey, { value: '', ...issue.params, key: issue.key ?? '', message: issue.message });
}

/** A file's last error (`code: detail`) as a sentence in the reader's language, when its code is known. */
export function errorText(ctx: PageCtx, lastError: string): string {
  const code = lastError.split(':', 1)[0] ?? '';
  const key = `directory.fetch.${code}`;
  return key in fr ? ctx.t(key as MessageKey) : lastError;
}

export function IssueList({ ctx, issues, limit = 200 }: { ctx: PageCtx; issues: ShownIssue[]; limit?: number }) {
  const { t } = ctx;
  if (issues.length === 0) return null;
  return (
    <ul class="issues">
      {issues.slice(0, limit).map((i) => (
        <li class={`issue ${i.level}`}>
          <strong>{t(i.level === 'error' ? 'directory.issue.error' : 'directory.issue.warning')}</strong>
          {i.line !== undefined && <> {t('directory.issue.line', { line: i.line })}</>}
          {i.key && <> <code>{i.key}</code></>}{t('punct.colon')} {issueText(ctx, i)}
        </li>
      ))}
      {issues.length > limit && <li>{t('directory.issue.more', { n: issues.length - limit })}</li>}
    </ul>
  );
}
