import { redirect } from '@remix-run/node';
import { Form, Link, useNavigation } from '@remix-run/react';
import { db } from '../../db.server.ts';
import { pointSchema } from '../../fulfilment/forms.ts';
import { addPoint } from '../../fulfilment/staff.server.ts';
import { formAction } from '../../forms/form-action.server.ts';
import { useFormResult } from '../../forms/form-result.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { FormError } from '../../ui/form-error.tsx';
import { PickupPointFields } from '../../ui/pickup-point-fields.tsx';

export const meta = pageTitle('title.pickupPoint');

export const loader = () => null;

export const action = formAction(pointSchema, async (form) => {
  const point = await addPoint(db(), form);
  return redirect(`/coop/pickup/points/${point.id}?done=added`);
});

export default function NewPickupPoint() {
  const form = useFormResult<typeof pointSchema>();
  const saving = useNavigation().state === 'submitting';
  const { t } = useI18n();
  return (
    <section className="narrow">
      <p>
        <Link to="/coop/pickup#points">{t('pickup.back')}</Link>
      </p>
      <h1>{t('pickup.point.add')}</h1>
      <Form method="post" noValidate>
        <FormError form={form} />
        <PickupPointFields form={form} />
        <button type="submit" disabled={saving}>
          {t('pickup.point.add')}
        </button>
      </Form>
    </section>
  );
}
