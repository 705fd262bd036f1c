// The new-account form (setup, signup, invitation): username, display name, password twice, and the
// member charter checkbox when one is published.
import type { ComponentChildren } from 'preact';
import type { PageCtx } from '../../server/page-context.js';
import type { CharterVersion } from '../charters/store.js';
import type { AccountFormValues } from './new-account.js';
import { MAX_DISPLAY_NAME } from './members.js';
import { MAX_PASSWORD, MIN_PASSWORD } from './passwords.js';
import { FormError } from './ui.js';

export interface AccountFormProps {
  ctx: PageCtx;
  title: string;
  intro?: ComponentChildren;
  action: string;
  values: AccountFormValues;
  error: string | null;
  charter: CharterVersion | null;
  submit: string;
}

export function AccountFormPage({ ctx, title, intro, action, values, error, charter, submit }: AccountFormProps) {
  const { t } = ctx;
  return (
    <section class="account-form">
      <h1>{title}</h1>
      {intro}
      <FormError message={error} />
      <form method="post" action={action} class="stack">
        <input type="hidden" name="_csrf" value={ctx.csrf()} />
        {values.next && <input type="hidden" name="next" value={values.next} />}
        <div>
          <label for="username">
            {t('accounts.field.username')} <span class="hint">{t('accounts.field.usernameHint')}</span>
          </label>
          <input id="username" name="username" type="text" required maxLength={40} autocomplete="username" autocapitalize="none" spellcheck={false} value={values.username} />
        </div>
        <div>
          <label for="display_name">
            {t('accounts.field.displayName')} <span class="hint">{t('accounts.field.displayNameHint')}</span>
          </label>
          <input id="display_name" name="display_name" type="text" maxLength={MAX_DISPLAY_NAME} autocomplete="nickname" value={values.displayName} />
        </div>
        <PasswordPair ctx={ctx} />
        {charter && <CharterCheck ctx={ctx} charter={charter} />}
        <p>
          <button type="submit">{submit}</button>
        </p>
      </form>
    </section>
  );
}

/** A new password and its confirmation. */
export function PasswordPair({ ctx }: { ctx: PageCtx }) {
  const { t } = ctx;
  return (
    <>
      <div>
        <label for="password">
          {t('accounts.field.newPassword')} <span class="hint">{t('accounts.field.passwordHint', { min: MIN_PASSWORD })}</span>
        </label>
        <input id="password" name="password" type="password" required minLength={MIN_PASSWORD} maxLength={MAX_PASSWORD} autocomplete="new-password" />
      </div>
      <div>
        <label for="password2">{t('accounts.field.password2')}</label>
        <input id="password2" name="password2" type="password" required minLength={MIN_PASSWORD} maxLength={MAX_PASSWORD} autocomplete="new-password" />
      </div>
    </>
  );
}

/** "I have read and accept the member charter (version N)", with its summary and a link to it. */
export function CharterCheck({ ctx, charter }: { ctx: PageCtx; charter: CharterVersion }) {
  const { t } = ctx;
  return (
    <fieldset class="charter-check">
      <legend>{t('accounts.charter.legend')}</legend>
      {charter.summary && <p>{charter.summary}</p>}
      <p>
        <a href="/charters/member" target="_blank" rel="noopener">
          {t('accounts.charter.read', { version: charter.version })}
        </a>
      </p>
      <input type="hidden" name="charter_version" value={String(charter.version)} />
      <label class="check" for="charter">
        <input id="charter" name="charter" type="checkbox" value="yes" required />
        <span>{t('accounts.charter.accept', { version: charter.version })}</span>
      </label>
    </fieldset>
  );
}
