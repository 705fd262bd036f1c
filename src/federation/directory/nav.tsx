// SPDX-License-Identifier: AGPL-3.0-or-later
// Links between the directory's pages.
import type { PageCtx } from '../../server/page-context.js';

const LINKS = [
  ['/directory', 'directory.nav.list'],
  ['/directory/map', 'directory.nav.map'],
  ['/find', 'directory.nav.find'],
  ['/directory/validate', 'directory.nav.validate'],
  ['/directory/report', 'directory.nav.report'],
] as const;

export function DirectoryNav({ ctx }: { ctx: PageCtx }) {
  const here = ctx.path.split('?')[0];
  return (
    <nav class="admin-nav" aria-label={ctx.t('directory.nav.label')}>
      <ul>
        {LINKS.map(([href, key]) => (
          <li><a href={href} aria-current={here === href ? 'page' : undefined}>{ctx.t(key)}</a></li>
        ))}
      </ul>
    </nav>
  );
}
