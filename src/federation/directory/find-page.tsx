// SPDX-License-Identifier: AGPL-3.0-or-later
// The finder's pages: the kinds one can ask for, and "nothing available" for a kind.
import type { PageCtx } from '../../server/page-context.js';
import { kindLabel } from './labels.js';
import { DirectoryNav } from './nav.js';

export function FindPage({ ctx, kinds }: { ctx: PageCtx; kinds: { kind: string; count: number }[] }) {
  const { t } = ctx;
  return (
    <>
      <h1>{t('directory.find.title')}</h1>
      <DirectoryNav ctx={ctx} />
      <p class="lead">{t('directory.find.lead')}</p>
      {kinds.length === 0 ? (
        <p>{t('directory.find.nothing')}</p>
      ) : (
        <ul class="cards">
          {kinds.map(({ kind, count }) => (
            <li class="card">
              <h2><a href={`/find/${kind}`}>{kindLabel(t, kind)}</a></h2>
              <p class="muted">{t('directory.find.count', { n: count })}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function NoInstancePage({ ctx, kind }: { ctx: PageCtx; kind: string }) {
  const { t } = ctx;
  return (
    <>
      <h1>{t('directory.find.noneTitle', { kind: kindLabel(t, kind) })}</h1>
      <p>{t('directory.find.none')}</p>
      <p>
        <a href={`/directory?kind=${encodeURIComponent(kind)}`}>{t('directory.find.seeList')}</a> · <a href="/find">{t('directory.find.others')}</a>
      </p>
    </>
  );
}
