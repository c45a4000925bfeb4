import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react';
import { calendarDay } from '@seedline/db';
import { areaUser } from '../../auth/areas.server.ts';
import { db } from '../../db.server.ts';
import { seedLotCorrectionSchema } from '../../farm/season-correction-forms.ts';
import { correctableSeedLot, recordSeedLotCorrection } from '../../farm/seed-lot-corrections.server.ts';
import { seedUnits } from '../../farm/seed-lot-form.ts';
import { formAction } from '../../forms/form-action.server.ts';
import { useFormResult } from '../../forms/form-result.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { DateTimeField } from '../../ui/date-time-field.tsx';
import { Field } from '../../ui/field.tsx';
import { FormError } from '../../ui/form-error.tsx';
import { RadioGroup } from '../../ui/radio-group.tsx';
import { RecordCorrections, useDescribeRecord } from '../../ui/record-corrections.tsx';
import { Textarea } from '../../ui/textarea.tsx';

export const meta = pageTitle('title.seedLotCorrection');

export async function loader({ context, params }: LoaderFunctionArgs) {
  const lot = await correctableSeedLot(db(), areaUser(context), params.seedLotId ?? '');
  // The record's id, made now: the correction sent twice is stored once.
  return { lot, today: calendarDay(new Date()), clientId: crypto.randomUUID() };
}

export const action = (args: ActionFunctionArgs) =>
  formAction(seedLotCorrectionSchema(calendarDay(new Date())), async (form) => {
    const id = args.params.seedLotId ?? '';
    const farmId = await recordSeedLotCorrection(db(), areaUser(args.context), id, form);
    return redirect(`/farm/farms/${farmId}/seed-lots?corrected=${id}`);
  })(args);

// The lot as it counts now, its corrections so far, and the form that corrects it, filled in.
export default function SeedLotCorrect() {
  const { lot, today, clientId } = useLoaderData<typeof loader>();
  const form = useFormResult<ReturnType<typeof seedLotCorrectionSchema>>();
  const saving = useNavigation().state === 'submitting';
  const { t, locale } = useI18n();
  const describe = useDescribeRecord();
  return (
    <section className="narrow farm-record">
      <p>
        <Link to={`/farm/farms/${lot.farmId}/seed-lots`}>← {t('seedLot.title')}</Link>
      </p>
      <h1>{t('seedLotCorrection.title', { product: locale === 'vi' ? lot.product.nameVi : lot.product.nameEn })}</h1>
      <p className="meta">{t('correction.now', { text: describe.seedLot(lot) })}</p>
      <RecordCorrections corrections={lot.corrections} describe={describe.seedLot} />
      <Form method="post" noValidate>
        <FormError form={form} />
        <input type="hidden" name="clientId" value={form.value('clientId') ?? clientId} />
        <input type="hidden" name="corrects" value={lot.version} />
        <Field form={form} name="variety" label="seedLot.variety" maxLength={120} defaultValue={lot.variety} required />
        <Field
          form={form}
          name="supplier"
          label="seedLot.supplier"
          maxLength={120}
          defaultValue={lot.supplier}
          required
        />
        <Field
          form={form}
          name="lotNumber"
          label="seedLot.lotNumber"
          maxLength={60}
          defaultValue={lot.lotNumber}
          required
        />
        <Field
          form={form}
          name="quantity"
          label="seedLot.quantity"
          inputMode="numeric"
          maxLength={8}
          defaultValue={String(lot.quantity)}
          required
        />
        <RadioGroup
          form={form}
          name="quantityUnit"
          label="seedLot.unit"
          defaultValue={lot.quantityUnit}
          options={seedUnits.map((u) => ({ value: u, label: t(`seedLot.unit.${u}`) }))}
        />
        <DateTimeField
          form={form}
          name="receivedOn"
          label="seedLot.receivedOn"
          kind="date"
          defaultValue={new Date(lot.receivedOn).toISOString().slice(0, 10)}
          max={today}
          required
        />
        <Field
          form={form}
          name="certificateNumber"
          label="seedLot.certificate"
          maxLength={60}
          defaultValue={lot.certificateNumber ?? ''}
        />
        <Textarea form={form} name="reason" label="applyInput.reason" rows={2} maxLength={500} required />
        <button type="submit" disabled={saving}>
          {t(saving ? 'applyInput.saving' : 'applyInput.submitCorrection')}
        </button>
      </Form>
    </section>
  );
}
