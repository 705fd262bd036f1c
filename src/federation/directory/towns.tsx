// SPDX-License-Identifier: AGPL-3.0-or-later
// Towns of the gazetteer as people read them ("Saint-Denis (93), France"), as JSON for the suggestions,
// and the choices the list offers: other towns of one name, or "did you mean" when nothing matched.
import type { PageCtx } from '../../server/page-context.js';
import type { Town } from '../gazetteer/gazetteer.js';
import { filtersQuery, type Filters } from './filters.js';
import { countryName } from './labels.js';
import type { Near } from './near.js';

/** What tells towns of one name apart besides the country: the French département, the Swiss canton. */
export function regionOf(t: Town): string {
  if (t.country === 'FR' && /^[0-9][0-9AB]{1,2}$/.test(t.admin2)) return t.admin2;
  if (t.country === 'CH' && /^[A-Z]{2}$/.test(t.admin1)) return t.admin1;
  return '';
}

export function townLabel(t: Town, lang: string): string {
  const region = regionOf(t);
  return `${t.name}${region ? ` (${region})` : ''}, ${countryName(t.country, lang)}`;
}

export function townJson(t: Town, lang: string) {
  return { id: t.id, name: t.name, label: townLabel(t, lang), country: t.country, region: regionOf(t), population: t.population, lat: t.lat, lon: t.lon };
}

/** The link that sorts the list (or the finder, `path`) from `t`, keeping the other filters. */
const townHref = (path: string, f: Filters, t: Town): string => `${path}${filtersQuery(f, { place: t.name, town: t.id, lat: null, lon: null, page: 1 })}`;

function TownLink({ ctx, f, t, path }: { ctx: PageCtx; f: Filters; t: Town; path: string }) {
  return (
    <li>
      <a href={townHref(path, f, t)}>{townLabel(t, ctx.lang)}</a> <span class="muted">{ctx.t('directory.town.population', { n: t.population })}</span>
    </li>
  );
}

/** Under the list's count: from which town it is sorted, the other towns of that name, or "did you mean". */
const WORDS = {
  '/directory': { town: 'directory.list.sortedFromTown', position: 'directory.list.sortedByDistance', unknown: 'directory.list.placeUnknown' },
  '/find': { town: 'directory.find.nearTown', position: 'directory.find.nearPosition', unknown: 'directory.find.placeUnknown' },
} as const;

export function NearNotice({ ctx, f, near, path = '/directory' }: { ctx: PageCtx; f: Filters; near: Near; path?: keyof typeof WORDS }) {
  const { t } = ctx;
  const words = WORDS[path];
  if (near.town) {
    return (
      <>
        <p class="muted">{t(words.town, { town: townLabel(near.town, ctx.lang) })}</p>
        {near.others.length > 0 && (
          <details class="town-others">
            <summary>{t('directory.list.otherTowns', { n: near.others.length, name: near.town.name })}</summary>
            <ul>{near.others.map((o) => <TownLink ctx={ctx} f={f} t={o} path={path} />)}</ul>
          </details>
        )}
      </>
    );
  }
  if (near.origin) return <p class="muted">{t(words.position)}</p>;
  if (!f.place && f.lat === null && f.town === null) return null;
  return (
    <div class="form-error">
      <p>{t(words.unknown, { place: f.place })}</p>
      {near.suggestions.length > 0 && (
        <>
          <p id="did-you-mean">{t('directory.list.didYouMean')}</p>
          <ul aria-labelledby="did-you-mean">{near.suggestions.map((o) => <TownLink ctx={ctx} f={f} t={o} path={path} />)}</ul>
        </>
      )}
    </div>
  );
}
