import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { calendarDay } from '@seedline/db';
import { areaUser } from '../../auth/areas.server.ts';
import { db } from '../../db.server.ts';
import { preparePhoto } from '../../farm/photos.server.ts';
import { maxRecordPhotoBytes } from '../../farm/record-photos.ts';
import { seedLotSchema, seedUnits } from '../../farm/seed-lot-form.ts';
import { recordSeedLot, seedLotPage, userFarm } from '../../farm/seed-lots.server.ts';
import { formAction, invalid } from '../../forms/form-action.server.ts';
import { useFormResult } from '../../forms/form-result.ts';
import { readFormWithFiles } from '../../forms/uploads.server.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { DateTimeField } from '../../ui/date-time-field.tsx';
import { Field } from '../../ui/field.tsx';
import { RecordCorrections, useDescribeRecord } from '../../ui/record-corrections.tsx';
import { FormError } from '../../ui/form-error.tsx';
import { RadioGroup } from '../../ui/radio-group.tsx';
import { RecordPhotoThumb } from '../../ui/record-photo.tsx';
import { Select } from '../../ui/select.tsx';

export const meta = pageTitle('title.seedLot');

export async function loader({ context, params }: LoaderFunctionArgs) {
  const page = await seedLotPage(db(), areaUser(context), params.farmId ?? '');
  return {
    ...page,
    today: calendarDay(new Date()),
    maxMb: maxRecordPhotoBytes / (1024 * 1024),
    // Made with the page and sent with the form: a second send of it stores nothing more.
    clientId: crypto.randomUUID(),
  };
}

// The photo comes with the form (multipart): the farm is checked before its bytes are read, the
// photo after the text fields are valid and before anything is written.
export async function action(args: ActionFunctionArgs) {
  const user = areaUser(args.context);
  const farm = await userFarm(db(), user, args.params.farmId ?? '');
  const { formData, files } = await readFormWithFiles(args.request, {
    fileFields: ['photo'],
    maxBytes: maxRecordPhotoBytes,
  });
  return formAction(
    seedLotSchema(calendarDay(new Date())),
    async (form, formArgs) => {
      const upload = files.get('photo');
      const checked = upload ? await preparePhoto(upload) : null;
      if (checked && !checked.ok) return invalid(formArgs, { fieldErrors: { photo: checked.error } });
      const result = await recordSeedLot(db(), user, farm.id, form, checked?.photo ?? null);
      if (!result.ok) return invalid(formArgs, { fieldErrors: { [result.field]: result.error } });
      return redirect(`/farm/farms/${farm.id}/seed-lots?recorded=${result.id}`);
    },
    { formData },
  )(args);
}

export default function SeedLots() {
  const { farm, products, seedLots, today, maxMb, clientId } = useLoaderData<typeof loader>();
  const form = useFormResult<ReturnType<typeof seedLotSchema>>();
  const [searchParams] = useSearchParams();
  const saving = useNavigation().state === 'submitting';
  const { t, f, locale } = useI18n();
  const name = (p: { nameVi: string; nameEn: string }) => (locale === 'vi' ? p.nameVi : p.nameEn);
  const recorded = seedLots.find((l) => l.id === searchParams.get('recorded'));
  const describe = useDescribeRecord();
  return (
    <section className="narrow farm-record">
      <p>
        <Link to="/farm">← {t('harvest.back')}</Link>
      </p>
      <h1>{t('seedLot.title')}</h1>
      <p className="meta">{t('seedLot.intro', { farm: farm.name })}</p>
      {recorded && !form.failed ? (
        <p role="status" className="done">
          {t('seedLot.recorded', { lotNumber: recorded.lotNumber })}{' '}
          <Link to={`/farm/farms/${farm.id}/plantings?seedLot=${recorded.id}`}>{t('records.planting')}</Link>
        </p>
      ) : null}
      {searchParams.get('corrected') ? (
        <p role="status" className="done">
          {t('records.corrected')}
        </p>
      ) : null}
      {/* A new form once a record is saved: what was typed for the last one is not sent twice. */}
      <Form key={recorded?.id ?? 'new'} method="post" encType="multipart/form-data" noValidate>
        <FormError form={form} />
        <input type="hidden" name="clientId" value={form.value('clientId') ?? clientId} />
        <Select
          form={form}
          name="productId"
          label="seedLot.product"
          placeholder="seedLot.chooseProduct"
          options={products.map((p) => ({ value: p.id, label: name(p) }))}
          required
        />
        <Field form={form} name="variety" label="seedLot.variety" maxLength={120} required />
        <Field
          form={form}
          name="supplier"
          label="seedLot.supplier"
          maxLength={120}
          autoComplete="organization"
          required
        />
        <Field form={form} name="lotNumber" label="seedLot.lotNumber" maxLength={60} autoComplete="off" required />
        <Field
          form={form}
          name="quantity"
          label="seedLot.quantity"
          inputMode="numeric"
          autoComplete="off"
          maxLength={8}
          required
        />
        <RadioGroup
          form={form}
          name="quantityUnit"
          label="seedLot.unit"
          defaultValue="seeds"
          options={seedUnits.map((u) => ({ value: u, label: t(`seedLot.unit.${u}`) }))}
        />
        <DateTimeField
          form={form}
          name="receivedOn"
          label="seedLot.receivedOn"
          kind="date"
          defaultValue={today}
          max={today}
          required
        />
        <Field form={form} name="certificateNumber" label="seedLot.certificate" maxLength={60} autoComplete="off" />
        <Field
          form={form}
          name="photo"
          label="seedLot.photo"
          description={{ key: 'seedLot.photoHint', params: { maxMb } }}
          type="file"
          accept="image/*"
          // A file input never shows a value again: the farmer chooses the photo anew.
          defaultValue={undefined}
        />
        <button type="submit" disabled={saving}>
          {t(saving ? 'seedLot.saving' : 'seedLot.submit')}
        </button>
      </Form>
      <h2>{t('seedLot.history')}</h2>
      {seedLots.length === 0 ? <p>{t('seedLot.none')}</p> : null}
      <ul className="record-list">
        {seedLots.map((l) => (
          <li key={l.id}>
            {l.photoId ? (
              <RecordPhotoThumb id={l.photoId} alt={t('seedLot.photoAlt', { lotNumber: l.lotNumber })} />
            ) : null}
            {/* A block: the line, its corrections and the link that corrects it, one under the other. */}
            <div>
              {t('seedLot.entry', {
                day: f.day(l.receivedOn),
                product: name(l.product),
                variety: l.variety,
                lotNumber: l.lotNumber,
                supplier: l.supplier,
                quantity: f.number(l.quantity),
                unit: t(l.quantityUnit === 'g' ? 'seedLot.unit.g' : 'seedLot.unit.seeds'),
              })}
              <RecordCorrections corrections={l.corrections} describe={describe.seedLot} />
              <p>
                <Link to={`/farm/seed-lots/${l.id}/correct`}>{t('records.correct')}</Link>
              </p>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
