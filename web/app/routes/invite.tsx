import { type LoaderFunctionArgs, data } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import type { Role } from '@seedline/db';
import { acceptInvitation, invitationWaiting } from '../auth/invitations.server.ts';
import { setPasswordSchema } from '../auth/member-forms.ts';
import { startSession } from '../auth/session.server.ts';
import { db } from '../db.server.ts';
import { formAction } from '../forms/form-action.server.ts';
import { formHeaders } from '../forms/form-headers.ts';
import { useFormResult } from '../forms/form-result.ts';
import type { CatalogHandle } from '../i18n/i18n.ts';
import { pageTitle, useI18n } from '../i18n/i18n.ts';
import { members } from '../i18n/messages/members.ts';
import { Field } from '../ui/field.tsx';
import { FormError } from '../ui/form-error.tsx';

export const handle: CatalogHandle = { messages: [members] };
export const meta = pageTitle('title.invite');
export const headers = formHeaders;

// The link an admin's invitation mails (auth/invitations.server.ts). Opening it only shows the
// form (mail scanners open links too); the password typed here is the account's, and the link is
// spent by it.

export async function loader({ params }: LoaderFunctionArgs) {
  const user = await invitationWaiting(db(), params.token ?? '', new Date());
  return data({ invitee: user ? { name: user.name, email: user.email } : null }, { status: user ? 200 : 404 });
}

const home: Record<Role, string> = { BUYER: '/account', FARMER: '/farm', STAFF: '/coop', ADMIN: '/coop' };

export const action = formAction(setPasswordSchema, async ({ password }, { params }) => {
  const user = await acceptInvitation(db(), params.token ?? '', password, new Date());
  return startSession(user.id, home[user.role]);
});

export default function Invite() {
  const { invitee } = useLoaderData<typeof loader>();
  const form = useFormResult<typeof setPasswordSchema>();
  const { t } = useI18n();
  if (!invitee || form.formError) {
    return (
      <section className="narrow">
        <h1>{t('invite.linkTitle')}</h1>
        {form.formError ? <FormError form={form} /> : <p role="alert">{t('INVITE_LINK_INVALID')}</p>}
        <p>
          <Link to="/login">{t('nav.login')}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>{t('invite.title', { name: invitee.name })}</h1>
      <p>{t('invite.intro', { email: invitee.email })}</p>
      <Form method="post" noValidate>
        <Field
          form={form}
          name="password"
          label="invite.password"
          description="invite.passwordHint"
          type="password"
          autoComplete="new-password"
          required
        />
        <Field form={form} name="confirm" label="invite.confirm" type="password" autoComplete="new-password" required />
        <button type="submit">{t('invite.submit')}</button>
      </Form>
    </section>
  );
}
