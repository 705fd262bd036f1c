// Admin pages for groups: the list with the creation form, and one group's page.
import type { PageCtx } from '../../server/page-context.js';
import { AdminNav } from '../admin/admin-nav.js';
import { DataTable } from '../ui/data-table.js';
import type { Group } from './groups.js';
import { MAX_GROUP_DESCRIPTION, MAX_GROUP_NAME } from './groups.js';
import type { MemberRow } from './members.js';
import { Flash, FormError } from './ui.js';

export interface GroupValues { name: string; description: string }

function GroupFields({ ctx, values }: { ctx: PageCtx; values: GroupValues }) {
  const { t } = ctx;
  return (
    <>
      <div>
        <label for="name">{t('accounts.groups.name')}</label>
        <input id="name" name="name" type="text" required maxLength={MAX_GROUP_NAME} value={values.name} />
      </div>
      <div>
        <label for="description">
          {t('accounts.groups.description')} <span class="hint">{t('accounts.groups.descriptionHint')}</span>
        </label>
        <textarea id="description" name="description" class="short" maxLength={MAX_GROUP_DESCRIPTION}>
          {values.description}
        </textarea>
      </div>
    </>
  );
}

export interface GroupsPageProps { ctx: PageCtx; groups: Group[]; values: GroupValues; error: string | null; flash: string | null }

export function GroupsPage({ ctx, groups, values, error, flash }: GroupsPageProps) {
  const { t } = ctx;
  return (
    <>
      <AdminNav ctx={ctx} />
      <h1>{t('accounts.groups.title')}</h1>
      <Flash message={flash} />
      <p>{t('accounts.groups.intro')}</p>
      {groups.length === 0 ? (
        <p>{t('accounts.groups.none')}</p>
      ) : (
        <DataTable headers={[t('accounts.groups.name'), t('accounts.groups.description'), t('accounts.groups.members')]}>
          {groups.map((g) => (
            <tr>
              <td>
                <a href={`/admin/groups/${encodeURIComponent(g.id)}`}>{g.name}</a>
              </td>
              <td>{g.description}</td>
              <td>{g.memberCount}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <section aria-labelledby="create-title">
        <h2 id="create-title">{t('accounts.groups.create')}</h2>
        <FormError message={error} />
        <form method="post" action="/admin/groups" class="stack">
          <input type="hidden" name="_csrf" value={ctx.csrf()} />
          <GroupFields ctx={ctx} values={values} />
          <p>
            <button type="submit">{t('accounts.groups.createSubmit')}</button>
          </p>
        </form>
      </section>
    </>
  );
}

export interface GroupPageProps {
  ctx: PageCtx;
  group: Group;
  members: MemberRow[];
  values: GroupValues;
  error: { section: 'edit' | 'delete'; text: string } | null;
  flash: string | null;
}

export function GroupPage({ ctx, group, members, values, error, flash }: GroupPageProps) {
  const { t } = ctx;
  const base = `/admin/groups/${encodeURIComponent(group.id)}`;
  return (
    <>
      <AdminNav ctx={ctx} />
      <p>
        <a href="/admin/groups">{t('accounts.groups.back')}</a>
      </p>
      <h1>{t('accounts.groups.groupTitle', { name: group.name })}</h1>
      <Flash message={flash} />
      <section aria-labelledby="members-title">
        <h2 id="members-title">{t('accounts.groups.members')}</h2>
        {members.length === 0 ? (
          <p>{t('accounts.groups.noMembers')}</p>
        ) : (
          <ul>
            {members.map((m) => (
              <li>
                <a href={`/admin/members/${encodeURIComponent(m.id)}`}>{m.username}</a> ({m.displayName})
              </li>
            ))}
          </ul>
        )}
        <p class="hint">{t('accounts.groups.membersHint')}</p>
      </section>
      <section aria-labelledby="edit-title">
        <h2 id="edit-title">{t('accounts.groups.edit')}</h2>
        <FormError message={error?.section === 'edit' ? error.text : null} />
        <form method="post" action={base} class="stack">
          <input type="hidden" name="_csrf" value={ctx.csrf()} />
          <GroupFields ctx={ctx} values={values} />
          <p>
            <button type="submit">{t('accounts.groups.save')}</button>
          </p>
        </form>
      </section>
      <section aria-labelledby="delete-title">
        <h2 id="delete-title">{t('accounts.groups.delete')}</h2>
        <FormError message={error?.section === 'delete' ? error.text : null} />
        <form method="post" action={`${base}/delete`} class="stack">
          <input type="hidden" name="_csrf" value={ctx.csrf()} />
          <label class="check" for="confirm">
            <input id="confirm" name="confirm" type="checkbox" value="yes" required />
            <span>{t('accounts.groups.deleteConfirm', { name: group.name })}</span>
          </label>
          <p>
            <button type="submit" class="danger">{t('accounts.groups.deleteSubmit')}</button>
          </p>
        </form>
      </section>
    </>
  );
}
