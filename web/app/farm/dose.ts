import type { DoseUnit, InputType } from '@seedline/db';

// Doses as the register states them: a number in one of four units. ml/L and g/L are a
// concentration in the spray tank (product per litre of water, as Vietnamese labels give
// "pha 15 ml/bình 16 lít" = 0.94 ml/L); kg/ha and L/ha a rate per hectare (fertilisers, granules).
// A product's maximum and every dose recorded of it share the product's unit, so comparing them
// needs no conversion.

/** The register's kinds of input (the schema's InputType), for forms that run in the browser too. */
export const inputTypes = [
  'FERTILISER',
  'PESTICIDE',
  'FUNGICIDE',
  'HERBICIDE',
  'BIOLOGICAL',
  'OTHER',
] as const satisfies readonly InputType[];

export const doseUnits = ['ML_PER_L', 'G_PER_L', 'KG_PER_HA', 'L_PER_HA'] as const satisfies readonly DoseUnit[];

/** The unit as written on labels and in the record book: the same in Vietnamese and English. */
export const doseUnitText: Record<DoseUnit, string> = {
  ML_PER_L: 'ml/L',
  G_PER_L: 'g/L',
  KG_PER_HA: 'kg/ha',
  L_PER_HA: 'L/ha',
};

/** A decimal number as typed on a Vietnamese phone (comma) or an English one (point), up to 3 decimals. */
export const decimalPattern = /^\d{1,6}([.,]\d{1,3})?$/;

export function parseDecimal(value: string): number {
  return Number(value.replace(',', '.'));
}

/** A dose for people: "1,5 ml/L" in Vietnamese, "1.5 ml/L" in English (a message parameter). */
export function doseText(amount: number, unit: DoseUnit): { vi: string; en: string } {
  const number = (locale: string) => amount.toLocaleString(locale, { maximumFractionDigits: 3 });
  return { vi: `${number('vi-VN')} ${doseUnitText[unit]}`, en: `${number('en-GB')} ${doseUnitText[unit]}` };
}

/** Whether a dose stays within the register's maximum (both in the product's unit). */
export function withinMaximum(amount: number, maxDose: number): boolean {
  // Both came from at most three decimals: compare in thousandths, free of binary fractions.
  return Math.round(amount * 1000) <= Math.round(maxDose * 1000);
}
