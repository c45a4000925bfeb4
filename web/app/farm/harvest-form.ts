import { fromLocalDateTime } from '@seedline/db';
import { z } from 'zod';
import type { MessageKey } from '../i18n/i18n.ts';
import { clientIdField } from './record-fields.ts';

// The harvest form: when (a day and time in Vietnam, not in the future), how much (kg, a decimal
// comma as a Vietnamese phone types it), and a note. Messages are keys shown in the farmer's language.
const m = (key: MessageKey) => ({ error: key });

/** The most one entry may weigh: a net house's whole harvest is far below it; a typo is not. */
export const maxHarvestKg = 50_000;

/** A few minutes' grace: a phone's clock may run a little ahead of the server's. */
const clockSlackMs = 5 * 60_000;

export function harvestSchema(now: Date) {
  return z.object({
    clientId: clientIdField,
    harvestedAt: z.string(m('harvest.errors.dateTime')).transform((value, ctx) => {
      const at = fromLocalDateTime(value.trim());
      if (!at) ctx.addIssue({ code: 'custom', message: 'harvest.errors.dateTime' });
      else if (at.getTime() > now.getTime() + clockSlackMs) {
        ctx.addIssue({ code: 'custom', message: 'harvest.errors.future' });
      }
      return at ?? now;
    }),
    weightKg: z
      .string(m('harvest.errors.weight'))
      .trim()
      .regex(/^\d{1,6}([.,]\d{1,3})?$/, m('harvest.errors.weight'))
      .transform((value) => Number(value.replace(',', '.')))
      .pipe(z.number().positive(m('harvest.errors.weight')).max(maxHarvestKg, m('harvest.errors.tooHeavy'))),
    note: z
      .string()
      .trim()
      .max(500, m('errors.tooLong'))
      .optional()
      .transform((v) => v || null),
  });
}

export type HarvestForm = z.output<ReturnType<typeof harvestSchema>>;
