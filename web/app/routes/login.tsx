import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useSearchParams } from '@remix-run/react';
import { loginSchema } from '../auth/forms.ts';
import { logIn } from '../auth/login.server.ts';
import { safeRedirect } from '../auth/redirect.ts';
import { redirectIfSignedIn, startSession } from '../auth/session.server.ts';
import { db } from '../db.server.ts';
import { formAction, invalid } from '../forms/form-action.server.ts';
import { formHeaders } from '../forms/form-headers.ts';
import { useFormResult } from '../forms/form-result.ts';
import { type CatalogHandle, pageTitle, useI18n } from '../i18n/i18n.ts';
import { account } from '../i18n/messages/account.ts';
import { Field } from '../ui/field.tsx';
import { FormError } from '../ui/form-error.tsx';

// Log-in and sign-up texts come with these pages, not with every page (root-messages.ts).
export const handle: CatalogHandle = { messages: [account] };

export const meta = pageTitle('title.login');
export const headers = formHeaders;

export const loader = ({ request }: LoaderFunctionArgs) => redirectIfSignedIn(request);

export const action = formAction(loginSchema, async ({ email, password, redirectTo }, args) => {
  const userId = await logIn(db(), { email, password, clientAddress: args.context.clientAddress ?? 'unknown' });
  if (userId) return startSession(userId, safeRedirect(redirectTo, '/'));
  // One answer for an unknown email and a wrong password: the form does not reveal who has an account.
  return invalid(args, { formError: { key: 'errors.credentials' } });
});

export default function Login() {
  const form = useFormResult<typeof loginSchema>();
  const [searchParams] = useSearchParams();
  const { t } = useI18n();
  return (
    <section className="narrow">
      <h1>{t('auth.loginTitle')}</h1>
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        <FormError form={form} />
        <Field form={form} name="email" label="auth.email" type="email" autoComplete="email" required />
        <Field
          form={form}
          name="password"
          label="auth.password"
          type="password"
          autoComplete="current-password"
          required
        />
        <button type="submit">{t('auth.loginSubmit')}</button>
      </Form>
      <p>
        {t('auth.noAccount')} <Link to="/signup">{t('nav.signup')}</Link>
      </p>
    </section>
  );
}
