import { describe, expect, it } from 'vitest';
import { demoNow, inputLog, plantingIn, rowCounts, useDemoDatabase, userId } from '../seed/demo-fixture.ts';
import { testDbKind } from '../testing.ts';
import { dateOnly, startOfDay } from './dates.ts';
import { isValidLotCode, makeLotCode } from './lot-code.ts';
import { DomainError } from '../domain-error.ts';
import { correctFarmLog, createPackLot, recordFarmLog, recordHarvest, saveListing } from './records.ts';
import { traceBackward } from './trace.ts';

// Each describe gets its own database with the demo seeded at 12:00 on 2026-11-28 (Vietnam).
// Its tests work on different plantings, so one test's writes do not change another's case.

/** Runs `work`, which must be refused with PHI_NOT_PASSED, and returns that refusal. */
async function phiError(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a refusal, got ${String(error)}`);
  expect(error.code).toBe('PHI_NOT_PASSED');
  return error;
}

describe(`pre-harvest interval on recording (${testDbKind()})`, () => {
  const db = useDemoDatabase();
  // Melon zone z2 of Xuân Hòa: Radiant 60SC (PHI 7 days) sprayed on 2026-11-26, two days ago.
  const z2 = () => plantingIn(db().prisma, 'seedline-xh-nm1', 'z2');
  const farmer = () => userId(db().prisma, 'nongdan.xh@seedline.vn');

  it('recordHarvest refuses the z2 melon today, naming Radiant 60SC and its clearance day 2026-12-03, and writes nothing', async () => {
    const { prisma } = db();
    const planting = await z2();
    const before = await rowCounts(prisma);

    const error = await phiError(
      recordHarvest(prisma, {
        plantingId: planting.id,
        harvestedAt: demoNow,
        weightGrams: 150_000,
        recordedById: await farmer(),
      }),
    );
    expect(error.params).toEqual({
      product: 'Radiant 60SC (spinetoram)',
      appliedOn: { day: '2026-11-26' },
      phiDays: 7,
      firstDay: { day: '2026-12-03' },
      others: 0,
    });

    expect(await rowCounts(prisma)).toEqual(before);
    expect((await z2()).status).toBe('GROWING');
  });

  it('recordHarvest still refuses at 23:59 on 2026-12-02, the day before clearance', async () => {
    const { prisma } = db();
    const before = await rowCounts(prisma);
    const error = await phiError(
      recordHarvest(prisma, {
        plantingId: (await z2()).id,
        harvestedAt: new Date(startOfDay('2026-12-03').getTime() - 60_000),
        weightGrams: 150_000,
        recordedById: await farmer(),
      }),
    );
    expect(error.params.firstDay).toEqual({ day: '2026-12-03' });
    expect(await rowCounts(prisma)).toEqual(before);
  });

  it('recordHarvest accepts the z2 melon from 00:00 on 2026-12-03, with its log entry', async () => {
    const { prisma } = db();
    const before = await rowCounts(prisma);
    const planting = await z2();
    const harvest = await recordHarvest(prisma, {
      plantingId: planting.id,
      harvestedAt: startOfDay('2026-12-03'),
      weightGrams: 150_000,
      recordedById: await farmer(),
    });
    expect(await rowCounts(prisma)).toEqual({
      ...before,
      harvests: before.harvests + 1,
      farmLogs: before.farmLogs + 1,
    });
    const log = await prisma.farmLog.findUniqueOrThrow({ where: { id: harvest.logId } });
    expect(log).toMatchObject({ kind: 'HARVEST', plantingId: planting.id, occurredAt: startOfDay('2026-12-03') });
    expect((await z2()).status).toBe('HARVESTING');
  });

  it('saveListing refuses to publish a lot whose input PHI a correction lengthened, and changes nothing', async () => {
    const { prisma } = db();
    // Cucumbers of Yên Định: Ridomil Gold (PHI 7) sprayed 2026-11-19, harvested and listed 2026-11-27.
    const planting = await plantingIn(prisma, 'seedline-yd-nl1', 'z2');
    const ridomil = await inputLog(prisma, planting.id, 'Ridomil Gold 68WG');
    const packLot = await prisma.packLot.findFirstOrThrow({ where: { harvest: { plantingId: planting.id } } });
    await correctFarmLog(prisma, ridomil.id, {
      recordedById: await userId(prisma, 'nongdan.yd@seedline.vn'),
      kind: 'INPUT_APPLICATION',
      occurredAt: ridomil.occurredAt,
      inputType: ridomil.inputType,
      inputProduct: ridomil.inputProduct,
      activeIngredient: ridomil.activeIngredient,
      dose: ridomil.dose,
      phiDays: 14,
      reason: 'Nhãn ghi thời gian cách ly 14 ngày',
    });
    const listingBefore = await prisma.listing.findUniqueOrThrow({ where: { packLotId: packLot.id } });
    const before = await rowCounts(prisma);

    const error = await phiError(
      saveListing(prisma, { packLotId: packLot.id, priceVnd: 27_000, stock: 40, published: true }, demoNow),
    );
    expect(error.params).toMatchObject({ phiDays: 14, firstDay: { day: '2026-12-03' }, others: 0 });
    expect(String(error.params.product)).toMatch(/^Ridomil Gold 68WG/);

    expect(await prisma.listing.findUniqueOrThrow({ where: { packLotId: packLot.id } })).toEqual(listingBefore);
    expect(await rowCounts(prisma)).toEqual(before);

    // Taking the listing off sale is allowed.
    const withdrawn = await saveListing(
      prisma,
      { packLotId: packLot.id, priceVnd: 27_000, stock: 40, published: false },
      demoNow,
    );
    expect(withdrawn).toMatchObject({ published: false, publishedAt: null, stock: 40 });
  });

  it('recordHarvest goes by the correction, not the entry it corrects: a PHI typed wrong and corrected no longer blocks', async () => {
    const { prisma } = db();
    // Lettuce of Hoằng Hóa, zone z2: no inputs in the seed.
    const planting = await plantingIn(prisma, 'seedline-hh-nl1', 'z2');
    const recordedById = await userId(prisma, 'nongdan.hh@seedline.vn');
    const input = {
      kind: 'INPUT_APPLICATION' as const,
      occurredAt: new Date(demoNow.getTime() - 2 * 86_400_000),
      recordedById,
      inputType: 'BIOLOGICAL' as const,
      inputProduct: 'Chế phẩm Bt',
      activeIngredient: 'Bacillus thuringiensis',
      dose: '20 g/bình 16 lít',
    };
    const typo = await recordFarmLog(prisma, { ...input, plantingId: planting.id, phiDays: 30 });
    const harvest = { plantingId: planting.id, harvestedAt: demoNow, weightGrams: 20_000, recordedById };
    expect((await phiError(recordHarvest(prisma, harvest))).params).toMatchObject({ phiDays: 30 });

    await correctFarmLog(prisma, typo.id, { ...input, phiDays: 1, reason: 'Thời gian cách ly đúng là 1 ngày' });
    await expect(recordHarvest(prisma, harvest)).resolves.toMatchObject({ plantingId: planting.id });
  });
});

describe(`append-only farm records (${testDbKind()})`, () => {
  const db = useDemoDatabase();
  // Melon zone z1 of Xuân Hòa was harvested, packed and sold (orders SL-DEMO01 and SL-DEMO02).
  const sold = () => plantingIn(db().prisma, 'seedline-xh-nm1', 'z1');
  const farmer = () => userId(db().prisma, 'nongdan.xh@seedline.vn');

  // Lettuce of Hoằng Hóa, zone z2: not harvested, nothing of it sold. Records are append-only
  // from the moment they are written, not from the sale.
  const unsold = () => plantingIn(db().prisma, 'seedline-hh-nl1', 'z2');

  it('the database refuses a direct SQL UPDATE of a farm log, sold or not, and the row stays as it was', async () => {
    const { prisma } = db();
    for (const planting of [await sold(), await unsold()]) {
      const log = await prisma.farmLog.findFirstOrThrow({ where: { plantingId: planting.id, kind: 'SOWING' } });
      await expect(
        prisma.$executeRawUnsafe(`UPDATE "FarmLog" SET "note" = 'Sửa tại chỗ' WHERE "id" = $1`, log.id),
      ).rejects.toThrow(/FarmLog \S+ is a farm record and is append-only/);
      expect(await prisma.farmLog.findUniqueOrThrow({ where: { id: log.id } })).toEqual(log);
    }
  });

  it('the database refuses a direct SQL DELETE of a farm log, sold or not', async () => {
    const { prisma } = db();
    for (const planting of [await sold(), await unsold()]) {
      const log = await prisma.farmLog.findFirstOrThrow({ where: { plantingId: planting.id, kind: 'SOWING' } });
      await expect(prisma.$executeRawUnsafe(`DELETE FROM "FarmLog" WHERE "id" = $1`, log.id)).rejects.toThrow(
        /FarmLog \S+ is a farm record and is append-only/,
      );
      expect(await prisma.farmLog.findUnique({ where: { id: log.id } })).toEqual(log);
    }
  });

  it('the database refuses to update or delete a harvest or a seed lot, through Prisma too', async () => {
    const { prisma } = db();
    const before = await rowCounts(prisma);
    const harvest = await prisma.harvest.findFirstOrThrow({ where: { plantingId: (await sold()).id } });
    await expect(
      prisma.$executeRawUnsafe(`UPDATE "Harvest" SET "weightGrams" = 1 WHERE "id" = $1`, harvest.id),
    ).rejects.toThrow(/Harvest \S+ is a farm record and is append-only/);
    await expect(prisma.harvest.delete({ where: { id: harvest.id } })).rejects.toThrow(/append-only/);
    const seedLot = (await unsold()).seedLot;
    await expect(prisma.seedLot.update({ where: { id: seedLot.id }, data: { lotNumber: 'SỬA-01' } })).rejects.toThrow(
      /append-only/,
    );
    await expect(prisma.$executeRawUnsafe(`DELETE FROM "SeedLot" WHERE "id" = $1`, seedLot.id)).rejects.toThrow(
      /SeedLot \S+ is a farm record and is append-only/,
    );
    expect(await prisma.harvest.findUniqueOrThrow({ where: { id: harvest.id } })).toEqual(harvest);
    expect(await rowCounts(prisma)).toEqual(before);
  });

  it('recordFarmLog stores a record sent twice with the same clientId once, and answers the first both times', async () => {
    const { prisma } = db();
    const planting = await unsold();
    const input = {
      plantingId: planting.id,
      kind: 'OBSERVATION' as const,
      occurredAt: demoNow,
      recordedById: await farmer(),
      note: 'Rệp xuất hiện ở hàng 3',
      clientId: '0b7f3d1e-8c1a-4d7e-9a55-4f1c2b3a4d5e',
    };
    const before = await prisma.farmLog.count();
    const first = await recordFarmLog(prisma, input);
    const again = await recordFarmLog(prisma, { ...input, note: 'gửi lại' });
    const together = await Promise.all([recordFarmLog(prisma, input), recordFarmLog(prisma, input)]);
    expect(again).toEqual(first);
    expect(together).toEqual([first, first]);
    expect(await prisma.farmLog.count()).toBe(before + 1);
  });

  it("refuses a clientId another farmer's record holds (RECORD_ID_TAKEN) rather than answer with that record", async () => {
    const { prisma } = db();
    const planting = await unsold();
    const input = {
      plantingId: planting.id,
      kind: 'OBSERVATION' as const,
      occurredAt: demoNow,
      recordedById: await farmer(),
      note: 'Ghi chú',
      clientId: 'c2a1f0e9-0000-4000-8000-000000000001',
    };
    await recordFarmLog(prisma, input);
    const other = await userId(prisma, 'nongdan.yd@seedline.vn');
    await expect(recordFarmLog(prisma, { ...input, recordedById: other })).rejects.toMatchObject({
      code: 'RECORD_ID_TAKEN',
    });
  });

  it('correctFarmLog adds an entry that points at the original, and the original stays as it was', async () => {
    const { prisma } = db();
    const planting = await sold();
    const original = await inputLog(prisma, planting.id, 'Radiant 60SC');
    const logsBefore = await prisma.farmLog.count({ where: { plantingId: planting.id } });

    const correction = await correctFarmLog(prisma, original.id, {
      recordedById: await farmer(),
      kind: 'INPUT_APPLICATION',
      occurredAt: original.occurredAt,
      inputType: original.inputType,
      inputProduct: original.inputProduct,
      activeIngredient: original.activeIngredient,
      dose: '20 ml/bình 16 lít',
      phiDays: original.phiDays,
      reason: 'Sửa liều lượng',
    });
    expect(correction.id).not.toBe(original.id);
    expect(correction).toMatchObject({ correctsId: original.id, plantingId: planting.id, dose: '20 ml/bình 16 lít' });
    expect(await prisma.farmLog.count({ where: { plantingId: planting.id } })).toBe(logsBefore + 1);
    expect(await prisma.farmLog.findUniqueOrThrow({ where: { id: original.id } })).toEqual(original);

    // The lot's story shows both, and counts the correction.
    const packLot = await prisma.packLot.findFirstOrThrow({ where: { harvest: { plantingId: planting.id } } });
    const trace = (await traceBackward(prisma, packLot.lotCode))!;
    const radiant = trace.logs.filter((l) => l.inputProduct === 'Radiant 60SC');
    expect(radiant.map((l) => [l.id, l.correctedById])).toEqual(
      expect.arrayContaining([
        [original.id, correction.id],
        [correction.id, null],
      ]),
    );
    expect(trace.inputs.filter((i) => i.log.inputProduct === 'Radiant 60SC').map((i) => i.log.dose)).toEqual([
      '20 ml/bình 16 lít',
    ]);
  });

  it('correctFarmLog refuses to correct an entry twice: the newest entry of the chain is corrected instead', async () => {
    const { prisma } = db();
    const planting = await sold();
    const original = await inputLog(prisma, planting.id, 'Amistar Top 325SC'); // corrected by the seed
    const correction = {
      recordedById: await farmer(),
      kind: 'INPUT_APPLICATION' as const,
      occurredAt: original.occurredAt,
      reason: 'Ghi nhầm liều',
    };
    await expect(correctFarmLog(prisma, original.id, { ...correction, dose: '9 ml' })).rejects.toMatchObject({
      code: 'RECORD_ALREADY_CORRECTED',
    });
    const newest = await prisma.farmLog.findFirstOrThrow({ where: { correctsId: original.id } });
    const second = await correctFarmLog(prisma, newest.id, {
      ...correction,
      inputProduct: 'Amistar Top 325SC',
      dose: '9 ml',
    });
    expect(second.correctsId).toBe(newest.id);
  });

  it("leaves out of a lot's story an entry recorded for after its harvest", async () => {
    const { prisma } = db();
    const planting = await sold();
    await recordFarmLog(prisma, {
      plantingId: planting.id,
      kind: 'OBSERVATION',
      occurredAt: demoNow,
      recordedById: await farmer(),
      note: 'Dọn luống sau thu hoạch',
    });
    const packLot = await prisma.packLot.findFirstOrThrow({ where: { harvest: { plantingId: planting.id } } });
    const trace = (await traceBackward(prisma, packLot.lotCode))!;
    expect(trace.logs.map((l) => l.note)).not.toContain('Dọn luống sau thu hoạch');
    expect(trace.logs.at(-1)!.kind).toBe('HARVEST');
  });
});

describe(`pack lot codes (${testDbKind()})`, () => {
  const db = useDemoDatabase();

  async function harvestNow(thingName: string, zoneKey: string, email: string) {
    const { prisma } = db();
    const planting = await plantingIn(prisma, thingName, zoneKey);
    return recordHarvest(prisma, {
      plantingId: planting.id,
      harvestedAt: demoNow,
      weightGrams: 30_000,
      recordedById: await userId(prisma, email),
    });
  }

  it('createPackLot numbers the lots of one farm and day 01, 02, 03, each with a valid check character', async () => {
    const { prisma } = db();
    // Yên Định packed on 2026-11-26 and 2026-11-27 in the seed, nothing yet on 2026-11-28.
    const harvest = await harvestNow('seedline-yd-nl1', 'z1', 'nongdan.yd@seedline.vn');
    const codes: string[] = [];
    for (const hour of [1, 2, 3]) {
      const lot = await createPackLot(prisma, {
        harvestId: harvest.id,
        unitCount: 20,
        unitWeightGrams: 500,
        packedAt: new Date(demoNow.getTime() + hour * 3_600_000),
        bestBeforeDays: 7,
      });
      expect(lot.packedOn).toEqual(dateOnly('2026-11-28'));
      expect(lot.bestBefore).toEqual(dateOnly('2026-12-05'));
      codes.push(lot.lotCode);
    }
    expect(codes).toEqual([1, 2, 3].map((sequence) => makeLotCode({ farmCode: 'YD', packedOn: demoNow, sequence })));
    expect(codes.map((c) => c.slice(0, -2))).toEqual(['YD-261128-01', 'YD-261128-02', 'YD-261128-03']);
    for (const code of codes) expect(isValidLotCode(code)).toBe(true);
  });

  it('createPackLot gives lots packed at the same moment distinct, consecutive numbers', async () => {
    const { prisma } = db();
    // Xuân Hòa has not packed on 2026-11-29; eight lots of one harvest are packed at once.
    const harvest = await harvestNow('seedline-xh-nm1', 'z1', 'nongdan.xh@seedline.vn');
    const packedAt = new Date('2026-11-29T03:00:00Z');
    const lots = await Promise.all(
      Array.from({ length: 8 }, () =>
        createPackLot(prisma, {
          harvestId: harvest.id,
          unitCount: 5,
          unitWeightGrams: null,
          packedAt,
          bestBeforeDays: 10,
        }),
      ),
    );
    expect(lots.map((l) => l.lotCode).sort()).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((sequence) => makeLotCode({ farmCode: 'XH', packedOn: packedAt, sequence })),
    );
  });

  it('createPackLot continues a day that already has lots, counts each farm apart, and uses the day in Vietnam', async () => {
    const { prisma } = db();
    const otherFarm = () => prisma.packLot.count({ where: { lotCode: { startsWith: 'YD-' } } });
    const otherFarmBefore = await otherFarm();
    // Hoằng Hóa packed HH-261128-01 in the seed.
    const harvest = await harvestNow('seedline-hh-nl1', 'z1', 'nongdan.hh@seedline.vn');
    const pack = (packedAt: Date) =>
      createPackLot(prisma, {
        harvestId: harvest.id,
        unitCount: 10,
        unitWeightGrams: 300,
        packedAt,
        bestBeforeDays: 3,
      });
    // 23:30 on 2026-11-28 in Vietnam is still the 28th; 00:30 on the 29th is the next day.
    expect((await pack(new Date('2026-11-28T16:30:00Z'))).lotCode).toMatch(/^HH-261128-02-.$/);
    expect((await pack(new Date('2026-11-28T17:30:00Z'))).lotCode).toMatch(/^HH-261129-01-.$/);
    expect((await pack(demoNow)).lotCode).toMatch(/^HH-261128-03-.$/);
    expect(await otherFarm()).toBe(otherFarmBefore);
  });
});
