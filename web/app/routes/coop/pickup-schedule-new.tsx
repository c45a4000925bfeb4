import { redirect } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react';
import { db } from '../../db.server.ts';
import { scheduleSchema, weekdayFields, weekdayName } from '../../fulfilment/forms.ts';
import { addSchedule } from '../../fulfilment/staff.server.ts';
import { formAction } from '../../forms/form-action.server.ts';
import { useFormResult } from '../../forms/form-result.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { Checkbox } from '../../ui/checkbox.tsx';
import { Field } from '../../ui/field.tsx';
import { FormError } from '../../ui/form-error.tsx';
import { NumberField } from '../../ui/number-field.tsx';
import { RadioGroup } from '../../ui/radio-group.tsx';
import { Select } from '../../ui/select.tsx';

export const meta = pageTitle('title.pickupSchedule');

export async function loader() {
  const points = await db().pickupPoint.findMany({
    where: { active: true },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  });
  return { points };
}

export const action = formAction(
  scheduleSchema,
  async (form) => {
    await addSchedule(db(), form, new Date());
    return redirect('/coop/pickup?added=1#windows');
  },
  { fields: { PICKUP_POINT_UNKNOWN: 'pickupPointId' } },
);

export default function NewSchedule() {
  const { points } = useLoaderData<typeof loader>();
  const form = useFormResult<typeof scheduleSchema>();
  const saving = useNavigation().state === 'submitting';
  const { t } = useI18n();
  return (
    <section className="narrow">
      <p>
        <Link to="/coop/pickup#schedules">{t('pickup.back')}</Link>
      </p>
      <h1>{t('pickup.schedule.add')}</h1>
      <Form method="post" noValidate>
        <FormError form={form} />
        <RadioGroup
          form={form}
          name="fulfilment"
          label="pickup.schedule.fulfilment"
          defaultValue="PICKUP"
          options={[
            {
              value: 'PICKUP',
              label: t('checkout.pickup'),
              details: (
                <Select
                  form={form}
                  name="pickupPointId"
                  label="pickup.schedule.point"
                  placeholder="checkout.choose"
                  options={points.map((p) => ({ value: p.id, label: p.name }))}
                />
              ),
            },
            { value: 'DELIVERY', label: t('checkout.delivery') },
          ]}
        />
        <fieldset className="weekdays">
          <legend>{t('pickup.schedule.weekdays')}</legend>
          {weekdayFields.map((d) => (
            <Checkbox key={d} form={form} name={`weekday${d}`} label={weekdayName[d]} />
          ))}
        </fieldset>
        <div className="pair">
          <Field form={form} name="from" label="pickup.schedule.from" type="time" defaultValue="08:00" required />
          <Field form={form} name="to" label="pickup.schedule.to" type="time" defaultValue="11:00" required />
        </div>
        <NumberField
          form={form}
          name="capacity"
          label="pickup.schedule.capacity"
          unit="pickup.unit.orders"
          defaultValue={20}
          required
        />
        <NumberField
          form={form}
          name="opensDaysBefore"
          label="pickup.schedule.opensDaysBefore"
          unit="pickup.unit.days"
          defaultValue={7}
          required
        />
        <NumberField
          form={form}
          name="closesHoursBefore"
          label="pickup.schedule.closesHoursBefore"
          description="pickup.schedule.closesHint"
          unit="pickup.unit.hours"
          defaultValue={4}
          required
        />
        <button type="submit" disabled={saving}>
          {t(saving ? 'pickup.schedule.adding' : 'pickup.schedule.add')}
        </button>
      </Form>
    </section>
  );
}
