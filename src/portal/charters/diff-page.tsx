// The differences between two versions of a charter, with a form (two selects) that works without JavaScript.
import type { PageCtx } from '../../server/page-context.js';
import { whenText } from '../ui/when.js';
import type { CharterVersion } from './store.js';
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

export function DiffPage({ ctx, kind, versions, pair }: DiffPageProps) {
  const { t } = ctx;
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
          {pair.from.bodyMd === pair.to.bodyMd ? (
            <p>{t('charters.diff.same')}</p>
          ) : (
            <>
              <p class="diff-legend">
                {t('charters.diff.legend')} <ins>{t('charters.diff.added')}</ins>, <del>{t('charters.diff.removed')}</del>
              </p>
              <DiffView parts={wordDiff(pair.from.bodyMd, pair.to.bodyMd)} label={t('charters.diff.label')} />
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
