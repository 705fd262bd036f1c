// The differences between two versions of a charter, with a form (two selects) that works without JavaScript.
import type { PageCtx } from '../../server/page-context.js';
import { whenText } from '../ui/when.js';
import { charterText, type CharterVersion } from './store.js';
import { kindTitleKey, type CharterKind } from './kinds.js';
import { DiffView, wordDiff } from './diff.js';

export interface DiffPageProps {
  ctx: PageCtx;
  kind: CharterKind;
  versions: CharterVersion[];
  /** The two versions compared, or null when there is only one version. */
  pair: { from: CharterVersion; to: CharterVersion } | null;
}

function VersionSelect({ ctx, name, label, versions, selected }: { ctx: PageCtx; name: string; label: string; versions: CharterVersion[]; selected: number }) {
  return (
    <div>
      <label for={`diff-${name}`}>{label}</label>
      <select id={`diff-${name}`} name={name}>
        {versions.map((v) => (
          <option value={String(v.version)} selected={v.version === selected}>
            {ctx.t('charters.diff.optionLabel', { version: v.version, date: whenText(ctx, v.publishedAt) })}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The texts compared: those of the reader's language when both versions have it, else the French ones. */
function comparedTexts(pair: { from: CharterVersion; to: CharterVersion }, lang: DiffPageProps['ctx']['lang']) {
  const from = charterText(pair.from, lang);
  const to = charterText(pair.to, lang);
  if (from.lang === to.lang) return { from: from.bodyMd, to: to.bodyMd, lang: from.lang, fallback: from.fallback };
  return { from: pair.from.bodyMd, to: pair.to.bodyMd, lang: 'fr' as const, fallback: lang !== 'fr' };
}

export function DiffPage({ ctx, kind, versions, pair }: DiffPageProps) {
  const { t } = ctx;
  const texts = pair && comparedTexts(pair, ctx.lang);
  return (
    <>
      <h1>{t('charters.diff.title', { charter: t(kindTitleKey(kind)) })}</h1>
      {!pair ? (
        <p>{t('charters.diff.onlyOne')}</p>
      ) : (
        <>
          <form method="get" action={`/charters/${kind}/diff`} class="stack">
            <VersionSelect ctx={ctx} name="from" label={t('charters.diff.from')} versions={versions} selected={pair.from.version} />
            <VersionSelect ctx={ctx} name="to" label={t('charters.diff.to')} versions={versions} selected={pair.to.version} />
            <p>
              <button type="submit">{t('charters.diff.submit')}</button>
            </p>
          </form>
          <h2>{t('charters.diff.heading', { from: pair.from.version, to: pair.to.version })}</h2>
          <p class="hint">{t('charters.diff.source')}</p>
          {texts!.fallback && <p class="hint">{t('charters.diff.englishMissing')}</p>}
          {texts!.from === texts!.to ? (
            <p>{t('charters.diff.same')}</p>
          ) : (
            <>
              <p class="diff-legend">
                {t('charters.diff.legend')} <ins>{t('charters.diff.added')}</ins>, <del>{t('charters.diff.removed')}</del>
              </p>
              <DiffView parts={wordDiff(texts!.from, texts!.to)} label={t('charters.diff.label')} lang={texts!.lang === ctx.lang ? undefined : texts!.lang} />
            </>
          )}
        </>
      )}
      <p>
        <a href={`/charters/${kind}/versions`}>{t('charters.versionsLink')}</a> · <a href={`/charters/${kind}`}>{t('charters.readCurrent')}</a>
      </p>
    </>
  );
}
