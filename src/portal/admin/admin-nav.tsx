// The admin area's navigation, on every admin page.
import type { PageCtx } from '../../server/page-context.js';

const LINKS = [
  ['/admin', 'admin.nav.dashboard'],
  ['/admin/services', 'admin.nav.services'],
  ['/admin/charters', 'admin.nav.charters'],
  ['/admin/members', 'admin.nav.members'],
  ['/admin/groups', 'admin.nav.groups'],
  ['/admin/invitations', 'admin.nav.invitations'],
  ['/admin/audit', 'admin.nav.audit'],
  ['/admin/chatonsinfos', 'directory.admin.nav'],
  ['/drop/admin', 'drop.admin.nav'],
] as const;

export function AdminNav({ ctx }: { ctx: PageCtx }) {
  const here = ctx.path.split('?')[0];
  return (
    <nav class="admin-nav" aria-label={ctx.t('admin.nav.label')}>
      <ul>
        {LINKS.map(([href, key]) => (
          <li>
            <a href={href} aria-current={here === href ? 'page' : undefined}>
              {ctx.t(key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
