import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { localDateTime } from '@seedline/db';
import { areaUser } from '../../auth/areas.server.ts';
import { db } from '../../db.server.ts';
import { harvestSchema } from '../../farm/harvest-form.ts';
import { harvestPage } from '../../farm/harvests.server.ts';
import { recordActions } from '../../farm/record-actions.server.ts';
import { recordClientAction } from '../../farm/outbox/record-client-action.ts';
import { revalidateUnlessKept } from '../../forms/kept-on-phone.ts';
import { useRecordForm } from '../../farm/outbox/use-record-form.ts';
import { useFormResult } from '../../forms/form-result.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { DateTimeField } from '../../ui/date-time-field.tsx';
import { FormError } from '../../ui/form-error.tsx';
import { KeptNotice } from '../../ui/outbox-panel.tsx';
import { NumberField } from '../../ui/number-field.tsx';
import { Textarea } from '../../ui/textarea.tsx';

export const meta = pageTitle('title.harvest');

export async function loader({ context, params }: LoaderFunctionArgs) {
  const now = new Date();
  const planting = await harvestPage(db(), areaUser(context), params.plantingId ?? '', now);
  // Made here for the form without JavaScript: the same form sent twice stores one harvest.
  return { planting, now: localDateTime(now), clientId: crypto.randomUUID() };
}

export const action = recordActions.harvest;

// With JavaScript: a record made with no network is kept on the phone and sent later.
export const clientAction = recordClientAction;
export const shouldRevalidate = revalidateUnlessKept;

export default function Harvest() {
  const { planting, now, clientId } = useLoaderData<typeof loader>();
  const form = useFormResult<ReturnType<typeof harvestSchema>>();
  const record = useRecordForm(planting, form.value('clientId') ?? clientId);
  const [searchParams] = useSearchParams();
  const saving = useNavigation().state === 'submitting';
  const { t, f, locale } = useI18n();
  const product = locale === 'vi' ? planting.product.nameVi : planting.product.nameEn;
  const recorded = planting.harvests.find((h) => h.id === searchParams.get('recorded'));
  return (
    <section className="narrow harvest">
      <p>
        <Link to="/farm">← {t('harvest.back')}</Link>
      </p>
      <h1>{t('harvest.title', { product })}</h1>
      <p className="meta">
        {t('harvest.where', {
          greenhouse: planting.zone.greenhouse.name,
          zone: planting.zone.name,
          sown: planting.sownOn ? f.day(planting.sownOn) : '—',
        })}
      </p>
      {recorded && !form.failed ? (
        <p role="status" className="done">
          {t('harvest.recorded', { kg: f.number(recorded.weightGrams / 1000) })}
        </p>
      ) : null}
      {planting.intervals.length > 0 ? (
        <section aria-labelledby="intervals" className="card warning">
          <h2 id="intervals">{t('harvest.phiTitle')}</h2>
          <ul>
            {planting.intervals.map((i) => (
              <li key={`${i.product}-${i.clearsOn}`}>
                {t('harvest.phiLine', { product: i.product, phiDays: i.phiDays, firstDay: { day: i.clearsOn } })}
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <p className="phi">{t('harvest.phiClear')}</p>
      )}
      {planting.open ? (
        <Form ref={record.formRef} key={record.kept ?? 'new'} method="post" noValidate>
          <FormError form={form} />
          <KeptNotice kept={record.kept} />
          <input type="hidden" name="clientId" value={record.clientId} />
          <DateTimeField
            form={form}
            name="harvestedAt"
            label="harvest.at"
            kind="datetime-local"
            defaultValue={now}
            max={now}
            required
          />
          <NumberField form={form} name="weightKg" label="harvest.weight" unit="unit.kg" decimals required />
          <Textarea form={form} name="note" label="harvest.note" rows={2} maxLength={500} />
          <button type="submit" disabled={saving}>
            {t(saving ? 'harvest.saving' : 'harvest.submit')}
          </button>
        </Form>
      ) : (
        <p role="note">{t('PLANTING_NOT_GROWING')}</p>
      )}
      <p>
        {/* A file, not a page of the app: the browser opens it in its PDF viewer. */}
        <a href={`/farm/plantings/${planting.id}/record-book.pdf`}>{t('harvest.recordBook')}</a>
      </p>
      <h2>{t('harvest.history')}</h2>
      {planting.harvests.length === 0 ? <p>{t('harvest.none')}</p> : null}
      <ul className="harvests">
        {planting.harvests.map((h) => (
          <li key={h.id}>
            {t('harvest.entry', { at: f.dateTime(h.harvestedAt), kg: f.number(h.weightGrams / 1000) })}
          </li>
        ))}
      </ul>
    </section>
  );
}
