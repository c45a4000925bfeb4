import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { calendarDay } from '@seedline/db';
import { areaUser } from '../../auth/areas.server.ts';
import { db } from '../../db.server.ts';
import { plantingSchema } from '../../farm/planting-form.ts';
import { plantingMethods } from '../../farm/planting-methods.ts';
import { plantingPage, recordPlanting } from '../../farm/plantings.server.ts';
import { formAction, invalid } from '../../forms/form-action.server.ts';
import { useFormResult } from '../../forms/form-result.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { DateTimeField } from '../../ui/date-time-field.tsx';
import { FormError } from '../../ui/form-error.tsx';
import { NumberField } from '../../ui/number-field.tsx';
import { RadioGroup } from '../../ui/radio-group.tsx';
import { RecordCorrections, useDescribeRecord } from '../../ui/record-corrections.tsx';
import { Select } from '../../ui/select.tsx';
import { Textarea } from '../../ui/textarea.tsx';

export const meta = pageTitle('title.planting');

export async function loader({ context, params }: LoaderFunctionArgs) {
  const page = await plantingPage(db(), areaUser(context), params.farmId ?? '');
  // The record's id, made now: the form sent twice (a double tap, a retry) stores one planting.
  return { ...page, today: calendarDay(new Date()), clientId: crypto.randomUUID() };
}

export const action = (args: ActionFunctionArgs) =>
  formAction(plantingSchema(calendarDay(new Date())), async (form, formArgs) => {
    const farmId = args.params.farmId ?? '';
    const result = await recordPlanting(db(), areaUser(args.context), farmId, form);
    if (!result.ok) return invalid(formArgs, { fieldErrors: { [result.field]: result.error } });
    return redirect(`/farm/farms/${farmId}/plantings?recorded=${result.id}`);
  })(args);

export default function Plantings() {
  const { farm, zones, seedLots, plantings, today, clientId } = useLoaderData<typeof loader>();
  const form = useFormResult<ReturnType<typeof plantingSchema>>();
  const [searchParams] = useSearchParams();
  const saving = useNavigation().state === 'submitting';
  const { t, f, locale } = useI18n();
  const name = (p: { nameVi: string; nameEn: string }) => (locale === 'vi' ? p.nameVi : p.nameEn);
  const recorded = plantings.find((p) => p.id === searchParams.get('recorded'));
  const describe = useDescribeRecord();
  // The farmer's only zone, or the lot just recorded (or the only one), is chosen already.
  const onlyZone = zones.length === 1 ? zones[0]!.id : undefined;
  const lot = seedLots.find((l) => l.id === searchParams.get('seedLot'))?.id;
  const onlyLot = seedLots.length === 1 ? seedLots[0]!.id : undefined;
  return (
    <section className="narrow farm-record">
      <p>
        <Link to="/farm">← {t('harvest.back')}</Link>
      </p>
      <h1>{t('planting.title')}</h1>
      <p className="meta">{t('planting.intro', { farm: farm.name })}</p>
      {recorded && !form.failed ? (
        <p role="status" className="done">
          {t('planting.recorded', { product: name(recorded.product), zone: recorded.zone.name })}{' '}
          <Link to={`/farm/plantings/${recorded.id}/harvest`}>{t('planting.harvest')}</Link>
        </p>
      ) : null}
      {searchParams.get('corrected') ? (
        <p role="status" className="done">
          {t('records.corrected')}
        </p>
      ) : null}
      {seedLots.length === 0 ? (
        <p role="note">
          {t('planting.noSeedLots')} <Link to={`/farm/farms/${farm.id}/seed-lots`}>{t('records.seedLot')}</Link>
        </p>
      ) : (
        // A new form once a record is saved: what was typed for the last one is not sent twice.
        <Form key={recorded?.id ?? 'new'} method="post" noValidate>
          <FormError form={form} />
          <input type="hidden" name="clientId" value={form.value('clientId') ?? clientId} />
          <RadioGroup
            form={form}
            name="method"
            label="planting.method"
            defaultValue="SOWING"
            options={plantingMethods.map((m) => ({ value: m, label: t(`planting.method.${m}`) }))}
          />
          <Select
            form={form}
            name="zoneId"
            label="planting.zone"
            placeholder={onlyZone ? undefined : 'planting.chooseZone'}
            defaultValue={onlyZone}
            options={zones.map((z) => ({
              value: z.id,
              label: t('planting.zoneOption', { greenhouse: z.greenhouse.name, zone: z.name }),
            }))}
            required
          />
          <Select
            form={form}
            name="seedLotId"
            label="planting.seedLot"
            placeholder={(lot ?? onlyLot) ? undefined : 'planting.chooseSeedLot'}
            defaultValue={lot ?? onlyLot}
            options={seedLots.map((l) => ({
              value: l.id,
              label: t('planting.seedLotOption', {
                product: name(l.product),
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
            defaultValue={today}
            max={today}
            required
          />
          <NumberField
            form={form}
            name="quantity"
            label="planting.quantity"
            description="planting.quantityHint"
            unit="planting.count"
            required
          />
          <NumberField form={form} name="areaM2" label="planting.area" unit="planting.m2" decimals required />
          <Textarea form={form} name="note" label="planting.note" rows={2} maxLength={500} />
          <button type="submit" disabled={saving}>
            {t(saving ? 'planting.saving' : 'planting.submit')}
          </button>
        </Form>
      )}
      <h2>{t('planting.history')}</h2>
      <ul className="record-list">
        {plantings.map((p) => {
          // Seeds when sown, plants when transplanted, also for plantings recorded before units were kept.
          const unit = p.quantityUnit ?? (p.transplantedOn ? 'plants' : 'seeds');
          return (
            <li key={p.id}>
              <div>
                <Link to={`/farm/plantings/${p.id}/harvest`}>
                  {/* Plantings recorded before quantities were kept say only where and when. */}
                  {t(p.quantity === null || p.areaM2 === null ? 'planting.entryShort' : 'planting.entry', {
                    product: name(p.product),
                    greenhouse: p.zone.greenhouse.name,
                    zone: p.zone.name,
                    how: t(p.transplantedOn ? 'planting.method.TRANSPLANTING' : 'planting.method.SOWING'),
                    day: f.day(p.transplantedOn ?? p.sownOn ?? today),
                    quantity: p.quantity === null ? null : f.number(p.quantity),
                    unit: t(unit === 'plants' ? 'planting.unit.plants' : 'planting.unit.seeds'),
                    area: p.areaM2 === null ? null : f.number(p.areaM2),
                  })}
                </Link>
                <RecordCorrections corrections={p.corrections} describe={describe.planting(unit)} />
                <p>
                  <Link to={`/farm/plantings/${p.id}/correct`}>{t('records.correct')}</Link>
                </p>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
