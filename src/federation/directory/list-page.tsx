// SPDX-License-Identifier: AGPL-3.0-or-later
// The list of chatons with its filters: a plain GET form, so it works without JavaScript.
import type { PageCtx } from '../../server/page-context.js';
import { CONDITIONS, MEMBERSHIPS, ORG_TYPES, filtersQuery, type Filters, type Condition } from './filters.js';
import type { Facets, ListResult } from './query.js';
import { ConditionBadge, countryName, kindLabel, membershipLabel, typeLabel } from './labels.js';
import { DirectoryNav } from './nav.js';
import { LINK_REL } from '../../markup/allow-list.js';
import type { Near } from './near.js';
import { NearNotice } from './towns.js';

const CONDITION_KEYS = { none: 'directory.cond.none', free: 'directory.cond.free', members: 'directory.cond.members', paid: 'directory.cond.paid' } as const;

export function FilterForm({ ctx, f, facets }: { ctx: PageCtx; f: Filters; facets: Facets }) {
  const { t, lang } = ctx;
  return (
    <form method="get" action="/directory" class="filters" role="search" aria-label={t('directory.filters')}>
      <div>
        <label for="f-q">{t('directory.f.q')}</label>
        <input type="search" id="f-q" name="q" value={f.q} maxLength={200} />
      </div>
      <div>
        <label for="f-kind">{t('directory.f.kind')}</label>
        <select id="f-kind" name="kind">
          <option value="">{t('directory.f.any')}</option>
          {facets.kinds.map((k) => (
            <option value={k} selected={k === f.kind}>{kindLabel(t, k)}</option>
          ))}
        </select>
      </div>
      <div>
        <label for="f-software">{t('directory.f.software')}</label>
        <select id="f-software" name="software">
          <option value="">{t('directory.f.any')}</option>
          {facets.software.map((s) => (
            <option value={s} selected={s.toLowerCase() === f.software.toLowerCase()}>{s}</option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>{t('directory.f.conditions')}</legend>
        {(Object.keys(CONDITIONS) as Condition[]).map((c) => (
          <label class="check" for={`f-c-${c}`}>
            <input type="checkbox" id={`f-c-${c}`} name="conditions" value={c} checked={f.conditions.includes(c)} />
            {t(CONDITION_KEYS[c])}
          </label>
        ))}
      </fieldset>
      <div>
        <label for="f-country">{t('directory.f.country')}</label>
        <select id="f-country" name="country">
          <option value="">{t('directory.f.any')}</option>
          {facets.countries.map((c) => (
            <option value={c} selected={c === f.country}>{countryName(c, lang)}</option>
          ))}
        </select>
      </div>
      <div>
        <label for="f-type">{t('directory.f.type')}</label>
        <select id="f-type" name="type">
          <option value="">{t('directory.f.any')}</option>
          {ORG_TYPES.map((ty) => (
            <option value={ty} selected={ty === f.type}>{typeLabel(t, ty)}</option>
          ))}
        </select>
      </div>
      <div>
        <label for="f-status">{t('directory.f.status')}</label>
        <select id="f-status" name="status">
          <option value="">{t('directory.f.any')}</option>
          {MEMBERSHIPS.map((m) => (
            <option value={m} selected={m === f.status}>{t(`directory.status.${m}`)}</option>
          ))}
        </select>
      </div>
      <div class="place-field">
        <label for="f-place">{t('directory.f.place')}</label>
        <span class="hint" id="f-place-hint">{t('directory.f.placeHint')}</span>
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
        <input type="hidden" name="lat" id="f-lat" value={f.lat === null ? '' : String(f.lat)} />
        <input type="hidden" name="lon" id="f-lon" value={f.lon === null ? '' : String(f.lon)} />
        <button type="button" class="secondary near-me" hidden data-error={t('directory.f.nearMeError')}>{t('directory.f.nearMe')}</button>
      </div>
      <p class="actions">
        <button type="submit">{t('directory.f.submit')}</button> <a href="/directory">{t('directory.f.reset')}</a>
      </p>
    </form>
  );
}

export function ListPage({ ctx, f, facets, result, near }: { ctx: PageCtx; f: Filters; facets: Facets; result: ListResult; near: Near }) {
  const { t, lang } = ctx;
  return (
    <>
      <h1>{t('directory.list.title')}</h1>
      <DirectoryNav ctx={ctx} />
      <p class="lead">{t('directory.list.lead')}</p>
      <p class="to-results">
        <a href="#results-title">{t('directory.list.toResults', { n: result.total })}</a>
      </p>
      <div class="directory">
        <FilterForm ctx={ctx} f={f} facets={facets} />
        <section aria-labelledby="results-title" class="results">
          <h2 id="results-title" aria-live="polite">{t('directory.list.count', { n: result.total })}</h2>
          <NearNotice ctx={ctx} f={f} near={near} />
          {result.items.length === 0 ? (
            <p>{t('directory.list.none')}</p>
          ) : (
            <ul class="cards dir-results">
              {result.items.map(({ org, services, distanceKm }) => (
                <li class="card">
                  <h3><a href={`/directory/c/${org.slug}`}>{org.name}</a></h3>
                  <p class="meta">
                    {[org.address || countryName(org.country_code, lang), typeLabel(t, org.type), membershipLabel(t, org.memberof_level)].filter(Boolean).join(' · ')}
                    {distanceKm !== null && <> · {t('directory.list.distance', { km: Math.round(distanceKm) })}</>}
                  </p>
                  {services.length > 0 && (
                    <ul class="dir-services">
                      {services.slice(0, 8).map((s) => (
                        <li>
                          {s.website ? <a href={s.website} rel={LINK_REL}>{s.name || s.software_name}</a> : s.name || s.software_name}{' '}
                          <span class="muted">({s.software_name || kindLabel(t, s.kind)})</span> <ConditionBadge t={t} registration={s.registration} />
                        </li>
                      ))}
                      {services.length > 8 && <li><a href={`/directory/c/${org.slug}`}>{t('directory.list.more', { n: services.length - 8 })}</a></li>}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          )}
          {result.pages > 1 && (
            <nav class="pager" aria-label={t('directory.list.pages')}>
              {result.page > 1 && <a href={`/directory${filtersQuery(f, { page: result.page - 1 })}`} rel="prev">{t('directory.list.prev')}</a>}
              <span>{t('directory.list.page', { page: result.page, pages: result.pages })}</span>
              {result.page < result.pages && <a href={`/directory${filtersQuery(f, { page: result.page + 1 })}`} rel="next">{t('directory.list.next')}</a>}
            </nav>
          )}
          <p class="muted">
            {t('directory.list.exports')} <a href={`/api/directory${filtersQuery(f, { page: 1 })}`}>JSON</a> · <a href="/api/directory/geojson">GeoJSON</a> · <a href="/api/directory/csv">CSV</a>
          </p>
          <p class="muted">
            {t('directory.list.townsCredit')}{' '}
            <a href="https://www.geonames.org/" rel={LINK_REL}>GeoNames</a> (<a href="https://creativecommons.org/licenses/by/4.0/" rel={LINK_REL}>CC BY 4.0</a>)
          </p>
        </section>
      </div>
    </>
  );
}
