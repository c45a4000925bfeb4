import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react';
import { isAdmin, requireAdmin } from '../../auth/admin.server.ts';
import { newFarmSchema } from '../../coop/farm-forms.ts';
import { addFarm, farmList } from '../../coop/farms.server.ts';
import { db } from '../../db.server.ts';
import { formAction } from '../../forms/form-action.server.ts';
import { useFormResult } from '../../forms/form-result.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { CertificationLine } from '../../ui/certification-line.tsx';
import { FarmFields } from '../../ui/farm-fields.tsx';
import { Field } from '../../ui/field.tsx';
import { FormError } from '../../ui/form-error.tsx';

export const meta = pageTitle('title.memberFarms');

export async function loader({ context }: LoaderFunctionArgs) {
  return { farms: await farmList(db()), admin: isAdmin(context) };
}

export const action = (args: ActionFunctionArgs) => {
  requireAdmin(args.context);
  return formAction(
    newFarmSchema,
    async (form) => {
      const made = await addFarm(db(), form);
      return redirect(`/coop/farms/${made.id}?done=added`);
    },
    { fields: { FARM_CODE_TAKEN: 'code' } },
  )(args);
};

export default function Farms() {
  const { farms, admin } = useLoaderData<typeof loader>();
  const form = useFormResult<typeof newFarmSchema>();
  const saving = useNavigation().state === 'submitting';
  const { t } = useI18n();
  return (
    <section className="members">
      <h1>{t('farms.title')}</h1>
      {farms.length === 0 ? <p>{t('farms.empty')}</p> : null}
      <ul className="cards">
        {farms.map((farm) => (
          <li key={farm.id}>
            <h2>
              <Link to={`/coop/farms/${farm.id}`}>{farm.name}</Link> <code>{farm.code}</code>
            </h2>
            <p>
              {farm.commune}, {farm.province}
            </p>
            <p>{t('farms.counts', { members: farm._count.members, greenhouses: farm._count.greenhouses })}</p>
            {farm.certifications.map((c) => (
              <CertificationLine key={c.id} certification={c} />
            ))}
          </li>
        ))}
      </ul>
      {admin ? (
        <>
          <h2 id="add">{t('farms.add')}</h2>
          <Form method="post" noValidate className="narrow">
            <FormError form={form} />
            <FarmFields form={form} />
            <Field form={form} name="code" label="farms.code" description="farms.codeHint" required />
            <button type="submit" disabled={saving}>
              {t('farms.add')}
            </button>
          </Form>
        </>
      ) : null}
    </section>
  );
}
