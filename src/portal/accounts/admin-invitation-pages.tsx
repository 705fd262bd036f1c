// The admin page for invitations: the creation form, the link just made (shown once), and the list.
import { When, tWith, whenText } from '../ui/when.js';
import type { PageCtx } from '../../server/page-context.js';
import { AdminNav } from '../admin/admin-nav.js';
import { DataTable } from '../ui/data-table.js';
import type { Group } from './groups.js';
import type { Invitation } from './invitations.js';
import { MAX_DAYS, MAX_NOTE } from './invitations.js';
import { MAX_EMAIL } from './members.js';
import { Flash, FormError, OneTimeLink } from './ui.js';

export interface InvitationValues { role: string; groupId: string; note: string; days: string; email: string; lang: string }

export interface InvitationsPageProps {
  ctx: PageCtx;
  invitations: Invitation[];
  groups: Group[];
  values: InvitationValues;
  error: string | null;
  flash: string | null;
  link: { url: string; expiresAt: number; emailedTo: string | null } | null;
  /** E-mail is configured: the form offers to send the invitation. */
  mailOn: boolean;
}

function Status({ ctx, inv }: { ctx: PageCtx; inv: Invitation }) {
  const { t } = ctx;
  switch (inv.status) {
    case 'pending':
      return <>{tWith(ctx, 'accounts.invitations.pendingUntil', { date: <When ctx={ctx} at={inv.expiresAt} style="dateTime" /> })}</>;
    case 'expired':
      return <>{tWith(ctx, 'accounts.invitations.expiredOn', { date: <When ctx={ctx} at={inv.expiresAt} style="dateTime" /> })}</>;
    case 'revoked':
      return <>{tWith(ctx, 'accounts.invitations.revokedOn', { date: <When ctx={ctx} at={inv.usedAt ?? inv.expiresAt} style="dateTime" /> })}</>;
    case 'used':
      return <>{tWith(ctx, 'accounts.invitations.usedBy', { name: inv.usedByName ?? t('accounts.invitations.deletedAccount'), date: <When ctx={ctx} at={inv.usedAt ?? 0} style="dateTime" /> })}</>;
  }
}

export function InvitationsPage({ ctx, invitations, groups, values, error, flash, link, mailOn }: InvitationsPageProps) {
  const { t } = ctx;
  return (
    <>
      <AdminNav ctx={ctx} />
      <h1>{t('accounts.invitations.title')}</h1>
      <Flash message={flash} />
      {link?.emailedTo && <Flash message={t('mail.invitations.queued', { email: link.emailedTo })} />}
      {link && <OneTimeLink ctx={ctx} url={link.url} text={tWith(ctx, 'accounts.invitations.link', { date: <When ctx={ctx} at={link.expiresAt} style="dateTime" /> })} />}
      <p>{t('accounts.invitations.intro')}</p>

      <section aria-labelledby="create-title">
        <h2 id="create-title">{t('accounts.invitations.create')}</h2>
        <FormError message={error} />
        <form method="post" action="/admin/invitations" class="stack">
          <input type="hidden" name="_csrf" value={ctx.csrf()} />
          <div>
            <label for="role">{t('accounts.admin.role')}</label>
            <select id="role" name="role">
              <option value="member" selected={values.role !== 'admin'}>{t('accounts.role.member')}</option>
              <option value="admin" selected={values.role === 'admin'}>{t('accounts.role.admin')}</option>
            </select>
          </div>
          <div>
            <label for="group">{t('accounts.invitations.group')}</label>
            <select id="group" name="group">
              <option value="" selected={values.groupId === ''}>{t('accounts.invitations.noGroup')}</option>
              {groups.map((g) => (
                <option value={g.id} selected={values.groupId === g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="note">
              {t('accounts.invitations.note')} <span class="hint">{t('accounts.invitations.noteHint')}</span>
            </label>
            <input id="note" name="note" type="text" maxLength={MAX_NOTE} value={values.note} />
          </div>
          {mailOn && (
            <>
              <div>
                <label for="email">
                  {t('mail.invitations.email')} <span class="hint">{t('mail.invitations.emailHint')}</span>
                </label>
                <input id="email" name="email" type="email" maxLength={MAX_EMAIL} autocomplete="off" autocapitalize="none" spellcheck={false} value={values.email} />
              </div>
              <div>
                <label for="lang">{t('mail.invitations.lang')}</label>
                <select id="lang" name="lang">
                  <option value="fr" selected={values.lang !== 'en'} lang="fr">Français</option>
                  <option value="en" selected={values.lang === 'en'} lang="en">English</option>
                </select>
              </div>
            </>
          )}
          <div>
            <label for="days">{t('accounts.invitations.days')}</label>
            <input id="days" name="days" type="number" required min={1} max={MAX_DAYS} value={values.days} inputMode="numeric" />
          </div>
          <p>
            <button type="submit">{t('accounts.invitations.createSubmit')}</button>
          </p>
        </form>
      </section>

      <section aria-labelledby="list-title">
        <h2 id="list-title">{t('accounts.invitations.list')}</h2>
        {invitations.length === 0 ? (
          <p>{t('accounts.invitations.none')}</p>
        ) : (
          <DataTable
            headers={[
              t('accounts.invitations.note'),
              t('accounts.admin.role'),
              t('accounts.invitations.group'),
              t('accounts.invitations.createdBy'),
              t('accounts.invitations.status'),
              { class: 'actions', content: <span class="visually-hidden">{t('accounts.invitations.actions')}</span> },
            ]}
          >
            {invitations.map((inv) => (
              <tr class={`invitation ${inv.status}`}>
                <td>{inv.note}</td>
                <td>{t(inv.role === 'admin' ? 'accounts.role.admin' : 'accounts.role.member')}</td>
                <td>{inv.groupName ?? ''}</td>
                <td>
                  {inv.createdBy}, <When ctx={ctx} at={inv.createdAt} />
                </td>
                <td>
                  <Status ctx={ctx} inv={inv} />
                </td>
                <td>
                  {inv.status === 'pending' && (
                    <form method="post" action={`/admin/invitations/${encodeURIComponent(inv.id)}/revoke`}>
                      <input type="hidden" name="_csrf" value={ctx.csrf()} />
                      <button type="submit" class="secondary" aria-label={t('accounts.invitations.revokeLabel', { note: inv.note || whenText(ctx, inv.createdAt, 'dateTime') })}>
                        {t('accounts.invitations.revoke')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </>
  );
}
