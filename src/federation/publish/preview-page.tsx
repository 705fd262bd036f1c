// SPDX-License-Identifier: AGPL-3.0-or-later
// Admin preview of the published ChatonsInfos files, each with its validation.
import type { PageCtx } from '../../server/page-context.js';
import type { CheckResult } from '../chatonsinfos/index.js';
import { AdminNav } from '../../portal/admin/admin-nav.js';
import { IssueList } from '../directory/issues.js';
import { WELL_KNOWN } from './files.js';
import { publicUrl } from '../../config/public-url.js';

export function PreviewPage({ ctx, files }: { ctx: PageCtx; files: { name: string; text: string; check: CheckResult }[] }) {
  const { t, config } = ctx;
  const base = publicUrl(config);
  return (
    <>
      <h1>{t('directory.admin.title')}</h1>
      <AdminNav ctx={ctx} />
      <p class="lead">{t('directory.admin.lead')}</p>
      <p>
        {t('directory.admin.register')} <code class="link">{`${base}${WELL_KNOWN}organization.properties`}</code>
      </p>
      {files.map((f) => (
        <section aria-labelledby={`file-${f.name}`}>
          <h2 id={`file-${f.name}`}>
            <a href={`${WELL_KNOWN}${f.name}`}>{f.name}</a>
          </h2>
          <p class={f.check.errors ? 'form-error' : 'flash'}>
            {f.check.errors === 0 && f.check.warnings === 0
              ? t('directory.validate.perfect', { fileClass: f.check.fileClass ?? '?' })
              : t('directory.validate.summary', { fileClass: f.check.fileClass ?? '?', errors: f.check.errors, warnings: f.check.warnings, entries: f.check.document.entries.length })}
          </p>
          <IssueList ctx={ctx} issues={f.check.issues} />
          <pre class="diff">{f.text}</pre>
        </section>
      ))}
    </>
  );
}
