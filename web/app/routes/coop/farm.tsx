import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { isAdmin, requireAdmin } from '../../auth/admin.server.ts';
import { farmPageSchema } from '../../coop/farm-forms.ts';
import { certify, editFarm, farm, uncertify } from '../../coop/farms.server.ts';
import { db } from '../../db.server.ts';
import { formAction } from '../../forms/form-action.server.ts';
import { intentForm, useFormResult } from '../../forms/form-result.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { CertificationLine } from '../../ui/certification-line.tsx';
import { CertificationFields, FarmFields } from '../../ui/farm-fields.tsx';
import { FormError } from '../../ui/form-error.tsx';

export const meta = pageTitle('title.memberFarm');

export async function loader({ params, context }: LoaderFunctionArgs) {
  return { farm: await farm(db(), params.farmId ?? ''), admin: isAdmin(context) };
}

export const action = (args: ActionFunctionArgs) => {
  requireAdmin(args.context);
  const id = args.params.farmId ?? '';
  return formAction(
    farmPageSchema,
    async (form) => {
      if (form.intent === 'save') {
        const { intent: _intent, ...fields } = form;
        await editFarm(db(), id, fields);
      } else if (form.intent === 'certify') {
        const { intent: _intent, ...fields } = form;
        await certify(db(), id, fields);
      } else await uncertify(db(), id, form.certificationId);
      return redirect(`/coop/farms/${id}?done=${form.intent}`);
    },
    { fields: { CERTIFICATION_TAKEN: 'number' } },
  )(args);
};

export default function Farm() {
  const { farm, admin } = useLoaderData<typeof loader>();
  const form = useFormResult<typeof farmPageSchema>();
  const [searchParams] = useSearchParams();
  const { t } = useI18n();
  const done = searchParams.get('done');
  return (
    <section className="narrow members">
      <p>
        <Link to="/coop/farms">← {t('farms.back')}</Link>
      </p>
      <h1>
        {farm.name} <code>{farm.code}</code>
      </h1>
      {done && !form.failed ? (
        <p role="status" className="done">
          {t('farms.saved', { name: farm.name })}
        </p>
      ) : null}
      <p>
        <Link to={`/coop/farms/${farm.id}/greenhouses`}>{t('farms.greenhouses')}</Link>
      </p>
      <h2>{t('farms.certifications')}</h2>
      {farm.certifications.length === 0 ? <p>{t('farms.noCertifications')}</p> : null}
      <ul className="cards">
        {farm.certifications.map((c) => (
          <li key={c.id}>
            <CertificationLine certification={c} />
            {admin ? (
              <Form method="post">
                <input type="hidden" name="certificationId" value={c.id} />
                <button type="submit" name="intent" value="uncertify" className="secondary">
                  {t('farms.uncertify', { number: c.number })}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      {admin ? <FarmForms farm={farm} /> : null}
    </section>
  );
}

function FarmForms({ farm }: { farm: { name: string; commune: string; province: string } }) {
  const form = useFormResult<typeof farmPageSchema>();
  const { t } = useI18n();
  const certifying = intentForm(form, 'certify');
  const saving = intentForm(form, 'save');
  return (
    <>
      <h2 id="certify">{t('farms.certify')}</h2>
      <Form method="post" noValidate>
        <FormError form={certifying} />
        <input type="hidden" name="intent" value="certify" />
        <CertificationFields form={certifying} />
        <button type="submit">{t('farms.certify')}</button>
      </Form>
      <h2 id="edit">{t('farms.edit')}</h2>
      <Form method="post" noValidate>
        <FormError form={saving} />
        <input type="hidden" name="intent" value="save" />
        <FarmFields form={saving} farm={farm} />
        <button type="submit">{t('farms.save')}</button>
      </Form>
      <FormError form={intentForm(form, 'uncertify')} includeFields />
    </>
  );
}
