import { type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useSearchParams } from '@remix-run/react';
import { signupSchema } from '../auth/forms.ts';
import { redirectIfSignedIn } from '../auth/session.server.ts';
import { requestSignup } from '../auth/signup.server.ts';
import { db } from '../db.server.ts';
import { env } from '../env.server.ts';
import { formAction } from '../forms/form-action.server.ts';
import { formHeaders } from '../forms/form-headers.ts';
import { useFormResult } from '../forms/form-result.ts';
import { type CatalogHandle, pageTitle, useI18n } from '../i18n/i18n.ts';
import { account } from '../i18n/messages/account.ts';
import { localeOf } from '../i18n/locale.server.ts';
import { Field } from '../ui/field.tsx';
import { FormError } from '../ui/form-error.tsx';

// Log-in and sign-up texts come with these pages, not with every page (root-messages.ts).
export const handle: CatalogHandle = { messages: [account] };

export const meta = pageTitle('title.signup');
export const headers = formHeaders;

export const loader = ({ request }: LoaderFunctionArgs) => redirectIfSignedIn(request);

/**
 * Anyone may sign up, always as a buyer (farmer and staff accounts come from an admin). The answer
 * is "check your email" whether or not the address has an account (auth/signup.server.ts).
 */
export const action = formAction(signupSchema, async (form, args) => {
  await requestSignup(db(), form, {
    clientAddress: args.context.clientAddress ?? 'unknown',
    locale: await localeOf(args.request),
    publicUrl: env().PUBLIC_URL,
    now: new Date(),
  });
  return redirect('/signup/sent');
});

export default function Signup() {
  const form = useFormResult<typeof signupSchema>();
  const [searchParams] = useSearchParams();
  const { t } = useI18n();
  return (
    <section className="narrow">
      <h1>{t('auth.signupTitle')}</h1>
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        <FormError form={form} />
        <Field form={form} name="name" label="auth.name" autoComplete="name" required />
        <Field form={form} name="email" label="auth.email" type="email" autoComplete="email" required />
        <Field form={form} name="phone" label="auth.phone" type="tel" autoComplete="tel" />
        <Field form={form} name="password" label="auth.password" type="password" autoComplete="new-password" required />
        <button type="submit">{t('auth.signupSubmit')}</button>
      </Form>
      <p>
        {t('auth.haveAccount')} <Link to="/login">{t('nav.login')}</Link>
      </p>
    </section>
  );
}
