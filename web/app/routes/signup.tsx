import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useSearchParams } from '@remix-run/react';
import { hashPassword } from '@seedline/db';
import { fieldErrors, signupSchema } from '../auth/forms.ts';
import { redirectIfSignedIn, safeRedirect, startSession } from '../auth/session.server.ts';
import { db } from '../db.server.ts';
import { badRequest } from '../http.server.ts';
import { useI18n } from '../i18n/i18n.ts';
import { Field } from '../ui/field.tsx';
import { useFormResult } from '../ui/form-result.ts';

export const meta: MetaFunction = () => [{ title: 'Đăng ký — Seedline' }];

export const loader = ({ request }: LoaderFunctionArgs) => redirectIfSignedIn(request);

/** Anyone may sign up, always as a buyer: farmer and staff accounts come from an admin. */
export async function action({ request }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  const values = { name: form.name, email: form.email, phone: form.phone };
  const parsed = signupSchema.safeParse(form);
  if (!parsed.success) return badRequest(fieldErrors(parsed.error), values);
  const { name, email, phone, password } = parsed.data;
  if (await db().user.findUnique({ where: { email }, select: { id: true } })) {
    return badRequest({ email: 'errors.emailTaken' }, values);
  }
  const user = await db().user.create({
    data: { name, email, phone, role: 'BUYER', passwordHash: await hashPassword(password) },
  });
  return startSession(user.id, safeRedirect(form.redirectTo, '/account'));
}

export default function Signup() {
  const { errors, values } = useFormResult();
  const [searchParams] = useSearchParams();
  const { t } = useI18n();
  return (
    <section className="narrow">
      <h1>{t('auth.signupTitle')}</h1>
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        <Field
          name="name"
          label="auth.name"
          autoComplete="name"
          defaultValue={values.name}
          error={errors.name}
          required
        />
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
          name="phone"
          label="auth.phone"
          type="tel"
          autoComplete="tel"
          defaultValue={values.phone}
          error={errors.phone}
        />
        <Field
          name="password"
          label="auth.password"
          type="password"
          autoComplete="new-password"
          error={errors.password}
          required
        />
        <button type="submit">{t('auth.signupSubmit')}</button>
      </Form>
      <p>
        {t('auth.haveAccount')} <Link to="/login">{t('nav.login')}</Link>
      </p>
    </section>
  );
}
