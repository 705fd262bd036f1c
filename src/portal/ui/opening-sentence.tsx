// The one sentence that says who may use a service, from its current opening (never from a module's
// fixed description): the home card, the service's own page and its published ChatonsInfos file.
import type { Translate } from '../../i18n/index.js';
import type { ServiceOpening } from '../policy/openings.js';

export function openingSentence(t: Translate, opening: ServiceOpening): string {
  if (opening.opening === 'members' && opening.groups.length > 0) return t('opening.sentence.membersGroups');
  return t(`opening.sentence.${opening.opening}`);
}

export function OpeningSentence({ t, opening }: { t: Translate; opening: ServiceOpening }) {
  return <p class={`opening-sentence ${opening.opening}`}>{openingSentence(t, opening)}</p>;
}
