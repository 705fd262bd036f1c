// /account: my profile, my password, my data, and deleting my account.
import { When, tWith } from '../ui/when.js';
import type { PageCtx } from '../../server/page-context.js';
import type { MemberRow } from './members.js';
import { MAX_DISPLAY_NAME, MAX_EMAIL } from './members.js';
import { MAX_PASSWORD } from './passwords.js';
import { PasswordPair } from './account-form.js';
import { Flash, FormError } from './ui.js';

export interface AccountErrors { profile?: string; email?: string; password?: string; delete?: string }

export interface AccountPageProps {
  ctx: PageCtx;
  member: MemberRow;
  displayName: string;
  /** The address shown in the field (the saved one, or what was typed before a problem). */
  email: string;
  /** E-mail is configured: the hint says what the address is for. */
  mailOn: boolean;
  errors: AccountErrors;
  flash: string | null;
  lastAdmin: boolean;
}

export function AccountPage({ ctx, member, displayName, email, mailOn, errors, flash, lastAdmin }: AccountPageProps) {
  const { t } = ctx;
  return (
    <>
      <h1>{t('accounts.account.title')}</h1>
      <Flash message={flash} />
      {!member.admitted && member.role !== 'admin' && <p class="note">{t('accounts.account.notAdmitted')}</p>}

      <section aria-labelledby="profile-title">
        <h2 id="profile-title">{t('accounts.account.profile')}</h2>
        <ul>
          <li>{t('accounts.account.username', { username: member.username })}</li>
          <li>{t(member.role === 'admin' ? 'accounts.account.roleAdmin' : 'accounts.account.roleMember')}</li>
          <li>{member.groups.length ? t('accounts.account.groups', { groups: member.groups.map((g) => g.name).join(', ') }) : t('accounts.account.noGroups')}</li>
          <li>{tWith(ctx, 'accounts.account.since', { date: <When ctx={ctx} at={member.createdAt} /> })}</li>
        </ul>
        <FormError message={errors.profile ?? null} />
        <form method="post" action="/account/profile" class="stack">
          <input type="hidden" name="_csrf" value={ctx.csrf()} />
          <div>
            <label for="display_name">
              {t('accounts.field.displayName')} <span class="hint">{t('accounts.field.displayNameHint')}</span>
            </label>
            <input id="display_name" name="display_name" type="text" maxLength={MAX_DISPLAY_NAME} autocomplete="nickname" value={displayName} />
          </div>
          <p>
            <button type="submit">{t('accounts.account.saveProfile')}</button>
          </p>
        </form>
      </section>

      <section aria-labelledby="email-title">
        <h2 id="email-title">{t('mail.account.title')}</h2>
        <p>{member.email ? t('mail.account.current', { email: member.email }) : t('mail.account.none')}</p>
        <FormError message={errors.email ?? null} />
        <form method="post" action="/account/email" class="stack">
          <input type="hidden" name="_csrf" value={ctx.csrf()} />
          <div>
            <label for="email">
              {t('mail.forgot.field')} <span class="hint">{t(mailOn ? 'mail.account.hint' : 'mail.account.hintOff')}</span>
            </label>
            <input id="email" name="email" type="email" maxLength={MAX_EMAIL} autocomplete="email" autocapitalize="none" spellcheck={false} value={email} />
          </div>
          <div>
            <label for="email-password">{t('accounts.field.currentPassword')}</label>
            <input id="email-password" name="password" type="password" required maxLength={MAX_PASSWORD} autocomplete="current-password" />
          </div>
          <p>
            <button type="submit">{t('mail.account.submit')}</button>
          </p>
        </form>
      </section>

      <section aria-labelledby="password-title">
        <h2 id="password-title">{t('accounts.account.password')}</h2>
        <FormError message={errors.password ?? null} />
        <form method="post" action="/account/password" class="stack">
          <input type="hidden" name="_csrf" value={ctx.csrf()} />
          <div>
            <label for="current">{t('accounts.field.currentPassword')}</label>
            <input id="current" name="current" type="password" required maxLength={MAX_PASSWORD} autocomplete="current-password" />
          </div>
          <PasswordPair ctx={ctx} />
          <p class="hint">{t('accounts.account.passwordHint')}</p>
          <p>
            <button type="submit">{t('accounts.account.changePassword')}</button>
          </p>
        </form>
      </section>

      <section aria-labelledby="data-title">
        <h2 id="data-title">{t('accounts.account.data')}</h2>
        <p>{t('accounts.account.dataText')}</p>
        <p>
          <a class="button secondary" href="/account/export.json" download>
            {t('accounts.account.download')}
          </a>
        </p>
      </section>

      <section aria-labelledby="delete-title">
        <h2 id="delete-title">{t('accounts.account.delete')}</h2>
        <FormError message={errors.delete ?? null} />
        {lastAdmin ? (
          <p>{t('accounts.account.lastAdmin')}</p>
        ) : (
          <form method="post" action="/account/delete" class="stack">
            <input type="hidden" name="_csrf" value={ctx.csrf()} />
            <p>{t('accounts.account.deleteText')}</p>
            <div>
              <label for="delete-password">{t('accounts.field.confirmPassword')}</label>
              <input id="delete-password" name="password" type="password" required maxLength={MAX_PASSWORD} autocomplete="current-password" />
            </div>
            <p>
              <button type="submit" class="danger">{t('accounts.account.deleteSubmit')}</button>
            </p>
          </form>
        )}
      </section>
    </>
  );
}

export function DeletedPage({ ctx }: { ctx: PageCtx }) {
  return (
    <section>
      <h1>{ctx.t('accounts.deleted.title')}</h1>
      <p>{ctx.t('accounts.deleted.text')}</p>
      <p>
        <a href="/">{ctx.t('refusal.home')}</a>
      </p>
    </section>
  );
}
