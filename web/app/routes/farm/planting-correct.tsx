import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react';
import { calendarDay } from '@seedline/db';
import { areaUser } from '../../auth/areas.server.ts';
import { db } from '../../db.server.ts';
import { correctablePlanting, recordPlantingCorrection } from '../../farm/planting-corrections.server.ts';
import { plantingCorrectionSchema } from '../../farm/season-correction-forms.ts';
import { formAction, invalid } from '../../forms/form-action.server.ts';
import { useFormResult } from '../../forms/form-result.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { DateTimeField } from '../../ui/date-time-field.tsx';
import { FormError } from '../../ui/form-error.tsx';
import { NumberField } from '../../ui/number-field.tsx';
import { RecordCorrections, useDescribeRecord } from '../../ui/record-corrections.tsx';
import { Select } from '../../ui/select.tsx';
import { Textarea } from '../../ui/textarea.tsx';

export const meta = pageTitle('title.plantingCorrection');

export async function loader({ context, params }: LoaderFunctionArgs) {
  const planting = await correctablePlanting(db(), areaUser(context), params.plantingId ?? '');
  // The record's id, made now: the correction sent twice is stored once.
  return { planting, today: calendarDay(new Date()), clientId: crypto.randomUUID() };
}

export const action = (args: ActionFunctionArgs) =>
  formAction(plantingCorrectionSchema(calendarDay(new Date())), async (form, formArgs) => {
    const id = args.params.plantingId ?? '';
    const result = await recordPlantingCorrection(db(), areaUser(args.context), id, form);
    if (!result.ok) return invalid(formArgs, { fieldErrors: { [result.field]: result.error } });
    return redirect(`/farm/farms/${result.farmId}/plantings?corrected=${id}`);
  })(args);

// The planting as it counts now, its corrections so far, and the form that corrects it, filled in.
export default function PlantingCorrect() {
  const { planting, today, clientId } = useLoaderData<typeof loader>();
  const form = useFormResult<ReturnType<typeof plantingCorrectionSchema>>();
  const saving = useNavigation().state === 'submitting';
  const { t, f, locale } = useI18n();
  const describe = useDescribeRecord().planting(
    planting.quantityUnit ?? (planting.transplantedOn ? 'plants' : 'seeds'),
  );
  const day = planting.transplantedOn ?? planting.sownOn;
  const lotOf = planting.seedLots.find((l) => l.id === planting.seedLotId);
  const current = {
    lotNumber: lotOf?.lotNumber ?? '',
    plantedOn: day,
    quantity: planting.quantity,
    areaM2: planting.areaM2,
  };
  return (
    <section className="narrow farm-record">
      <p>
        <Link to={`/farm/farms/${planting.zone.greenhouse.farmId}/plantings`}>← {t('planting.title')}</Link>
      </p>
      <h1>
        {t('plantingCorrection.title', {
          product: locale === 'vi' ? planting.product.nameVi : planting.product.nameEn,
          zone: planting.zone.name,
        })}
      </h1>
      <p className="meta">{t('correction.now', { text: describe(current) })}</p>
      <RecordCorrections corrections={planting.corrections} describe={describe} />
      <Form method="post" noValidate>
        <FormError form={form} />
        <input type="hidden" name="clientId" value={form.value('clientId') ?? clientId} />
        <input type="hidden" name="corrects" value={planting.version} />
        <Select
          form={form}
          name="seedLotId"
          label="planting.seedLot"
          defaultValue={planting.seedLotId}
          options={planting.seedLots.map((l) => ({
            value: l.id,
            label: t('planting.seedLotOption', {
              product: '',
              variety: l.variety,
              lotNumber: l.lotNumber,
              day: f.day(l.receivedOn),
            }),
          }))}
          required
        />
        <DateTimeField
          form={form}
          name="plantedOn"
          label="planting.on"
          kind="date"
          defaultValue={day ? new Date(day).toISOString().slice(0, 10) : today}
          max={today}
          required
        />
        <NumberField
          form={form}
          name="quantity"
          label="planting.quantity"
          unit="planting.count"
          defaultValue={planting.quantity ?? undefined}
          required
        />
        <NumberField
          form={form}
          name="areaM2"
          label="planting.area"
          unit="planting.m2"
          decimals
          defaultValue={
            planting.areaM2 === null ? undefined : String(planting.areaM2).replace('.', locale === 'vi' ? ',' : '.')
          }
          required
        />
        <Textarea form={form} name="reason" label="applyInput.reason" rows={2} maxLength={500} required />
        <button type="submit" disabled={saving}>
          {t(saving ? 'applyInput.saving' : 'applyInput.submitCorrection')}
        </button>
      </Form>
    </section>
  );
}
