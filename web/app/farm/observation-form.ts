import { z } from 'zod';
import type { MessageKey } from '../i18n/i18n.ts';
import { observationKinds } from './observation-kinds.ts';
import { clientIdField, correctionFields, pastDateTime, requireReason } from './record-fields.ts';

// An observation of a planting: a pest, a disease or a note, in words (photos come later).
const m = (key: MessageKey) => ({ error: key });

export function observationSchema(now: Date) {
  return z
    .object({
      clientId: clientIdField,
      ...correctionFields,
      observation: z.enum(observationKinds, m('observe.errors.kind')),
      text: z.string(m('observe.errors.text')).trim().min(1, m('observe.errors.text')).max(2000, m('errors.tooLong')),
      observedAt: pastDateTime(now, 'applyInput.errors.dateTime', 'applyInput.errors.future'),
    })
    .superRefine(requireReason);
}

export type ObservationForm = z.output<ReturnType<typeof observationSchema>>;
