import { describe, expect, it } from 'vitest';
import { newListingSchema, priceText } from './listing-forms.ts';

const form = (change: Record<string, string>) => ({
  packLotId: 'lot1',
  titleVi: 'Cải xanh',
  titleEn: 'Mustard greens',
  unit: 'BUNCH',
  category: 'LEAFY_GREEN',
  priceVnd: '15000',
  stock: '10',
  ...change,
});

const price = (typed: string) => {
  const parsed = newListingSchema.safeParse(form({ priceVnd: typed }));
  return parsed.success ? parsed.data.priceVnd : parsed.error.issues[0]?.message;
};

describe('the price staff type', () => {
  it('takes whole đồng with or without thousands dots or spaces', () => {
    expect(price('45000')).toBe(45_000);
    expect(price('45.000')).toBe(45_000);
    expect(price('45 000')).toBe(45_000);
    expect(price('1.250.000')).toBe(1_250_000);
  });

  it('refuses a negative, zero, decimal or oversized price with the price message', () => {
    for (const typed of ['-45000', '0', '4,5', '45.00', '', 'abc', '100.000.001']) {
      expect(price(typed), typed).toBe('listings.errors.price');
    }
  });

  it('is shown again as it is typed', () => {
    expect(priceText(32_000)).toBe('32.000');
    expect(priceText(1_250_000)).toBe('1.250.000');
    expect(priceText(500)).toBe('500');
    expect(price(priceText(1_250_000))).toBe(1_250_000);
  });
});

describe('the listing form', () => {
  it('names each missing field with its own message', () => {
    const parsed = newListingSchema.safeParse({});
    const messages = Object.fromEntries((parsed.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));
    expect(messages).toMatchObject({
      packLotId: 'listings.errors.packLot',
      titleVi: 'errors.required',
      titleEn: 'errors.required',
      unit: 'listings.errors.unit',
      category: 'listings.errors.category',
      priceVnd: 'listings.errors.price',
      stock: 'listings.errors.stock',
    });
  });
});
