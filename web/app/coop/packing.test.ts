import { isRefusalOf } from '../errors/refusals.ts';
import { describe, expect, it } from 'vitest';
import { type HarvestToPack, gramsLeft, planPacking } from './packing.ts';

const harvest = (id: string, day: string, weightGrams: number, more: Partial<HarvestToPack> = {}): HarvestToPack => ({
  id,
  farmId: 'yd',
  productId: 'tomato',
  harvestedAt: new Date(`${day}T06:00:00+07:00`),
  weightGrams,
  packLots: [],
  ...more,
});

const order = { unitCount: 4, unitWeightGrams: 1000, packDate: '2026-12-04' };

function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('not refused');
}

describe('packing rules', () => {
  it('counts what earlier lots packed, and a lot sold by the piece as the whole harvest', () => {
    expect(
      gramsLeft(harvest('a', '2026-12-02', 60_000, { packLots: [{ unitCount: 110, unitWeightGrams: 500 }] })),
    ).toBe(5_000);
    expect(gramsLeft(harvest('a', '2026-12-02', 60_000, { packLots: [{ unitCount: 3, unitWeightGrams: null }] }))).toBe(
      0,
    );
  });

  it('packs from the oldest harvest first, one lot per harvest, a pack never split between two', () => {
    const parts = planPacking([harvest('new', '2026-12-03', 2_500), harvest('old', '2026-12-01', 2_500)], order);
    expect(parts).toEqual([
      { harvestId: 'old', unitCount: 2 },
      { harvestId: 'new', unitCount: 2 },
    ]);
  });

  it('refuses more whole packs than the harvests hold, saying what is left', () => {
    const error = refusal(() =>
      planPacking([harvest('a', '2026-12-01', 2_500), harvest('b', '2026-12-01', 2_500)], { ...order, unitCount: 5 }),
    );
    expect(isRefusalOf(error, 'PACK_OVER_HARVEST') && error.params).toEqual({ leftGrams: 5_000, fits: 4 });
    const over = refusal(() => planPacking([harvest('a', '2026-12-01', 3_999)], order));
    expect(isRefusalOf(over, 'PACK_OVER_HARVEST') && over.params).toEqual({ leftGrams: 3_999, fits: 3 });
  });

  it('refuses harvests of two farms or two products packed together', () => {
    const otherFarm = refusal(() =>
      planPacking([harvest('a', '2026-12-01', 9_000), harvest('b', '2026-12-01', 9_000, { farmId: 'hh' })], order),
    );
    expect(isRefusalOf(otherFarm, 'PACK_MIXED_HARVESTS')).toBe(true);
    const otherProduct = refusal(() =>
      planPacking(
        [harvest('a', '2026-12-01', 9_000), harvest('b', '2026-12-01', 9_000, { productId: 'cucumber' })],
        order,
      ),
    );
    expect(isRefusalOf(otherProduct, 'PACK_MIXED_HARVESTS')).toBe(true);
  });

  it('refuses a pack date before the day (in Vietnam) of the latest harvest chosen', () => {
    const late = harvest('b', '2026-12-05', 9_000);
    const error = refusal(() => planPacking([harvest('a', '2026-12-01', 9_000), late], order));
    expect(isRefusalOf(error, 'PACK_BEFORE_HARVEST') && error.params).toEqual({ day: { day: '2026-12-05' } });
    expect(planPacking([harvest('a', '2026-12-04', 9_000)], order)).toEqual([{ harvestId: 'a', unitCount: 4 }]);
  });
});
