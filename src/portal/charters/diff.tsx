// Word-level differences between two versions of a charter's Markdown source, shown with <ins>/<del>.
import { lazy } from '../../lazy.js';

// Loaded when a charter diff is first shown.
const diff = lazy<typeof import('diff')>('diff');

export interface DiffPart { kind: 'same' | 'ins' | 'del'; text: string }

/** The word-level differences from `from` to `to`. Gives up after two seconds on huge texts and shows
 * the whole old text removed and the whole new text added instead. */
export function wordDiff(from: string, to: string): DiffPart[] {
  if (from === to) return from ? [{ kind: 'same', text: from }] : [];
  const changes = diff().diffWords(from, to, { timeout: 2000 });
  if (!changes) return [...(from ? [{ kind: 'del' as const, text: from }] : []), ...(to ? [{ kind: 'ins' as const, text: to }] : [])];
  return changes.map((c) => ({ kind: c.added ? 'ins' : c.removed ? 'del' : 'same', text: c.value }));
}

export function DiffView({ parts, label, lang }: { parts: DiffPart[]; label: string; lang?: string | undefined }) {
  return (
    <div class="diff" role="region" aria-label={label} tabIndex={0} lang={lang}>
      {parts.map((p) => (p.kind === 'ins' ? <ins>{p.text}</ins> : p.kind === 'del' ? <del>{p.text}</del> : p.text))}
    </div>
  );
}
