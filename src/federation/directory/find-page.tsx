// SPDX-License-Identifier: AGPL-3.0-or-later
// The finder's pages: the kinds one can ask for, and "nothing available" for a kind.
import type { PageCtx } from '../../server/page-context.js';
import { kindLabel } from './labels.js';
import { DirectoryNav } from './nav.js';
import { filtersQuery, parseFilters, type Filters } from './filters.js';
import type { Near } from './near.js';
import { NearNotice } from './towns.js';

/** The query that sends the finder's links near the chosen town or position. */
function nearQuery(f: Filters, near: Near): string {
  if (!near.origin) return '';
  if (near.town) return `?${new URLSearchParams({ place: near.town.name, town: String(near.town.id) }).toString()}`;
  return filtersQuery({ ...parseFilters({}), lat: f.lat, lon: f.lon, place: f.place });
}

export function FindPage({ ctx, kinds, f, near }: { ctx: PageCtx; kinds: { kind: string; count: number }[]; f: Filters; near: Near }) {
  const { t } = ctx;
  const query = nearQuery(f, near);
  return (
    <>
      <h1>{t('directory.find.title')}</h1>
      <DirectoryNav ctx={ctx} />
      <p class="lead">{t('directory.find.lead')}</p>
      <form method="get" action="/find" class="filters find-near" role="search" aria-label={t('directory.find.near')}>
        <div class="place-field">
          <label for="f-place">{t('directory.find.near')}</label>
          <span class="hint" id="f-place-hint">{t('directory.find.nearHint')}</span>
          <input
            type="text"
            id="f-place"
            name="place"
            value={f.place}
            maxLength={100}
            autocomplete="off"
            aria-describedby="f-place-hint"
            data-suggest="/api/directory/towns"
            data-count={t('directory.town.suggestions')}
          />
          <input type="hidden" name="town" id="f-town" value={f.town === null ? '' : String(f.town)} />
        </div>
        <p class="actions">
          <button type="submit">{t('directory.find.nearSubmit')}</button>
        </p>
      </form>
      <NearNotice ctx={ctx} f={f} near={near} path="/find" />
      {kinds.length === 0 ? (
        <p>{t('directory.find.nothing')}</p>
      ) : (
        <ul class="cards">
          {kinds.map(({ kind, count }) => (
            <li class="card">
              <h2><a href={`/find/${kind}${query}`}>{kindLabel(t, kind)}</a></h2>
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
