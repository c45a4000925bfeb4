import { z } from 'zod';
import { decimalText } from '../forms/number-text.ts';
import type { MessageKey } from '../i18n/i18n.ts';
import { plantingMethods } from './planting-methods.ts';
import { clientIdField, optionalText } from './record-fields.ts';
import { pastDay } from './seed-lot-form.ts';

// The planting form: seeds sown or seedlings transplanted into a zone of the farm, from one of its
// seed lots, on a day (not after today), how many (seeds when sown, plants when transplanted) and
// on how much ground (m², a decimal comma as a Vietnamese phone types it).
const m = (key: MessageKey) => ({ error: key });

export const maxPlantingQuantity = 10_000_000;
/** A hectare and more: far above a net house; a typo is not. */
export const maxPlantingAreaM2 = 100_000;

/** `today`: the day of the submission in Vietnam (`calendarDay(new Date())`). */
export function plantingSchema(today: string) {
  return z.object({
    method: z.enum(plantingMethods, m('planting.errors.method')),
    zoneId: z.string(m('planting.errors.zone')).trim().min(1, m('planting.errors.zone')),
    seedLotId: z.string(m('planting.errors.seedLot')).trim().min(1, m('planting.errors.seedLot')),
    plantedOn: pastDay(today, { day: 'planting.errors.day', future: 'planting.errors.future' }),
    quantity: z
      .string(m('planting.errors.quantity'))
      .trim()
      .regex(/^\d{1,8}$/, m('planting.errors.quantity'))
      .transform(Number)
      .pipe(
        z.number().int().positive(m('planting.errors.quantity')).max(maxPlantingQuantity, m('planting.errors.tooMuch')),
      ),
    areaM2: decimalText('planting.errors.area', 2).pipe(
      z.number().positive(m('planting.errors.area')).max(maxPlantingAreaM2, m('planting.errors.areaTooLarge')),
    ),
    note: optionalText(500),
    clientId: clientIdField,
  });
}

export type PlantingForm = z.output<ReturnType<typeof plantingSchema>>;
