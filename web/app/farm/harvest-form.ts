import { z } from 'zod';
import { decimalText } from '../forms/number-text.ts';
import type { MessageKey } from '../i18n/i18n.ts';
import { clientIdField, optionalText, pastDateTime } from './record-fields.ts';

// The harvest form: when (a day and time in Vietnam, not in the future), how much (kg, a decimal
// comma as a Vietnamese phone types it), and a note. Messages are keys shown in the farmer's language.
const m = (key: MessageKey) => ({ error: key });

/** The most one entry may weigh: a net house's whole harvest is far below it; a typo is not. */
export const maxHarvestKg = 50_000;

export function harvestSchema(now: Date) {
  return z.object({
    clientId: clientIdField,
    harvestedAt: pastDateTime(now, 'harvest.errors.dateTime', 'harvest.errors.future'),
    weightKg: decimalText('harvest.errors.weight', 3).pipe(
      z.number().positive(m('harvest.errors.weight')).max(maxHarvestKg, m('harvest.errors.tooHeavy')),
    ),
    note: optionalText(500),
  });
}

export type HarvestForm = z.output<ReturnType<typeof harvestSchema>>;
