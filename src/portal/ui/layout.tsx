// The frame of every page: skip link, header with the chaton's name, navigation and language switch,
// the anonymous-use notice when it applies, and the footer with the charters.
import type { ComponentChildren } from 'preact';
import type { PageCtx } from '../../server/page-context.js';

export interface LayoutProps {
  ctx: PageCtx;
  title: string;
  children: ComponentChildren;
  /** Shown to anonymous visitors of a public service until dismissed. */
  anonymousNotice?: boolean;
  scripts?: string[];
  styles?: string[];
}

export function Layout({ ctx, title, children, anonymousNotice, scripts = [], styles = [] }: LayoutProps) {
  const { t, lang, member, config } = ctx;
  const other = lang === 'fr' ? 'en' : 'fr';
  const langHref = `/lang/${other}?next=${encodeURIComponent(ctx.path)}`;
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${config.chaton.name}`}</title>
        <link rel="stylesheet" href="/assets/chaton.css" />
        {styles.map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <script type="module" src="/assets/web/dates.js" />
        {scripts.map((src) => (
          <script type="module" src={src} />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          {t('layout.skip')}
        </a>
        <header class="site">
          <a class="brand" href="/">
            {config.chaton.name}
          </a>
          <nav aria-label={t('layout.nav')}>
            <ul>
              <li><a href="/">{t('layout.services')}</a></li>
              <li><a href="/charters">{t('layout.charters')}</a></li>
              {config.directory.enabled && <li><a href="/directory">{t('directory.nav.label')}</a></li>}
              {member?.role === 'admin' && <li><a href="/admin">{t('layout.admin')}</a></li>}
              {member ? (
                <li><a href="/account">{t('layout.account', { name: member.displayName })}</a></li>
              ) : (
                <li><a href={`/login?next=${encodeURIComponent(ctx.path)}`}>{t('layout.login')}</a></li>
              )}
              {member && (
                <li>
                  <form method="post" action="/logout" class="inline">
                    <input type="hidden" name="_csrf" value={ctx.csrf()} />
                    <button type="submit" class="link">{t('layout.logout')}</button>
                  </form>
                </li>
              )}
              <li>
                <a href={langHref} hreflang={other} lang={other} class="lang">
                  {other === 'en' ? 'English' : 'Français'}
                </a>
              </li>
            </ul>
          </nav>
        </header>
        {anonymousNotice && (
          <aside class="notice" aria-label={t('notice.label')}>
            <p>
              {t('notice.text')} <a href="/charters/anonymous">{t('notice.link')}</a>
            </p>
            <a class="dismiss" href={`/notice/dismiss?next=${encodeURIComponent(ctx.path)}`}>
              {t('notice.dismiss')}
            </a>
          </aside>
        )}
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer class="site">
          <p>
            <a href="/charters/anonymous">{t('layout.anonymousCharter')}</a> · <a href="/charters/member">{t('layout.memberCharter')}</a> ·{' '}
            <a href="/.well-known/chatonsinfos/organization.properties">ChatonsInfos</a>
          </p>
          <p>
            {t('layout.freeSoftware')} <a href={ctx.config.chaton.source_url}>{t('layout.sourceCode')}</a>
          </p>
        </footer>
      </body>
    </html>
  );
}
