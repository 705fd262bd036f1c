// SPDX-License-Identifier: AGPL-3.0-or-later
// The map of chatons. Without JavaScript it shows a link to the list; with it, web/directory/main.ts
// draws country outlines served by us (no third-party tiles) and clustered markers.
import type { PageCtx } from '../../server/page-context.js';
import { DirectoryNav } from './nav.js';

export function MapPage({ ctx, count }: { ctx: PageCtx; count: number }) {
  const { t, config } = ctx;
  return (
    <>
      <h1>{t('directory.map.title')}</h1>
      <DirectoryNav ctx={ctx} />
      <p class="lead">{t('directory.map.lead', { n: count })}</p>
      <div
        id="dir-map"
        class="dir-map"
        role="region"
        aria-label={t('directory.map.label')}
        data-geojson="/api/directory/geojson"
        data-outlines="/directory/countries.json"
        data-tiles={config.directory.tile_url}
        data-attribution={config.directory.tile_attribution}
        data-more={t('directory.map.more')}
        data-services={t('directory.map.services')}
      >
        <noscript>
          <p>{t('directory.map.noscript')} <a href="/directory">{t('directory.map.toList')}</a></p>
        </noscript>
      </div>
      <p>
        <a href="/directory">{t('directory.map.toList')}</a>
      </p>
    </>
  );
}
