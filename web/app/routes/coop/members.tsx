import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { isAdmin, requireAdmin } from '../../auth/admin.server.ts';
import { inviteMember } from '../../auth/invitations.server.ts';
import { inviteSchema } from '../../auth/member-forms.ts';
import { memberList } from '../../auth/members.server.ts';
import { farmList } from '../../coop/farms.server.ts';
import { db } from '../../db.server.ts';
import { env } from '../../env.server.ts';
import { formAction } from '../../forms/form-action.server.ts';
import { useFormResult } from '../../forms/form-result.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { localeOf } from '../../i18n/locale.server.ts';
import { Field } from '../../ui/field.tsx';
import { FormError } from '../../ui/form-error.tsx';
import { MemberRoleFields } from '../../ui/member-role-fields.tsx';
import { MemberState } from '../../ui/member-state.tsx';

export const meta = pageTitle('title.members');

export async function loader({ context }: LoaderFunctionArgs) {
  const [members, farms] = await Promise.all([memberList(db()), farmList(db())]);
  return { members, farms: farms.map(({ id, name }) => ({ id, name })), admin: isAdmin(context) };
}

export const action = (args: ActionFunctionArgs) => {
  const admin = requireAdmin(args.context);
  return formAction(
    inviteSchema,
    async (form, { request }) => {
      const context = { invitedById: admin.id, locale: await localeOf(request), publicUrl: env().PUBLIC_URL };
      const userId = await inviteMember(db(), form, { ...context, now: new Date() });
      return redirect(`/coop/members?invited=${userId}#m-${userId}`);
    },
    { fields: { MEMBER_EMAIL_TAKEN: 'email', MEMBER_FARM_UNKNOWN: 'farmId' } },
  )(args);
};

export default function Members() {
  const { members, farms, admin } = useLoaderData<typeof loader>();
  const form = useFormResult<typeof inviteSchema>();
  const [searchParams] = useSearchParams();
  const sending = useNavigation().state === 'submitting';
  const { t } = useI18n();
  const invited = members.find((m) => m.id === searchParams.get('invited'));
  return (
    <section className="members">
      <h1>{t('members.title')}</h1>
      {invited && !form.failed ? (
        <p role="status" className="done">
          {t('members.invitedDone', { name: invited.name, email: invited.email })}
        </p>
      ) : null}
      <ul className="cards">
        {members.map((m) => (
          <li key={m.id} id={`m-${m.id}`} className={m.deactivatedAt ? 'inactive' : undefined}>
            <h2>
              <Link to={`/coop/members/${m.id}`}>{m.name}</Link>
            </h2>
            <p className="wrap">{m.email}</p>
            <p>
              {t(`role.${m.role}`)}
              {m.farm ? ` · ${m.farm.name}` : null}
            </p>
            <MemberState member={m} />
          </li>
        ))}
      </ul>
      {admin ? (
        <>
          <h2 id="invite">{t('members.invite')}</h2>
          <p className="hint">{t('members.inviteHint')}</p>
          <Form method="post" noValidate className="narrow">
            <FormError form={form} />
            <Field form={form} name="name" label="auth.name" required autoComplete="off" />
            <Field form={form} name="email" label="auth.email" type="email" required autoComplete="off" />
            <MemberRoleFields form={form} farms={farms} role="FARMER" />
            <button type="submit" disabled={sending}>
              {t('members.inviteSubmit')}
            </button>
          </Form>
        </>
      ) : null}
    </section>
  );
}
