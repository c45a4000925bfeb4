import { z } from 'zod';
import { pastDay } from '../farm/seed-lot-form.ts';
import type { MessageKey } from '../i18n/i18n.ts';

// Packing harvests into pack lots, as staff type it. The harvests are checkboxes that all post
// `harvestId`; `joinHarvestIds` gathers them into one field first, because the form contract
// reads one value per name.
const m = (key: MessageKey) => ({ error: key });

const wholeNumber = (key: MessageKey, max: number) =>
  z
    .string(m(key))
    .trim()
    .regex(/^\d{1,6}$/, m(key))
    .transform(Number)
    .pipe(z.number().int().min(1, m(key)).max(max, m(key)));

/** `today`: the day of the submission in Vietnam (`calendarDay(new Date())`). */
export const packingSchema = (today: string) =>
  z.object({
    harvestIds: z
      .string(m('packing.errors.harvests'))
      .transform((ids) => ids.split(',').filter(Boolean))
      .pipe(z.array(z.string().max(40)).min(1, m('packing.errors.harvests')).max(50, m('packing.errors.harvests'))),
    unitCount: wholeNumber('packing.errors.count', 10_000),
    unitWeightGrams: wholeNumber('packing.errors.weight', 50_000),
    packDate: pastDay(today, { day: 'packing.errors.date', future: 'packing.errors.future' }),
    bestBeforeDays: wholeNumber('packing.errors.bestBefore', 365),
  });

export type PackingForm = z.output<ReturnType<typeof packingSchema>>;

/** The posted form with every ticked `harvestId` joined into one `harvestIds` field. */
export function joinHarvestIds(form: FormData): FormData {
  const joined = new FormData();
  for (const [name, value] of form) if (name !== 'harvestId') joined.append(name, value);
  joined.set(
    'harvestIds',
    form
      .getAll('harvestId')
      .filter((v) => typeof v === 'string')
      .join(','),
  );
  return joined;
}
