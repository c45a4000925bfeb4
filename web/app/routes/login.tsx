import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useSearchParams } from '@remix-run/react';
import { verifyPassword } from '@seedline/db';
import { fieldErrors, loginSchema } from '../auth/forms.ts';
import { redirectIfSignedIn, safeRedirect, startSession } from '../auth/session.server.ts';
import { db } from '../db.server.ts';
import { badRequest } from '../http.server.ts';
import { useI18n } from '../i18n/i18n.ts';
import { Field } from '../ui/field.tsx';
import { useFormResult } from '../ui/form-result.ts';

export const meta: MetaFunction = () => [{ title: 'Đăng nhập — Seedline' }];

export const loader = ({ request }: LoaderFunctionArgs) => redirectIfSignedIn(request);

export async function action({ request }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  const values = { email: form.email };
  const parsed = loginSchema.safeParse(form);
  if (!parsed.success) return badRequest(fieldErrors(parsed.error), values);
  const user = await db().user.findUnique({
    where: { email: parsed.data.email },
    select: { id: true, passwordHash: true },
  });
  // One answer for an unknown email and a wrong password: the form does not reveal who has an account.
  if (!user || !(await verifyPassword(parsed.data.password, user.passwordHash))) {
    return badRequest({ form: 'errors.credentials' }, values);
  }
  return startSession(user.id, safeRedirect(form.redirectTo, '/'));
}

export default function Login() {
  const { errors, values } = useFormResult();
  const [searchParams] = useSearchParams();
  const { t } = useI18n();
  return (
    <section className="narrow">
      <h1>{t('auth.loginTitle')}</h1>
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        {errors.form ? (
          <p className="form-error" role="alert">
            {t('errors.credentials')}
          </p>
        ) : null}
        <Field
          name="email"
          label="auth.email"
          type="email"
          autoComplete="email"
          defaultValue={values.email}
          error={errors.email}
          required
        />
        <Field
          name="password"
          label="auth.password"
          type="password"
          autoComplete="current-password"
          error={errors.password}
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
