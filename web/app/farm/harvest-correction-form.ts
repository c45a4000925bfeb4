import { z } from 'zod';
import { decimalText } from '../forms/number-text.ts';
import type { MessageKey } from '../i18n/i18n.ts';
import { maxHarvestKg } from './harvest-form.ts';
import { clientIdField, pastDateTime } from './record-fields.ts';

// The correction of a harvest (decision 016): its day and time and its weight as they should have
// been recorded, the version it corrects (so a correction made meanwhile is not silently
// overwritten) and, required, why.
const m = (key: MessageKey) => ({ error: key });

export function harvestCorrectionSchema(now: Date) {
  return z.object({
    clientId: clientIdField,
    corrects: z.coerce.number(m('errors.invalid')).int().min(0, m('errors.invalid')),
    harvestedAt: pastDateTime(now, 'harvest.errors.dateTime', 'harvest.errors.future'),
    weightKg: decimalText('harvest.errors.weight', 3).pipe(
      z.number().positive(m('harvest.errors.weight')).max(maxHarvestKg, m('harvest.errors.tooHeavy')),
    ),
    reason: z
      .string(m('applyInput.errors.reason'))
      .trim()
      .min(1, m('applyInput.errors.reason'))
      .max(500, m('errors.tooLong')),
  });
}

export type HarvestCorrectionForm = z.output<ReturnType<typeof harvestCorrectionSchema>>;
