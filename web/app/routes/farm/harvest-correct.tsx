import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react';
import { localDateTime } from '@seedline/db';
import { areaUser } from '../../auth/areas.server.ts';
import { db } from '../../db.server.ts';
import { harvestCorrectionSchema } from '../../farm/harvest-correction-form.ts';
import { correctableHarvest, recordHarvestCorrection } from '../../farm/harvest-corrections.server.ts';
import { formAction } from '../../forms/form-action.server.ts';
import { useFormResult } from '../../forms/form-result.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { DateTimeField } from '../../ui/date-time-field.tsx';
import { FormError } from '../../ui/form-error.tsx';
import { NumberField } from '../../ui/number-field.tsx';
import { RecordCorrections, useDescribeRecord } from '../../ui/record-corrections.tsx';
import { Textarea } from '../../ui/textarea.tsx';

export const meta = pageTitle('title.harvestCorrection');

export async function loader({ context, params }: LoaderFunctionArgs) {
  const harvest = await correctableHarvest(db(), areaUser(context), params.harvestId ?? '');
  const now = new Date();
  // The record's id, made now: the correction sent twice is stored once.
  return { harvest, at: localDateTime(harvest.harvestedAt), now: localDateTime(now), clientId: crypto.randomUUID() };
}

export const action = (args: ActionFunctionArgs) =>
  formAction(harvestCorrectionSchema(new Date()), async (form) => {
    const plantingId = await recordHarvestCorrection(db(), areaUser(args.context), args.params.harvestId ?? '', form);
    return redirect(`/farm/plantings/${plantingId}/records?corrected=${args.params.harvestId ?? ''}`);
  })(args);

// The harvest as it counts now, its corrections so far, and the form that corrects it: the
// original stays beside the correction, with the reason, who and when.
export default function HarvestCorrect() {
  const { harvest, at, now, clientId } = useLoaderData<typeof loader>();
  const form = useFormResult<ReturnType<typeof harvestCorrectionSchema>>();
  const { t, locale } = useI18n();
  const describe = useDescribeRecord();
  const saving = useNavigation().state === 'submitting';
  const { planting } = harvest;
  const product = locale === 'vi' ? planting.product.nameVi : planting.product.nameEn;
  return (
    <section className="narrow farm-record">
      <p>
        <Link to={`/farm/plantings/${planting.id}/records`}>← {t('records.back')}</Link>
      </p>
      <h1>{t('harvestCorrection.title', { product })}</h1>
      <p className="meta">{t('harvestCorrection.now', { text: describe.harvest(harvest) })}</p>
      <RecordCorrections corrections={harvest.corrections} describe={describe.harvest} />
      <Form method="post" noValidate>
        <FormError form={form} />
        <input type="hidden" name="clientId" value={form.value('clientId') ?? clientId} />
        <input type="hidden" name="corrects" value={harvest.version} />
        <DateTimeField
          form={form}
          name="harvestedAt"
          label="harvest.at"
          kind="datetime-local"
          defaultValue={at}
          max={now}
          required
        />
        <NumberField
          form={form}
          name="weightKg"
          label="harvest.weight"
          unit="unit.kg"
          decimals
          // Every digit the farmer typed, with the comma a Vietnamese phone types.
          defaultValue={String(harvest.weightGrams / 1000).replace('.', locale === 'vi' ? ',' : '.')}
          required
        />
        <Textarea
          form={form}
          name="reason"
          label="applyInput.reason"
          description="harvestCorrection.reasonHint"
          rows={2}
          maxLength={500}
          required
        />
        <button type="submit" disabled={saving}>
          {t(saving ? 'applyInput.saving' : 'applyInput.submitCorrection')}
        </button>
      </Form>
    </section>
  );
}
