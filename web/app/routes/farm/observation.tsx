import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { localDateTime } from '@seedline/db';
import { areaUser } from '../../auth/areas.server.ts';
import { db } from '../../db.server.ts';
import { observationKinds } from '../../farm/observation-kinds.ts';
import { observationSchema } from '../../farm/observation-form.ts';
import { maxRecordPhotoBytes } from '../../farm/record-photos.ts';
import { correctable, recordPlanting } from '../../farm/records.server.ts';
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
import { RadioGroup } from '../../ui/radio-group.tsx';
import { RecordHeading } from '../../ui/record-heading.tsx';
import { RecordSubmit } from '../../ui/record-submit.tsx';
import { Textarea } from '../../ui/textarea.tsx';

export const meta = pageTitle('title.observe');
export const headers = formHeaders;

// A new observation, or with ?correct=<record> the same form filled with that record, to save a
// correction of it with a reason.
export async function loader({ context, params, request }: LoaderFunctionArgs) {
  const now = new Date();
  const planting = await recordPlanting(db(), areaUser(context), params.plantingId ?? '');
  const correctId = new URL(request.url).searchParams.get('correct');
  const original = correctId ? await correctable(db(), planting.id, correctId, 'OBSERVATION') : null;
  return {
    planting,
    now: localDateTime(now),
    // Made here for the form without JavaScript: the same form sent twice stores one record.
    clientId: crypto.randomUUID(),
    maxMb: maxRecordPhotoBytes / (1024 * 1024),
    values: original
      ? {
          corrects: original.id,
          observation: original.observation ?? 'NOTE',
          text: original.note ?? '',
          observedAt: localDateTime(original.occurredAt),
          hasPhoto: original.photoId !== null,
        }
      : { corrects: null, observation: undefined, text: '', observedAt: localDateTime(now), hasPhoto: false },
  };
}

export const action = recordActions.observation;

// With JavaScript: a record made with no network is kept on the phone and sent later.
export const clientAction = recordClientAction;
export const shouldRevalidate = revalidateUnlessKept;

export default function Observe() {
  const { planting, now, clientId, maxMb, values } = useLoaderData<typeof loader>();
  const form = useFormResult<ReturnType<typeof observationSchema>>();
  const record = useRecordForm(planting, form.value('clientId') ?? clientId);
  const { t } = useI18n();
  // A correction sent back refused keeps being one, whatever URL it was posted to.
  const corrects = form.value('corrects') || values.corrects;
  const correcting = Boolean(corrects);
  return (
    <section className="narrow record-form">
      <RecordHeading planting={planting} title={correcting ? 'observe.correctTitle' : 'observe.title'} />
      <Form ref={record.formRef} key={record.kept ?? 'new'} method="post" encType="multipart/form-data" noValidate>
        <FormError form={form} />
        <KeptNotice kept={record.kept} />
        <input type="hidden" name="clientId" value={record.clientId} />
        {corrects ? <input type="hidden" name="corrects" value={corrects} /> : null}
        <RadioGroup
          form={form}
          name="observation"
          label="observe.kind"
          defaultValue={values.observation}
          options={observationKinds.map((kind) => ({ value: kind, label: t(`records.observation.${kind}`) }))}
        />
        <Textarea
          form={form}
          name="text"
          label="observe.text"
          description="observe.textHint"
          rows={4}
          maxLength={2000}
          defaultValue={values.text}
          required
        />
        <DateTimeField
          form={form}
          name="observedAt"
          label="observe.at"
          kind="datetime-local"
          defaultValue={values.observedAt}
          max={now}
          required
        />
        <Field
          form={form}
          name="photo"
          label="observe.photo"
          description={
            values.hasPhoto && correcting
              ? { key: 'observe.photoKept' }
              : { key: 'observe.photoHint', params: { maxMb } }
          }
          type="file"
          accept="image/*"
          // A file input never shows a value again: the farmer chooses the photo anew.
          defaultValue={undefined}
        />
        <RecordSubmit form={form} correcting={correcting} />
      </Form>
    </section>
  );
}
