import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { isAdmin, requireAdmin } from '../../auth/admin.server.ts';
import { reinvite } from '../../auth/invitations.server.ts';
import { memberPageSchema } from '../../auth/member-forms.ts';
import { changeRole, deactivateMember, member, reactivateMember } from '../../auth/members.server.ts';
import { farmList } from '../../coop/farms.server.ts';
import { db } from '../../db.server.ts';
import { env } from '../../env.server.ts';
import { formAction } from '../../forms/form-action.server.ts';
import { type FormView, intentForm, useFormResult } from '../../forms/form-result.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { localeOf } from '../../i18n/locale.server.ts';
import { FormError } from '../../ui/form-error.tsx';
import { MemberRoleFields } from '../../ui/member-role-fields.tsx';
import { MemberState } from '../../ui/member-state.tsx';

export const meta = pageTitle('title.member');

export async function loader({ params, context }: LoaderFunctionArgs) {
  const [found, farms] = await Promise.all([member(db(), params.userId ?? ''), farmList(db())]);
  return { member: found, farms: farms.map(({ id, name }) => ({ id, name })), admin: isAdmin(context) };
}

export const action = (args: ActionFunctionArgs) => {
  const admin = requireAdmin(args.context);
  const id = args.params.userId ?? '';
  return formAction(
    memberPageSchema,
    async (form, { request }) => {
      const now = new Date();
      if (form.intent === 'role') await changeRole(db(), id, form);
      else if (form.intent === 'deactivate') await deactivateMember(db(), id, now);
      else if (form.intent === 'reactivate') await reactivateMember(db(), id);
      else {
        const locale = await localeOf(request);
        await reinvite(db(), id, { invitedById: admin.id, locale, publicUrl: env().PUBLIC_URL, now });
      }
      return redirect(`/coop/members/${id}?done=${form.intent}`);
    },
    { fields: { MEMBER_FARM_UNKNOWN: 'farmId' } },
  )(args);
};

export default function Member() {
  const { member: m, farms, admin } = useLoaderData<typeof loader>();
  const form = useFormResult<typeof memberPageSchema>();
  const [searchParams] = useSearchParams();
  const { t } = useI18n();
  const done = `members.done.${searchParams.get('done')}`;
  const role = intentForm(form, 'role');
  const other = form.value('intent') === 'role' ? intentForm(form, '') : form;
  return (
    <section className="narrow members">
      <p>
        <Link to="/coop/members">← {t('members.back')}</Link>
      </p>
      <h1>{m.name}</h1>
      <p className="wrap">{m.email}</p>
      <p>
        {t(`role.${m.role}`)}
        {m.farm ? ` · ${m.farm.name}` : null}
      </p>
      <MemberState member={m} />
      {t.has(done) && !form.failed ? (
        <p role="status" className="done">
          {t(done, { name: m.name })}
        </p>
      ) : null}
      {admin ? (
        <>
          <h2>{t('members.changeRole')}</h2>
          <Form method="post" noValidate>
            <FormError form={role} />
            <input type="hidden" name="intent" value="role" />
            <MemberRoleFields form={role} farms={farms} role={m.role} farmId={m.farm?.id} />
            <button type="submit">{t('members.saveRole')}</button>
          </Form>
          <MemberSwitches member={m} form={other} />
        </>
      ) : null}
    </section>
  );
}

type Switchable = { deactivatedAt: unknown; invited: unknown };

/** Deactivate or reactivate, and send a new invitation link while none was used. */
function MemberSwitches({ member: m, form }: { member: Switchable; form: FormView }) {
  const { t } = useI18n();
  return (
    <Form method="post" className="retire">
      <FormError form={form} includeFields />
      {m.invited && !m.deactivatedAt ? (
        <button type="submit" name="intent" value="reinvite" className="secondary">
          {t('members.reinvite')}
        </button>
      ) : null}
      {m.deactivatedAt ? (
        <button type="submit" name="intent" value="reactivate" className="secondary">
          {t('members.reactivate')}
        </button>
      ) : (
        <>
          <p className="hint">{t('members.deactivateHint')}</p>
          <button type="submit" name="intent" value="deactivate" className="secondary">
            {t('members.deactivate')}
          </button>
        </>
      )}
    </Form>
  );
}
