import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { localDateTime } from '@seedline/db';
import { useState } from 'react';
import { areaUser } from '../../auth/areas.server.ts';
import { db } from '../../db.server.ts';
import { doseText } from '../../farm/dose.ts';
import { inputApplicationSchema } from '../../farm/input-form.ts';
import { correctable, recordPlanting, usableProducts } from '../../farm/records.server.ts';
import { formHeaders } from '../../forms/form-headers.ts';
import { recordActions } from '../../farm/record-actions.server.ts';
import { recordClientAction } from '../../farm/outbox/record-client-action.ts';
import { revalidateUnlessKept } from '../../forms/kept-on-phone.ts';
import { useRecordForm } from '../../farm/outbox/use-record-form.ts';
import { useFormResult } from '../../forms/form-result.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { DateTimeField } from '../../ui/date-time-field.tsx';
import { Field } from '../../ui/field.tsx';
import { FormError } from '../../ui/form-error.tsx';
import { KeptNotice } from '../../ui/outbox-panel.tsx';
import { NumberField } from '../../ui/number-field.tsx';
import { RecordHeading } from '../../ui/record-heading.tsx';
import { RecordSubmit } from '../../ui/record-submit.tsx';
import { Select } from '../../ui/select.tsx';
import { Textarea } from '../../ui/textarea.tsx';

export const meta = pageTitle('title.applyInput');
export const headers = formHeaders;

const decimal = (n: number | null | undefined) =>
  n === null || n === undefined
    ? undefined
    : n.toLocaleString('vi-VN', { useGrouping: false, maximumFractionDigits: 3 });

// A new input application, or with ?correct=<record> the same form filled with that record, to
// save a correction of it with a reason.
export async function loader({ context, params, request }: LoaderFunctionArgs) {
  const user = areaUser(context);
  const now = new Date();
  const planting = await recordPlanting(db(), user, params.plantingId ?? '');
  const correctId = new URL(request.url).searchParams.get('correct');
  const original = correctId ? await correctable(db(), planting.id, correctId, 'INPUT_APPLICATION') : null;
  const products = await usableProducts(db(), original?.registerProductId ?? null);
  const originalProduct = original
    ? (products.find((p) => p.id === original.registerProductId || p.name === original.inputProduct) ?? null)
    : null;
  return {
    planting,
    products,
    now: localDateTime(now),
    // Made here for the form without JavaScript: the same form sent twice stores one record.
    clientId: crypto.randomUUID(),
    values: original
      ? {
          corrects: original.id,
          productId: originalProduct?.id,
          dose: decimal(original.doseAmount),
          // A record written before the register (free text): shown to enter again in the product's unit.
          oldDose: original.doseAmount === null ? original.dose : null,
          areaM2: decimal(original.areaM2),
          appliedAt: localDateTime(original.occurredAt),
          appliedBy: original.appliedBy ?? user.name,
          note: original.note ?? '',
        }
      : {
          corrects: null,
          oldDose: null,
          appliedBy: user.name,
          areaM2: decimal(planting.zone.areaM2),
          appliedAt: localDateTime(now),
        },
  };
}

export const action = recordActions.input;

// With JavaScript: a record made with no network is kept on the phone and sent later.
export const clientAction = recordClientAction;
export const shouldRevalidate = revalidateUnlessKept;

export default function ApplyInput() {
  const { planting, products, now, clientId, values } = useLoaderData<typeof loader>();
  const form = useFormResult<ReturnType<typeof inputApplicationSchema>>();
  const record = useRecordForm(planting, form.value('clientId') ?? clientId);
  const { t, locale } = useI18n();
  const [chosen, setChosen] = useState(form.value('productId') ?? values.productId ?? '');
  const product = products.find((p) => p.id === chosen);
  // A correction sent back refused keeps being one, whatever URL it was posted to.
  const corrects = form.value('corrects') || values.corrects;
  const correcting = Boolean(corrects);
  return (
    <section className="narrow record-form">
      <RecordHeading planting={planting} title={correcting ? 'applyInput.correctTitle' : 'applyInput.title'} />
      {products.length === 0 ? (
        <p role="note">{t('applyInput.noProducts')}</p>
      ) : (
        <Form ref={record.formRef} key={record.kept ?? 'new'} method="post" noValidate>
          <FormError form={form} />
          <KeptNotice kept={record.kept} />
          <input type="hidden" name="clientId" value={record.clientId} />
          {corrects ? <input type="hidden" name="corrects" value={corrects} /> : null}
          <div onChange={(event) => setChosen((event.target as HTMLSelectElement).value)}>
            <Select
              form={form}
              name="productId"
              label="applyInput.product"
              placeholder="applyInput.choose"
              defaultValue={values.productId}
              required
              options={products.map((p) => ({
                value: p.id,
                label: t('applyInput.option', {
                  name: p.activeIngredient ? `${p.name} (${p.activeIngredient})` : p.name,
                  max: doseText(p.maxDose, p.doseUnit)[locale],
                  phi: p.phiDays,
                }),
              }))}
            />
          </div>
          <NumberField
            form={form}
            name="dose"
            label="applyInput.dose"
            description={
              values.oldDose ? { key: 'applyInput.wasDose', params: { dose: values.oldDose } } : 'applyInput.doseHint'
            }
            unit={product ? `dose.${product.doseUnit}` : 'dose.ofProduct'}
            decimals
            defaultValue={values.dose}
            required
          />
          <NumberField
            form={form}
            name="areaM2"
            label="applyInput.area"
            unit="unit.m2"
            decimals
            defaultValue={values.areaM2}
            required
          />
          <DateTimeField
            form={form}
            name="appliedAt"
            label="applyInput.at"
            kind="datetime-local"
            defaultValue={values.appliedAt}
            max={now}
            required
          />
          <Field
            form={form}
            name="appliedBy"
            label="applyInput.appliedBy"
            defaultValue={values.appliedBy}
            autoComplete="name"
            maxLength={120}
            required
          />
          <Textarea
            form={form}
            name="note"
            label="applyInput.note"
            rows={2}
            maxLength={500}
            defaultValue={values.note}
          />
          <RecordSubmit form={form} correcting={correcting} />
        </Form>
      )}
    </section>
  );
}
