// The portal's home: who the chaton is, and its services as cards with their opening, status and link.
import type { PageCtx } from '../../server/page-context.js';
import type { ServiceEntry } from '../services/registry.js';
import type { ServiceStatus } from '../services/health.js';
import type { ServiceOpening } from '../policy/openings.js';
import { decideAccess } from '../policy/access.js';
import { pick } from '../../i18n/index.js';
import { OpeningBadge, StatusBadge } from '../ui/badges.js';
import { openingSentence } from '../ui/opening-sentence.js';

export interface HomeCard { entry: ServiceEntry; opening: ServiceOpening; status: ServiceStatus }

export function HomePage({ ctx, cards }: { ctx: PageCtx; cards: HomeCard[] }) {
  const { t, lang, config } = ctx;
  const description = lang === 'fr' ? config.chaton.description_fr || config.chaton.description_en : config.chaton.description_en || config.chaton.description_fr;
  return (
    <>
      <section class="intro">
        <h1>{config.chaton.name}</h1>
        {description && <p class="lead">{description}</p>}
        {config.chaton.place && <p class="place">{t('home.place', { place: config.chaton.place })}</p>}
      </section>
      <section aria-labelledby="services-title">
        <h2 id="services-title">{t('home.services')}</h2>
        {cards.length === 0 ? (
          <p>{t('home.noServices')}</p>
        ) : (
          <ul class="cards">
            {cards.map(({ entry, opening, status }) => {
              const name = pick(entry.name, lang);
              const access = decideAccess(opening, ctx.member);
              const charter = opening.opening === 'public' ? 'anonymous' : 'member';
              return (
                <li class={`card opening-${opening.opening}`}>
                  <h3>
                    {opening.opening === 'closed' && !access.allowed ? name : <a href={entry.href}>{name}</a>}
                  </h3>
                  <p>
                    {pick(entry.description, lang)} {openingSentence(t, opening)}
                  </p>
                  <p class="badges">
                    <OpeningBadge t={t} opening={opening.opening} />
                    {/* One status per card: a closed service has no health to show. */}
                    {opening.opening !== 'closed' && <StatusBadge ctx={ctx} status={status} />}
                  </p>
                  <p class="meta">
                    {entry.software.name && <span>{t('home.software', { name: entry.software.name })} · </span>}
                    <a href={`/charters/${charter}`}>{t(charter === 'anonymous' ? 'home.charterAnonymous' : 'home.charterMember')}</a>
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}
