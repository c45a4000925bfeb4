import { describe, expect, it } from 'vitest';
import {
  correctionHistory,
  currentVersion,
  effectiveHarvest,
  effectivePlanting,
  effectiveSeedLot,
} from './corrections.ts';

const day = (d: string) => new Date(`${d}T00:00:00Z`);

describe('corrections of seed lots, plantings and harvests', () => {
  it('count the newest correction whatever order they are read in, and keep the original untouched', () => {
    const harvest = { id: 'h', harvestedAt: day('2026-11-20'), weightGrams: 40_000 };
    const corrections = [
      { version: 2, harvestedAt: day('2026-11-22'), weightGrams: 41_000 },
      { version: 1, harvestedAt: day('2026-11-21'), weightGrams: 42_000 },
    ];
    expect(effectiveHarvest(harvest, corrections)).toEqual({
      id: 'h',
      harvestedAt: day('2026-11-22'),
      weightGrams: 41_000,
    });
    expect(harvest.weightGrams).toBe(40_000);
    expect(currentVersion(corrections)).toBe(2);
    expect(currentVersion([])).toBe(0);
    expect(effectiveHarvest(harvest, [])).toBe(harvest);
  });

  it("put a planting's corrected day where its method says: the transplanting day of a transplant", () => {
    const correction = { version: 1, seedLotId: 'lot-2', plantedOn: day('2026-10-03'), quantity: 300, areaM2: 90 };
    const transplant = {
      seedLotId: 'lot-1',
      sownOn: null,
      transplantedOn: day('2026-10-01'),
      quantity: 320,
      areaM2: 100,
    };
    expect(effectivePlanting(transplant, [correction])).toEqual({
      seedLotId: 'lot-2',
      sownOn: null,
      transplantedOn: day('2026-10-03'),
      quantity: 300,
      areaM2: 90,
    });
    const sown = { ...transplant, sownOn: day('2026-10-01'), transplantedOn: null };
    expect(effectivePlanting(sown, [correction]).sownOn).toEqual(day('2026-10-03'));
  });

  it("lay a seed lot's corrected supplier, number and quantity over it, keeping what is not corrected", () => {
    const lot = {
      id: 'lot',
      photoId: 'photo',
      supplier: 'Trang Nông',
      variety: 'TL3',
      lotNumber: 'TN-1',
      receivedOn: day('2026-09-12'),
      quantity: 1200,
      quantityUnit: 'seeds',
      certificateNumber: null,
    };
    const fixed = effectiveSeedLot(lot, [{ ...lot, version: 1, lotNumber: 'TN-2', quantity: 1000 }]);
    expect(fixed).toMatchObject({ id: 'lot', photoId: 'photo', lotNumber: 'TN-2', quantity: 1000 });
  });

  it('tell each correction with the values before it: the record as written, then the previous correction', () => {
    const history = correctionHistory(
      { weightGrams: 40_000 },
      [
        { version: 2, weightGrams: 41_000 },
        { version: 1, weightGrams: 42_000 },
      ],
      (c) => ({ weightGrams: c.weightGrams }),
    );
    expect(history.map((h) => [h.correction.version, h.before.weightGrams, h.after.weightGrams])).toEqual([
      [1, 40_000, 42_000],
      [2, 42_000, 41_000],
    ]);
  });
});
