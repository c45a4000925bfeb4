import { z } from 'zod';
import type { MessageKey } from '../i18n/i18n.ts';
import { plantingSchema } from './planting-form.ts';
import { seedLotSchema } from './seed-lot-form.ts';

// The forms that correct a seed lot or a planting (decision 016): the fields a correction may
// change, checked as when the record was made, the version corrected (so a correction made
// meanwhile is not overwritten unseen) and, required, why.
const m = (key: MessageKey) => ({ error: key });

const correctionOf = {
  corrects: z.coerce.number(m('errors.invalid')).int().min(0, m('errors.invalid')),
  reason: z
    .string(m('applyInput.errors.reason'))
    .trim()
    .min(1, m('applyInput.errors.reason'))
    .max(500, m('errors.tooLong')),
};

/** A seed lot's supplier, variety, lot number, quantity, day and certificate (not its crop or photo). */
export function seedLotCorrectionSchema(today: string) {
  return seedLotSchema(today).omit({ productId: true, photo: true }).extend(correctionOf);
}

/** A planting's seed lot, day, quantity and area (not its zone or method). */
export function plantingCorrectionSchema(today: string) {
  return plantingSchema(today)
    .pick({ seedLotId: true, plantedOn: true, quantity: true, areaM2: true, clientId: true })
    .extend(correctionOf);
}

export type SeedLotCorrectionForm = z.output<ReturnType<typeof seedLotCorrectionSchema>>;
export type PlantingCorrectionForm = z.output<ReturnType<typeof plantingCorrectionSchema>>;
