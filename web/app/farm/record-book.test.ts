import { describe, expect, it } from 'vitest';
import { type LogRow, type RecordBookInput, recordBook, recordBookFileNames } from './record-book.ts';

// 12:00 in Vietnam on a day of November 2026.
const at = (day: number, hour = 12) => new Date(Date.UTC(2026, 10, day, hour - 7));

let counter = 0;
function log(kind: LogRow['kind'], day: number, more: Partial<LogRow> = {}): LogRow {
  counter++;
  return {
    id: `log-${counter}`,
    kind,
    occurredAt: at(day),
    recordedAt: at(day, 18),
    recordedBy: 'Nguyễn Văn An',
    note: null,
    inputType: null,
    inputProduct: null,
    activeIngredient: null,
    dose: null,
    doseAmount: null,
    doseUnit: null,
    areaM2: null,
    appliedBy: null,
    registrationNumber: null,
    phiDays: null,
    observation: null,
    correctsId: null,
    reason: null,
    ...more,
  };
}

const spray = (day: number, more: Partial<LogRow> = {}) =>
  log('INPUT_APPLICATION', day, {
    inputType: 'PESTICIDE',
    inputProduct: 'Radiant 60SC',
    activeIngredient: 'spinetoram',
    dose: '25 ml/bình 16 lít',
    phiDays: 7,
    ...more,
  });

function input(logs: LogRow[], harvests: RecordBookInput['harvests'] = []): RecordBookInput {
  return {
    printedAt: at(28),
    farm: {
      name: 'Trang trại Xuân Hòa',
      commune: 'xã Thọ Xuân',
      province: 'Thanh Hóa',
      address: null,
      certifications: [],
    },
    greenhouse: { name: 'Nhà màng số 1', areaM2: 1000 },
    zone: { name: 'Luống A', key: 'z1', areaM2: 120 },
    product: { nameVi: 'Dưa lưới' },
    planting: {
      id: 'p1',
      status: 'HARVESTING',
      sownOn: new Date('2026-09-11T00:00:00Z'),
      transplantedOn: null,
      expectedHarvestOn: null,
      endedOn: null,
      quantity: null,
      quantityUnit: null,
      areaM2: null,
    },
    seedLot: {
      supplier: 'Trang Nông',
      variety: 'TL3',
      lotNumber: 'TN-1',
      receivedOn: new Date('2026-09-06T00:00:00Z'),
      quantity: 1200,
      quantityUnit: 'seeds',
      certificateNumber: null,
    },
    logs,
    harvests,
    irrigation: null,
  };
}

describe('a record book', () => {
  it('puts each correction right after the entry it corrects, the original marked superseded, with reason, who and when', () => {
    const first = spray(3);
    const second = spray(5, { inputType: 'FUNGICIDE', inputProduct: 'Amistar Top 325SC', dose: '10 ml/bình 16 lít' });
    const third = spray(9, { inputType: 'FERTILISER', inputProduct: 'NPK', phiDays: null });
    const fix = {
      ...second,
      id: 'fix',
      dose: '8 ml/bình 16 lít',
      correctsId: second.id,
      reason: 'ghi nhầm 10 ml',
      recordedBy: 'Trần Thị Bình',
      recordedAt: at(20, 9),
    };
    // Stored out of order: the book sorts.
    const book = recordBook(input([third, fix, second, first]));
    expect(book.inputs.map((line) => [line.id, line.superseded, line.correction?.number ?? null])).toEqual([
      [first.id, false, null],
      [second.id, true, null],
      ['fix', false, 1],
      [third.id, false, null],
    ]);
    expect(book.inputs[2]!.correction).toEqual({
      number: 1,
      correctsId: second.id,
      reason: 'ghi nhầm 10 ml',
      by: 'Trần Thị Bình',
      at: at(20, 9),
    });
    expect(book.inputs[2]!.dose).toBe('8 ml/bình 16 lít');
    expect(book.inputs[1]!.dose).toBe('10 ml/bình 16 lít');
    expect(book.totals).toMatchObject({ inputs: 3, corrections: 1 });
  });

  it('keeps a correction of a correction in the same chain, numbered, only the last standing', () => {
    const obs = log('OBSERVATION', 4, { note: 'Bọ trĩ' });
    const fix1 = log('OBSERVATION', 4, { note: 'Rệp', correctsId: obs.id, reason: 'nhầm sâu' });
    const fix2 = log('OBSERVATION', 4, { note: 'Rệp muội', correctsId: fix1.id, reason: 'rõ hơn' });
    const other = log('OBSERVATION', 2, { note: 'Cây đều' });
    const book = recordBook(input([fix2, obs, other, fix1]));
    expect(book.observations.map((l) => [l.note, l.superseded, l.correction?.number ?? null])).toEqual([
      ['Cây đều', false, null],
      ['Bọ trĩ', true, null],
      ['Rệp', true, 1],
      ['Rệp muội', false, 2],
    ]);
    expect(book.totals).toMatchObject({ observations: 2, corrections: 2 });
  });

  it('sorts a corrected entry by the date its correction gives it', () => {
    const late = log('OBSERVATION', 10, { note: 'muộn' });
    const early = log('OBSERVATION', 6, { note: 'sớm' });
    const moved = log('OBSERVATION', 12, { note: 'sớm', correctsId: early.id, reason: 'sai ngày' });
    const book = recordBook(input([late, early, moved]));
    expect(book.observations.map((l) => l.id)).toEqual([late.id, early.id, moved.id]);
  });

  it('sorts work by kind into its section: seed received, sowing and transplanting apart from inputs and observations', () => {
    const book = recordBook(
      input([log('TRANSPLANTING', 8), log('SEED_RECEIVED', 1), log('SOWING', 2), spray(9), log('OBSERVATION', 9)]),
    );
    expect(book.work.map((l) => l.kind)).toEqual(['SEED_RECEIVED', 'SOWING', 'TRANSPLANTING']);
    expect(book.inputs).toHaveLength(1);
    expect(book.observations).toHaveLength(1);
  });

  it('totals harvests in kg and says whether each interval was waited for', () => {
    const sprayed = spray(10);
    const h1 = log('HARVEST', 14, { note: 'sớm' });
    const h2 = log('HARVEST', 20);
    const book = recordBook(
      input(
        [sprayed, h1, h2],
        [
          { logId: h1.id, weightGrams: 12_500 },
          { logId: h2.id, weightGrams: 380_000 },
        ],
      ),
    );
    expect(book.totals).toMatchObject({ harvests: 2, harvestKg: 392.5 });
    expect(book.harvestLines.map((l) => l.weightKg)).toEqual([12.5, 380]);
    // Applied on the 10th with 7 days: harvest allowed from the 17th; one harvest came on the 14th.
    expect(book.inputs[0]).toMatchObject({ clearsOn: '2026-11-17', intervalHonoured: false });
  });

  it('counts an interval as honoured when every harvest since came on or after the day it clears, and unknown without one', () => {
    const sprayed = spray(10);
    const later = spray(25);
    const fertiliser = spray(11, { phiDays: null, inputProduct: 'NPK' });
    const harvest = log('HARVEST', 17);
    const book = recordBook(input([sprayed, later, fertiliser, harvest], [{ logId: harvest.id, weightGrams: 1000 }]));
    expect(book.inputs.map((l) => [l.product, l.clearsOn, l.intervalHonoured])).toEqual([
      ['Radiant 60SC', '2026-11-17', true],
      ['NPK', null, null],
      ['Radiant 60SC', '2026-12-02', null],
    ]);
  });
});

describe('a record book with corrected harvests, seed lot and planting', () => {
  it('prints a corrected harvest at its corrected time and weight, judges intervals by it, and counts every correction', () => {
    const sprayed = spray(10);
    const harvest = log('HARVEST', 14);
    const correctedAt = at(18);
    const correction = {
      record: 'HARVEST' as const,
      version: 1,
      reason: 'Ghi nhầm ngày',
      recordedBy: 'Lê Văn Hòa',
      recordedAt: at(19),
      before: { harvestedAt: at(14), weightGrams: 12_500 },
      after: { harvestedAt: correctedAt, weightGrams: 12_000 },
    };
    const book = recordBook({
      ...input([sprayed, harvest], [{ logId: harvest.id, weightGrams: 12_000, correctedAt }]),
      recordCorrections: [correction],
    });
    expect(book.harvestLines.map((l) => [l.occurredAt, l.weightKg])).toEqual([[correctedAt, 12]]);
    // Applied on the 10th with 7 days: clears on the 17th; the harvest, corrected to the 18th, waited.
    expect(book.inputs[0]).toMatchObject({ clearsOn: '2026-11-17', intervalHonoured: true });
    expect(book.totals).toMatchObject({ harvestKg: 12, corrections: 1 });
    expect(book.recordCorrections).toEqual([correction]);
  });
});

describe("a record book's file names", () => {
  it('are the product, the zone and the day printed, in Vietnamese and in plain ASCII', () => {
    const names = recordBookFileNames({
      product: { nameVi: 'Dưa lưới' },
      zone: { name: 'Luống Đ/2' },
      printedAt: new Date('2026-11-28T18:00:00Z'),
    });
    // 01:00 on the 29th in Vietnam.
    expect(names).toEqual({
      vietnamese: 'Sổ ghi chép Dưa lưới Luống Đ 2 2026-11-29.pdf',
      ascii: 'so-ghi-chep-dua-luoi-luong-d-2-2026-11-29.pdf',
    });
  });
});
