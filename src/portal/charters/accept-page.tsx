// The page where a member accepts the member charter in force: the full text, what changed since the
// version they accepted last, a required checkbox, and what to do if they refuse.
import { When, tWith } from '../ui/when.js';
import type { PageCtx } from '../../server/page-context.js';
import type { MessageKey } from '../../i18n/index.js';
import type { CharterVersion } from './store.js';
import { CharterTextBody, diffHref, summaryIn } from './charter-text.js';
import { charterText } from './store.js';

export interface AcceptPageProps {
  ctx: PageCtx;
  charter: CharterVersion;
  /** The last version the member accepted (null: never), and the versions published since. */
  lastAccepted: number | null;
  since: CharterVersion[];
  next: string;
  error?: MessageKey;
}

export function AcceptPage({ ctx, charter, lastAccepted, since, next, error }: AcceptPageProps) {
  const { t } = ctx;
  return (
    <>
      <h1>{t('charters.accept.title')}</h1>
      {error && (
        <p class="form-error" role="alert">
          {t(error)}
        </p>
      )}
      <p class="lead">{tWith(ctx, 'charters.accept.lead', { version: charter.version, date: <When ctx={ctx} at={charter.publishedAt} /> })}</p>
      {lastAccepted !== null && since.length > 0 && (
        <section aria-labelledby="changes-title">
          <p id="changes-title">{t('charters.accept.changed', { version: lastAccepted })}</p>
          <ul>
            {since.map((v) => (
              <li>{t('charters.accept.changeItem', { version: v.version, summary: summaryIn(v, ctx.lang) })}</li>
            ))}
          </ul>
          <p>
            <a href={diffHref(charter.kind, lastAccepted, charter.version)}>{t('charters.accept.diffLink')}</a>
          </p>
        </section>
      )}
      <h2>{t('charters.accept.textHeading')}</h2>
      <CharterTextBody ctx={ctx} text={charterText(charter, ctx.lang)} topLevel={3} />
      <h2>{t('charters.accept.formHeading')}</h2>
      <form method="post" action="/charters/accept" class="stack">
        <input type="hidden" name="_csrf" value={ctx.csrf()} />
        <input type="hidden" name="next" value={next} />
        <input type="hidden" name="version" value={String(charter.version)} />
        <label class="check" for="accept-charter">
          <input type="checkbox" id="accept-charter" name="accept" value="yes" required aria-invalid={error === 'charters.accept.required' ? 'true' : undefined} />
          <span>{t('charters.accept.checkbox', { version: charter.version })}</span>
        </label>
        <p>
          <button type="submit">{t('charters.accept.submit')}</button>
        </p>
      </form>
      <h2>{t('charters.accept.refuseTitle')}</h2>
      <p>{t('charters.accept.refuseText')}</p>
      <div class="actions">
        <a class="button secondary" href="/account">
          {t('charters.accept.accountLink')}
        </a>{' '}
        <form method="post" action="/logout" class="inline">
          <input type="hidden" name="_csrf" value={ctx.csrf()} />
          <button type="submit" class="secondary">
            {t('layout.logout')}
          </button>
        </form>
      </div>
    </>
  );
}
