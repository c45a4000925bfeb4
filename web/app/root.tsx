import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node';
import {
  Form,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react';
import type { ReactNode } from 'react';
import { mayOpen } from './auth/areas.ts';
import { currentUser } from './auth/session.server.ts';
import { db } from './db.server.ts';
import { revalidateUnlessKept } from './forms/kept-on-phone.ts';
import { type CatalogHandle, type Locale, useI18n } from './i18n/i18n.ts';
import { localeOf } from './i18n/locale.server.ts';
import { rootCatalogs } from './i18n/root-messages.ts';
import { cartCount } from './shop/cart.server.ts';
import { useNonce } from './ui/nonce.tsx';
import stylesheet from './ui/styles.css?url';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
  // Installable on a phone's home screen (icons rendered at build: vite.config.ts).
  { rel: 'manifest', href: '/manifest.webmanifest' },
  { rel: 'apple-touch-icon', href: '/icons/icon-192.png' },
];

// Every page's texts: the header, errors, the shop and log-in. Areas bring their own (their layouts).
export const handle: CatalogHandle = { messages: rootCatalogs };

// A farm record kept on the phone for lack of a network: nothing to fetch again (the network is gone).
export const shouldRevalidate = revalidateUnlessKept;

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, user, cart] = await Promise.all([localeOf(request), currentUser(request), cartCount(db(), request)]);
  return {
    locale,
    cartCount: cart,
    user: user && {
      name: user.name,
      role: user.role,
      farm: mayOpen(user.role, 'farm'),
      coop: mayOpen(user.role, 'coop'),
    },
  };
}

function Header() {
  const data = useRouteLoaderData<typeof loader>('root');
  const { t, locale } = useI18n();
  const location = useLocation();
  const user = data?.user;
  return (
    <header className="site-header">
      <Link to="/" className="brand">
        {t('site.name')}
      </Link>
      <nav aria-label="main">
        <Link to="/">{t('nav.batches')}</Link>
        <Link to="/cart" className="cart-link">
          {t('nav.cartCount', { count: data?.cartCount ?? 0 })}
        </Link>
        {user?.farm ? <Link to="/farm">{t('nav.farm')}</Link> : null}
        {user?.coop ? <Link to="/coop">{t('nav.coop')}</Link> : null}
        {user ? (
          <>
            <Link to="/account">{t('nav.account')}</Link>
            <Form method="post" action="/logout" className="inline">
              <button type="submit" className="link">
                {t('nav.logout')}
              </button>
            </Form>
          </>
        ) : (
          <>
            <Link to="/login">{t('nav.login')}</Link>
            <Link to="/signup">{t('nav.signup')}</Link>
          </>
        )}
        <Form method="post" action="/lang" className="inline">
          <input type="hidden" name="locale" value={locale === 'vi' ? 'en' : 'vi'} />
          <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
          <button type="submit" className="link" lang={locale === 'vi' ? 'en' : 'vi'}>
            {t('nav.language')}
          </button>
        </Form>
      </nav>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root');
  const locale: Locale = data?.locale ?? 'vi';
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#2f6b3a" />
        <Meta />
        <Links />
      </head>
      <body>
        <Header />
        <main>{children}</main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useI18n();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, text] =
    status === 404
      ? [t('errors.notFoundTitle'), t('errors.notFound')]
      : status === 403
        ? [t('errors.forbiddenTitle'), t('errors.forbidden')]
        : [t('errors.serverTitle'), t('errors.server')];
  return (
    <section className="error-page">
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <Link to="/">{t('nav.batches')}</Link>
      </p>
    </section>
  );
}
