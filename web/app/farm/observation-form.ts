import { z } from 'zod';
import type { MessageKey } from '../i18n/i18n.ts';
import { observationKinds } from './observation-kinds.ts';
import { clientIdField, correctionFields, pastDateTime, requireReason } from './record-fields.ts';

// An observation of a planting: a pest, a disease or a note, in words, with a photo if the farmer took one.
const m = (key: MessageKey) => ({ error: key });

export function observationSchema(now: Date) {
  return z
    .object({
      clientId: clientIdField,
      ...correctionFields,
      observation: z.enum(observationKinds, m('observe.errors.kind')),
      text: z.string(m('observe.errors.text')).trim().min(1, m('observe.errors.text')).max(2000, m('errors.tooLong')),
      observedAt: pastDateTime(now, 'applyInput.errors.dateTime', 'applyInput.errors.future'),
      /** The file is read apart (forms/uploads.server.ts); named here so the page can show its error. */
      photo: z.unknown().optional(),
    })
    .superRefine(requireReason);
}

export type ObservationForm = z.output<ReturnType<typeof observationSchema>>;
