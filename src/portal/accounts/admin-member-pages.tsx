// Admin pages for members: the list (with a text filter) and one member's page.
import type { PageCtx } from '../../server/page-context.js';
import { AdminNav } from '../admin/admin-nav.js';
import { DataTable } from '../ui/data-table.js';
import type { MemberRow } from './members.js';
import type { Group } from './groups.js';
import { Flash, FormError, OneTimeLink, DateOrNever } from './ui.js';
import { tWith } from '../ui/when.js';

export function MembersPage({ ctx, members, q, total, flash }: { ctx: PageCtx; members: MemberRow[]; q: string; total: number; flash: string | null }) {
  const { t } = ctx;
  const never = t('accounts.admin.never');
  return (
    <>
      <AdminNav ctx={ctx} />
      <h1>{t('accounts.admin.members')}</h1>
      <Flash message={flash} />
      <form method="get" action="/admin/members" class="stack filter" role="search">
        <div>
          <label for="q">{t('accounts.admin.filter')}</label>
          <input id="q" name="q" type="search" maxLength={100} value={q} />
        </div>
        <p>
          <button type="submit" class="secondary">{t('accounts.admin.filterSubmit')}</button>
        </p>
      </form>
      <p>{t('accounts.admin.count', { shown: members.length, total })}</p>
      {members.length > 0 && (
        <DataTable
          headers={[
            t('accounts.field.username'),
            t('accounts.field.displayName'),
            t('accounts.admin.role'),
            t('accounts.admin.admitted'),
            t('accounts.admin.groups'),
            t('accounts.admin.created'),
            t('accounts.admin.lastLogin'),
          ]}
        >
          {members.map((m) => (
            <tr>
              <td>
                <a href={`/admin/members/${encodeURIComponent(m.id)}`}>{m.username}</a>
              </td>
              <td>{m.displayName}</td>
              <td>{t(m.role === 'admin' ? 'accounts.role.admin' : 'accounts.role.member')}</td>
              <td>{t(m.admitted ? 'accounts.admin.yes' : 'accounts.admin.no')}</td>
              <td>{m.groups.map((g) => g.name).join(', ')}</td>
              <td><DateOrNever ctx={ctx} at={m.createdAt} never={never} /></td>
              <td><DateOrNever ctx={ctx} at={m.lastLoginAt} never={never} /></td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

export type MemberSection = 'role' | 'admit' | 'groups' | 'reset' | 'delete';

export interface MemberPageProps {
  ctx: PageCtx;
  member: MemberRow;
  groups: Group[];
  flash: string | null;
  error: { section: MemberSection; text: string } | null;
  resetUrl: string | null;
  resetHours: number;
}

export function MemberPage({ ctx, member, groups, flash, error, resetUrl, resetHours }: MemberPageProps) {
  const { t } = ctx;
  const base = `/admin/members/${encodeURIComponent(member.id)}`;
  const err = (section: MemberSection) => <FormError message={error?.section === section ? error.text : null} />;
  const mine = new Set(member.groups.map((g) => g.id));
  const csrf = () => <input type="hidden" name="_csrf" value={ctx.csrf()} />;
  return (
    <>
      <AdminNav ctx={ctx} />
      <p>
        <a href="/admin/members">{t('accounts.admin.backToMembers')}</a>
      </p>
      <h1>{t('accounts.admin.memberTitle', { name: member.displayName, username: member.username })}</h1>
      <Flash message={flash} />
      {resetUrl && <OneTimeLink ctx={ctx} url={resetUrl} text={t('accounts.admin.resetLink', { username: member.username, hours: resetHours })} />}
      <ul>
        <li>{tWith(ctx, 'accounts.admin.createdOn', { date: <DateOrNever ctx={ctx} at={member.createdAt} never="" /> })}</li>
        <li>{tWith(ctx, 'accounts.admin.lastLoginOn', { date: <DateOrNever ctx={ctx} at={member.lastLoginAt} never={t('accounts.admin.never')} /> })}</li>
        <li>{member.email ? t('mail.account.current', { email: member.email }) : t('mail.account.none')}</li>
      </ul>

      <section aria-labelledby="role-title">
        <h2 id="role-title">{t('accounts.admin.role')}</h2>
        {err('role')}
        <form method="post" action={`${base}/role`} class="stack">
          {csrf()}
          <div>
            <label for="role">{t('accounts.admin.role')}</label>
            <select id="role" name="role">
              <option value="member" selected={member.role === 'member'}>{t('accounts.role.member')}</option>
              <option value="admin" selected={member.role === 'admin'}>{t('accounts.role.admin')}</option>
            </select>
            <span class="hint">{t('accounts.admin.roleHint')}</span>
          </div>
          <p>
            <button type="submit">{t('accounts.admin.roleSubmit')}</button>
          </p>
        </form>
      </section>

      <section aria-labelledby="admit-title">
        <h2 id="admit-title">{t('accounts.admin.admission')}</h2>
        {err('admit')}
        <p>{t(member.admitted ? 'accounts.admin.isAdmitted' : 'accounts.admin.isNotAdmitted')}</p>
        <form method="post" action={`${base}/admit`}>
          {csrf()}
          <input type="hidden" name="admitted" value={member.admitted ? '0' : '1'} />
          <button type="submit" class={member.admitted ? 'secondary' : undefined}>
            {t(member.admitted ? 'accounts.admin.unadmit' : 'accounts.admin.admit')}
          </button>
        </form>
      </section>

      <section aria-labelledby="groups-title">
        <h2 id="groups-title">{t('accounts.admin.groups')}</h2>
        {err('groups')}
        {groups.length === 0 ? (
          <p>
            {t('accounts.admin.noGroupsYet')} <a href="/admin/groups">{t('accounts.admin.createGroup')}</a>
          </p>
        ) : (
          <form method="post" action={`${base}/groups`} class="stack">
            {csrf()}
            <fieldset>
              <legend>{t('accounts.admin.groupsLegend', { username: member.username })}</legend>
              {groups.map((g) => (
                <label class="check" for={`group-${g.id}`}>
                  <input id={`group-${g.id}`} type="checkbox" name="group" value={g.id} checked={mine.has(g.id)} />
                  <span>{g.name}</span>
                </label>
              ))}
            </fieldset>
            <p>
              <button type="submit">{t('accounts.admin.groupsSubmit')}</button>
            </p>
          </form>
        )}
      </section>

      <section aria-labelledby="reset-title">
        <h2 id="reset-title">{t('accounts.admin.reset')}</h2>
        <p>{t('accounts.admin.resetText', { hours: resetHours })}</p>
        <form method="post" action={`${base}/reset-link`}>
          {csrf()}
          <button type="submit" class="secondary">{t('accounts.admin.resetSubmit')}</button>
        </form>
      </section>

      <section aria-labelledby="delete-title">
        <h2 id="delete-title">{t('accounts.admin.delete')}</h2>
        {err('delete')}
        <form method="post" action={`${base}/delete`} class="stack">
          {csrf()}
          <label class="check" for="confirm">
            <input id="confirm" name="confirm" type="checkbox" value="yes" required />
            <span>{t('accounts.admin.deleteConfirm', { username: member.username })}</span>
          </label>
          <p>
            <button type="submit" class="danger">{t('accounts.admin.deleteSubmit')}</button>
          </p>
        </form>
      </section>
    </>
  );
}
