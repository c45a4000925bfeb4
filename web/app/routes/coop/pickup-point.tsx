import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { db } from '../../db.server.ts';
import { pointPageSchema } from '../../fulfilment/forms.ts';
import { editPoint, pickupPoint, setPointActive } from '../../fulfilment/staff.server.ts';
import { formAction } from '../../forms/form-action.server.ts';
import { intentForm, useFormResult } from '../../forms/form-result.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { FormError } from '../../ui/form-error.tsx';
import { PickupPointFields } from '../../ui/pickup-point-fields.tsx';

export const meta = pageTitle('title.pickupPoint');

export async function loader({ params }: LoaderFunctionArgs) {
  return { point: await pickupPoint(db(), params.pointId ?? '') };
}

export const action = (args: ActionFunctionArgs) =>
  formAction(pointPageSchema, async (form, { params }) => {
    const id = params.pointId ?? '';
    if (form.intent === 'save') {
      const { intent, ...fields } = form;
      await editPoint(db(), id, fields);
      return redirect(`/coop/pickup/points/${id}?done=${intent}`);
    }
    await setPointActive(db(), id, form.intent === 'activate');
    return redirect(`/coop/pickup/points/${id}?done=${form.intent}`);
  })(args);

export default function PickupPoint() {
  const { point } = useLoaderData<typeof loader>();
  const form = useFormResult<typeof pointPageSchema>();
  const [searchParams] = useSearchParams();
  const saving = useNavigation().state === 'submitting';
  const { t } = useI18n();
  const save = intentForm(form, 'save');
  const done = searchParams.get('done');
  return (
    <section className="narrow">
      <p>
        <Link to="/coop/pickup#points">{t('pickup.back')}</Link>
      </p>
      <h1>{point.name}</h1>
      {done && !form.failed ? (
        <p role="status" className="done">
          {done === 'added' ? t('pickup.point.added', { name: point.name }) : t('pickup.point.saved')}
        </p>
      ) : null}
      {point.active ? null : <p className="badge">{t('pickup.point.inactive')}</p>}
      <Form method="post" noValidate>
        <FormError form={save} />
        <input type="hidden" name="intent" value="save" />
        <PickupPointFields form={save} point={point} />
        <button type="submit" disabled={saving}>
          {t('pickup.point.save')}
        </button>
      </Form>
      <Form method="post" className="retire">
        <button type="submit" name="intent" value={point.active ? 'deactivate' : 'activate'} className="secondary">
          {t(point.active ? 'pickup.point.deactivate' : 'pickup.point.activate')}
        </button>
      </Form>
    </section>
  );
}
