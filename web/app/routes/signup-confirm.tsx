import { type LoaderFunctionArgs, data } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { safeRedirect } from '../auth/redirect.ts';
import { startSession } from '../auth/session.server.ts';
import { confirmSignup, signupWaiting } from '../auth/signup.server.ts';
import { db } from '../db.server.ts';
import { formAction } from '../forms/form-action.server.ts';
import { useFormResult } from '../forms/form-result.ts';
import { type CatalogHandle, pageTitle, useI18n } from '../i18n/i18n.ts';
import { account } from '../i18n/messages/account.ts';
import { FormError } from '../ui/form-error.tsx';

// Log-in and sign-up texts come with these pages, not with every page (root-messages.ts).
export const handle: CatalogHandle = { messages: [account] };

export const meta = pageTitle('title.signupConfirm');

// The link mailed by sign-up. Opening it only asks: mail scanners and link previews open links
// too, and must not make the account. The button (a POST) makes it and signs the buyer in.

export async function loader({ params }: LoaderFunctionArgs) {
  const waiting = await signupWaiting(db(), params.token ?? '', new Date());
  return data({ waiting }, { status: waiting ? 200 : 404 });
}

const confirmSchema = z.object({});

export const action = formAction(confirmSchema, async (_, { params }) => {
  const made = await confirmSignup(db(), params.token ?? '', new Date());
  return startSession(made.userId, safeRedirect(made.redirectTo, '/account'));
});

export default function SignupConfirm() {
  const { waiting } = useLoaderData<typeof loader>();
  const form = useFormResult<typeof confirmSchema>();
  const { t } = useI18n();
  // A link refused on the button (used meanwhile, or its email taken) shows that refusal instead.
  const confirmable = waiting && !form.formError;
  return (
    <section className="narrow">
      <h1>{t(confirmable ? 'signup.confirmTitle' : 'signup.linkTitle')}</h1>
      <FormError form={form} />
      {confirmable ? (
        <Form method="post">
          <p>{t('signup.confirmText')}</p>
          <button type="submit">{t('signup.confirmSubmit')}</button>
        </Form>
      ) : (
        <>
          {form.formError ? null : <p role="alert">{t('SIGNUP_LINK_INVALID')}</p>}
          <p>
            <Link to="/signup">{t('signup.again')}</Link> · <Link to="/login">{t('nav.login')}</Link>
          </p>
        </>
      )}
    </section>
  );
}
