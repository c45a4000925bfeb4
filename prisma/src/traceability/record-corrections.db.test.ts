import { describe, expect, it } from 'vitest';
import { plantingIn, useDemoDatabase, userId } from '../seed/demo-fixture.ts';
import { testDbKind } from '../testing.ts';
import { dateOnly } from './dates.ts';
import { correctHarvest, correctPlanting, correctSeedLot } from './record-corrections.ts';
import { createPackLot, recordHarvest, saveListing } from './records.ts';
import { traceBackward } from './trace.ts';

// Corrections of seed lots, plantings and harvests (decision 016): rows of their own beside the
// record, which stays as written; what counts is the newest correction.

const refusal = (code: string) => expect.objectContaining({ code });

describe(`corrections of seed lots, plantings and harvests (${testDbKind()})`, () => {
  const db = useDemoDatabase();
  // Melon zone z2 of Xuân Hòa: Radiant 60SC (PHI 7 days) sprayed on 2026-11-26, clears 2026-12-03.
  const z2 = () => plantingIn(db().prisma, 'seedline-xh-nm1', 'z2');
  const farmer = () => userId(db().prisma, 'nongdan.xh@seedline.vn');
  const clearedAt = new Date('2026-12-03T02:00:00Z');

  async function harvestOfZ2() {
    const { prisma } = db();
    const planting = await z2();
    const recordedById = await farmer();
    const harvest = await recordHarvest(prisma, {
      plantingId: planting.id,
      harvestedAt: clearedAt,
      weightGrams: 120_000,
      recordedById,
    });
    return { prisma, planting, harvest, recordedById };
  }

  it('a harvest corrected into the interval is refused, naming the product; the harvest stays as recorded', async () => {
    const { prisma, harvest, recordedById } = await harvestOfZ2();
    const inside = { corrects: 0, reason: 'Ghi nhầm ngày', recordedById, weightGrams: 120_000 };
    await expect(
      correctHarvest(prisma, harvest.id, { ...inside, harvestedAt: new Date('2026-12-02T02:00:00Z') }),
    ).rejects.toEqual(
      expect.objectContaining({
        code: 'PHI_NOT_PASSED',
        params: expect.objectContaining({ product: 'Radiant 60SC (spinetoram)' }),
      }),
    );
    expect(await prisma.harvestCorrection.count({ where: { harvestId: harvest.id } })).toBe(0);
    expect(await prisma.harvest.findUniqueOrThrow({ where: { id: harvest.id } })).toEqual(harvest);
  });

  it("a corrected harvest's lot tells the corrected time and weight, the original beside it; a listing is checked at the corrected time", async () => {
    const { prisma, harvest, recordedById } = await harvestOfZ2();
    const fix = {
      corrects: 0,
      reason: 'Cân lại cả thùng',
      recordedById,
      clientId: '5c0e2d7a-1b3f-4e6a-9c8d-7f2a1b3c4d5e',
    };
    const at = new Date('2026-12-04T01:30:00Z');
    const first = await correctHarvest(prisma, harvest.id, { ...fix, harvestedAt: at, weightGrams: 118_500 });
    // Sent again: the same row, nothing more.
    expect(await correctHarvest(prisma, harvest.id, { ...fix, harvestedAt: at, weightGrams: 118_500 })).toEqual(first);
    expect(first.version).toBe(1);
    // A second correction of the record as written (not of the newest correction) is refused.
    await expect(
      correctHarvest(prisma, harvest.id, { ...fix, clientId: null, harvestedAt: at, weightGrams: 1 }),
    ).rejects.toEqual(refusal('RECORD_ALREADY_CORRECTED'));
    const lot = await createPackLot(prisma, {
      harvestId: harvest.id,
      unitCount: 40,
      unitWeightGrams: 2_500,
      packedAt: at,
      bestBeforeDays: 10,
    });
    const trace = (await traceBackward(prisma, lot.lotCode))!;
    expect(trace.harvest).toMatchObject({ id: harvest.id, harvestedAt: at, weightGrams: 118_500 });
    expect(trace.corrections.harvest).toEqual([
      expect.objectContaining({
        version: 1,
        reason: 'Cân lại cả thùng',
        before: { harvestedAt: clearedAt, weightGrams: 120_000 },
        after: { harvestedAt: at, weightGrams: 118_500 },
      }),
    ]);
    expect(
      await saveListing(prisma, { packLotId: lot.id, priceVnd: 95_000, stock: 40, published: true }),
    ).toMatchObject({ published: true });
  });

  it('a planting corrected to another seed lot, and that lot corrected: the batch tells the lot as it counts', async () => {
    const { prisma, planting, harvest, recordedById } = await harvestOfZ2();
    const other = await prisma.seedLot.create({
      data: {
        productId: planting.productId,
        farmId: planting.seedLot.farmId,
        supplier: 'Công ty TNHH Hạt giống Trang Nông',
        variety: 'Dưa lưới F1 TL3',
        lotNumber: 'TN-DL-SAI-SO',
        receivedOn: planting.seedLot.receivedOn,
        quantity: 1000,
        quantityUnit: 'seeds',
        recordedById,
      },
    });
    const plantedOn = dateOnly('2026-10-02');
    await correctPlanting(prisma, planting.id, {
      corrects: 0,
      reason: 'Chọn nhầm lô',
      recordedById,
      seedLotId: other.id,
      plantedOn,
      quantity: 300,
      areaM2: 100,
    });
    const fixedLot = {
      supplier: other.supplier,
      variety: other.variety,
      receivedOn: other.receivedOn,
      quantity: 1000,
      quantityUnit: 'seeds',
      certificateNumber: null,
    };
    await correctSeedLot(prisma, other.id, {
      ...fixedLot,
      corrects: 0,
      reason: 'Số lô in mờ',
      recordedById,
      lotNumber: 'TN-DL-2610-031',
    });
    const lot = await createPackLot(prisma, {
      harvestId: harvest.id,
      unitCount: 10,
      unitWeightGrams: null,
      packedAt: clearedAt,
      bestBeforeDays: 10,
    });
    const trace = (await traceBackward(prisma, lot.lotCode))!;
    expect(trace.seedLot).toMatchObject({ id: other.id, lotNumber: 'TN-DL-2610-031' });
    expect(trace.planting).toMatchObject({ id: planting.id, seedLotId: other.id, quantity: 300, areaM2: 100 });
    expect(trace.corrections.planting.map((c) => [c.before.lotNumber, c.after.lotNumber])).toEqual([
      [planting.seedLot.lotNumber, 'TN-DL-SAI-SO'],
    ]);
    expect(trace.corrections.seedLot.map((c) => [c.before.lotNumber, c.after.lotNumber, c.recordedBy])).toEqual([
      ['TN-DL-SAI-SO', 'TN-DL-2610-031', expect.any(String)],
    ]);
    // The record as written is still there, unchanged.
    expect(await prisma.planting.findUniqueOrThrow({ where: { id: planting.id } })).toMatchObject({
      seedLotId: planting.seedLotId,
    });
  });

  it('the database refuses to update or delete a correction, as it refuses it for the records', async () => {
    const { prisma, harvest, recordedById } = await harvestOfZ2();
    const row = await correctHarvest(prisma, harvest.id, {
      corrects: 0,
      reason: 'Cân lại',
      recordedById,
      harvestedAt: clearedAt,
      weightGrams: 119_000,
    });
    for (const table of ['HarvestCorrection', 'SeedLotCorrection', 'PlantingCorrection']) {
      await expect(
        prisma.$executeRawUnsafe(`UPDATE "${table}" SET "reason" = 'Sửa tại chỗ' WHERE "version" >= 1`),
      ).rejects.toThrow(new RegExp(`${table} \\S+ is a farm record and is append-only`));
      await expect(prisma.$executeRawUnsafe(`DELETE FROM "${table}" WHERE "version" >= 1`)).rejects.toThrow(
        /append-only/,
      );
    }
    expect(await prisma.harvestCorrection.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
    // A correction without a reason is refused by the database too.
    await expect(
      prisma.harvestCorrection.create({
        data: { harvestId: harvest.id, version: 9, reason: ' ', recordedById, harvestedAt: clearedAt, weightGrams: 1 },
      }),
    ).rejects.toThrow(/reason_check/);
  });
});
