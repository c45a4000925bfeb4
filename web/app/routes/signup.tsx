import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useSearchParams } from '@remix-run/react';
import { Prisma, hashPassword } from '@seedline/db';
import { signupSchema } from '../auth/forms.ts';
import { safeRedirect } from '../auth/redirect.ts';
import { redirectIfSignedIn, startSession } from '../auth/session.server.ts';
import { db } from '../db.server.ts';
import { formAction, invalid } from '../forms/form-action.server.ts';
import { useFormResult } from '../forms/form-result.ts';
import { pageTitle, useI18n } from '../i18n/i18n.ts';
import { Field } from '../ui/field.tsx';

export const meta = pageTitle('title.signup');

export const loader = ({ request }: LoaderFunctionArgs) => redirectIfSignedIn(request);

/** Anyone may sign up, always as a buyer: farmer and staff accounts come from an admin. */
export const action = formAction(signupSchema, async ({ name, email, phone, password, redirectTo }, args) => {
  const emailTaken = () => invalid(args, { fieldErrors: { email: { key: 'errors.emailTaken' } } });
  if (await db().user.findUnique({ where: { email }, select: { id: true } })) return emailTaken();
  try {
    const user = await db().user.create({
      data: { name, email, phone, role: 'BUYER', passwordHash: await hashPassword(password) },
    });
    return startSession(user.id, safeRedirect(redirectTo, '/account'));
  } catch (error) {
    // Two sign-ups with one email at once: the second meets the unique index.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return emailTaken();
    throw error;
  }
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
