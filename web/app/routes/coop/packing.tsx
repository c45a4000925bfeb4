import { type ActionFunctionArgs, redirect } from '@remix-run/node';
import { Form, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { calendarDay } from '@seedline/db';
import { joinHarvestIds, packingSchema } from '../../coop/packing-form.ts';
import { harvestsToPack, packHarvests, recentPackLots } from '../../coop/packing.server.ts';
import { db } from '../../db.server.ts';
import { formAction } from '../../forms/form-action.server.ts';
import { useFormResult } from '../../forms/form-result.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { Field } from '../../ui/field.tsx';
import { FormError } from '../../ui/form-error.tsx';
import { HarvestChoice } from '../../ui/harvest-choice.tsx';
import { NumberField } from '../../ui/number-field.tsx';
import { PackLotLine } from '../../ui/pack-lot-line.tsx';

export const meta = pageTitle('title.packing');

export async function loader() {
  const [groups, lots] = await Promise.all([harvestsToPack(db()), recentPackLots(db())]);
  return { groups, lots, today: calendarDay(new Date()) };
}

export async function action(args: ActionFunctionArgs) {
  // The ticked harvests all post `harvestId`: gathered into one field before the form contract reads it.
  const formData = joinHarvestIds(await args.request.formData().catch(() => new FormData()));
  return formAction(
    packingSchema(calendarDay(new Date())),
    async (form) => {
      const lots = await packHarvests(db(), form);
      return redirect(`/coop/packing?packed=${lots.map((lot) => lot.lotCode).join(',')}#lots`);
    },
    {
      formData,
      fields: {
        PACK_OVER_HARVEST: 'unitCount',
        PACK_BEFORE_HARVEST: 'packDate',
        PACK_MIXED_HARVESTS: 'harvestIds',
        RECORD_NOT_FOUND: 'harvestIds',
      },
    },
  )(args);
}

export default function Packing() {
  const { groups, lots, today } = useLoaderData<typeof loader>();
  const form = useFormResult<ReturnType<typeof packingSchema>>();
  const packed = useSearchParams()[0].get('packed');
  const saving = useNavigation().state === 'submitting';
  const { t } = useI18n();
  return (
    <section className="packing">
      <h1>{t('packing.title')}</h1>
      <p>{t('packing.intro')}</p>
      {packed && !form.failed ? (
        <p role="status" className="done">
          {t('packing.made', { codes: packed.replaceAll(',', ', ') })}
        </p>
      ) : null}
      {groups.length === 0 ? (
        <p>{t('packing.empty')}</p>
      ) : (
        <Form method="post" noValidate aria-labelledby="pack" className="narrow">
          <h2 id="pack">{t('packing.waiting')}</h2>
          <FormError form={form} />
          <HarvestChoice form={form} groups={groups} />
          <NumberField form={form} name="unitCount" label="packing.unitCount" unit="packing.packs" required />
          <NumberField form={form} name="unitWeightGrams" label="packing.unitWeight" unit="packing.grams" required />
          <Field
            form={form}
            name="packDate"
            label="packing.packDate"
            type="date"
            max={today}
            defaultValue={today}
            required
          />
          <NumberField
            form={form}
            name="bestBeforeDays"
            label="packing.bestBeforeDays"
            description="packing.bestBeforeHint"
            unit="packing.days"
            defaultValue={5}
            required
          />
          <button type="submit" disabled={saving}>
            {t(saving ? 'packing.submitting' : 'packing.submit')}
          </button>
        </Form>
      )}
      <h2 id="lots">{t('packing.recent')}</h2>
      {lots.length === 0 ? <p>{t('packing.noLots')}</p> : null}
      <ul className="cards">
        {lots.map((lot) => (
          <PackLotLine key={lot.lotCode} lot={lot} />
        ))}
      </ul>
    </section>
  );
}
