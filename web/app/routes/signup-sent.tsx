import { Link } from '@remix-run/react';
import { signupLinkHours } from '../auth/signup-link.ts';
import { type CatalogHandle, pageTitle, useI18n } from '../i18n/i18n.ts';
import { account } from '../i18n/messages/account.ts';

// Log-in and sign-up texts come with these pages, not with every page (root-messages.ts).
export const handle: CatalogHandle = { messages: [account] };

export const meta = pageTitle('title.signupSent');

/** Where every sign-up lands, whether the address had an account or not. */
export default function SignupSent() {
  const { t } = useI18n();
  return (
    <section className="narrow">
      <h1>{t('signup.sentTitle')}</h1>
      <p>{t('signup.sent', { hours: signupLinkHours })}</p>
      <p>{t('signup.sentNoMail')}</p>
      <p>
        <Link to="/signup">{t('signup.again')}</Link> · <Link to="/login">{t('nav.login')}</Link>
      </p>
    </section>
  );
}
