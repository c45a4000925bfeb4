import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { localDateTime } from '@seedline/db';
import { areaUser } from '../../auth/areas.server.ts';
import { db } from '../../db.server.ts';
import { observationKinds } from '../../farm/observation-kinds.ts';
import { observationSchema } from '../../farm/observation-form.ts';
import { correctable, recordObservation, recordPlanting } from '../../farm/records.server.ts';
import { formAction } from '../../forms/form-action.server.ts';
import { formHeaders } from '../../forms/form-headers.ts';
import { useFormResult } from '../../forms/form-result.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { DateTimeField } from '../../ui/date-time-field.tsx';
import { FormError } from '../../ui/form-error.tsx';
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
    values: original
      ? {
          corrects: original.id,
          observation: original.observation ?? 'NOTE',
          text: original.note ?? '',
          observedAt: localDateTime(original.occurredAt),
        }
      : { corrects: null, observation: undefined, text: '', observedAt: localDateTime(now) },
  };
}

export const action = (args: ActionFunctionArgs) =>
  formAction(
    observationSchema(new Date()),
    async (form, { context, params }) => {
      const plantingId = params.plantingId ?? '';
      const log = await recordObservation(db(), areaUser(context), plantingId, form);
      return redirect(`/farm/plantings/${plantingId}/records?${form.corrects ? 'corrected' : 'recorded'}=${log.id}`);
    },
    { fields: { RECORD_ALREADY_CORRECTED: 'reason' } },
  )(args);

export default function Observe() {
  const { planting, now, clientId, values } = useLoaderData<typeof loader>();
  const form = useFormResult<ReturnType<typeof observationSchema>>();
  const { t } = useI18n();
  // A correction sent back refused keeps being one, whatever URL it was posted to.
  const corrects = form.value('corrects') || values.corrects;
  const correcting = Boolean(corrects);
  return (
    <section className="narrow record-form">
      <RecordHeading planting={planting} title={correcting ? 'observe.correctTitle' : 'observe.title'} />
      <Form method="post" noValidate>
        <FormError form={form} />
        <input type="hidden" name="clientId" value={form.value('clientId') ?? clientId} />
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
        <RecordSubmit form={form} correcting={correcting} />
      </Form>
    </section>
  );
}
