import { correctHarvest, createPackLot, gtinCheckDigit, recordHarvest } from '@seedline/db';
import type { Database } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import { CROPS, cropCoefficient } from '@seedline/firmware-bridge/crop';
import { extraterrestrialRadiation, hargreavesEt0, radiationAsEvaporation } from '@seedline/firmware-bridge/et';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchStory } from './batches.server.ts';
import { packLotWaterFootprint } from './water-footprint.server.ts';

const H = 3_600_000;
// Transplanted on 1 October 2026 (Vietnam): the planting's life starts at 2026-09-30T17:00Z.
const start = Date.parse('2026-09-30T17:00:00Z');
const at = (hours: number) => new Date(start + hours * H);
/** Hargreaves ET0 at 20° N of a day whose hours ran from 20 to 30 °C, mm. */
const et0 = (dayOfYear: number) =>
  hargreavesEt0(20, 30, radiationAsEvaporation(extraterrestrialRadiation(20, dayOfYear)));

describe('the water footprint of a pack lot', () => {
  let database: Database;
  const prisma = () => database.prisma;
  const lots: { first: { id: string; lotCode: string }; second: { id: string; lotCode: string } } = {
    first: { id: '', lotCode: '' },
    second: { id: '', lotCode: '' },
  };
  let cucumberLot = { id: '', lotCode: '' };

  beforeAll(async () => {
    database = await openTestDatabase();
    const db = prisma();
    const farm = await db.farm.create({
      data: { code: 'WF', name: 'Trại thử', commune: 'xã Thọ Xuân', province: 'Thanh Hóa', latitude: 20 },
    });
    const farmer = await db.user.create({
      data: { email: 'nongdan.wf@seedline.vn', name: 'Nông dân', role: 'FARMER', passwordHash: '-', farmId: farm.id },
    });
    const greenhouse = await db.greenhouse.create({
      data: { farmId: farm.id, name: 'Nhà màng', thingName: 'seedline-wf-1', areaM2: 500 },
    });
    const zone = (key: string) =>
      db.zone.create({ data: { greenhouseId: greenhouse.id, key, name: key, areaM2: 100, desiredSettings: {} } });
    const [melonZone, cucumberZone] = await Promise.all([zone('z1'), zone('z2')]);
    const product = (slug: string, body: string, fao56Crop: string | null) =>
      db.product.create({
        data: {
          slug,
          gtin: `0${body}${gtinCheckDigit(body)}`,
          ...{ nameVi: slug, nameEn: slug, category: 'FRUIT', unit: 'PIECE', fao56Crop },
        },
      });
    const melon = await product('dua-thu', '893604512991', 'melon');
    const cucumber = await product('dua-chuot-thu', '893604512992', null);
    const plant = async (zoneId: string, productId: string, lotNumber: string) => {
      const seedLot = await db.seedLot.create({
        data: {
          productId,
          farmId: farm.id,
          supplier: 'Hạt giống thử',
          variety: 'F1',
          lotNumber,
          receivedOn: new Date('2026-09-01T00:00:00Z'),
          quantity: 100,
          quantityUnit: 'seeds',
        },
      });
      return db.planting.create({
        data: {
          zoneId,
          seedLotId: seedLot.id,
          productId,
          sownOn: new Date('2026-09-20T00:00:00Z'),
          transplantedOn: new Date('2026-10-01T00:00:00Z'),
          status: 'HARVESTING',
        },
      });
    };
    const melonPlanting = await plant(melonZone.id, melon.id, 'WF-1');
    const cucumberPlanting = await plant(cucumberZone.id, cucumber.id, 'WF-2');

    // Both zones: 10 L every hour, nights at 20 °C and days at 30 °C; the melon zone's gateway was
    // off from 10:00 to 14:00 on the first day, and the water after the last harvest is not the planting's.
    const hourly = (zoneId: string, hour: number, litres = 10) => {
      const local = ((hour % 24) + 24) % 24;
      return { zoneId, hour: at(hour), samples: 12, litres, temperature: local >= 6 && local < 18 ? 30 : 20 };
    };
    const hours = (zoneId: string) =>
      Array.from({ length: 51 }, (_, i) => i - 3)
        .filter((h) => zoneId !== melonZone.id || h < 10 || h >= 14)
        .map((h) => hourly(zoneId, h, h < 0 || h >= 44 ? 1000 : 10));
    await db.zoneHourly.createMany({ data: [...hours(melonZone.id), ...hours(cucumberZone.id)] });

    // Two pickings: 40 kg at noon on the second day, then one recorded as 25 kg at 20:00 and
    // corrected to 20 kg: 60 kg in all.
    const harvest = (plantingId: string, hour: number, weightGrams: number) =>
      recordHarvest(db, { plantingId, harvestedAt: at(hour), weightGrams, recordedById: farmer.id });
    const pack = (harvestId: string, hour: number) =>
      createPackLot(db, { harvestId, unitCount: 10, unitWeightGrams: null, packedAt: at(hour), bestBeforeDays: 7 });
    const first = await harvest(melonPlanting.id, 36, 40_000);
    const second = await harvest(melonPlanting.id, 44, 25_000);
    await correctHarvest(db, second.id, {
      corrects: 0,
      reason: 'Cân lại',
      recordedById: farmer.id,
      harvestedAt: at(44),
      weightGrams: 20_000,
    });
    lots.first = await pack(first.id, 37);
    lots.second = await pack(second.id, 45);
    const cucumberHarvest = await harvest(cucumberPlanting.id, 44, 60_000);
    cucumberLot = await pack(cucumberHarvest.id, 45);
  });
  afterAll(() => database?.close());

  it('counts the litres metered from transplanting to the last harvest over every kg of the planting, beside the FAO-56 estimate', async () => {
    const footprint = await packLotWaterFootprint(prisma(), lots.first.id);
    // From transplanting to the last harvest (44 h), shared over both pickings' 60 kg as corrected.
    expect(footprint).toMatchObject({
      from: at(0),
      to: at(44),
      days: 2,
      harvests: 2,
      harvestedKg: 60,
      zoneAreaM2: 100,
    });
    // 40 of the 44 hours reported, 10 L each: 400 L / 60 kg, a floor since 4 hours are missing.
    expect(footprint?.measured).toEqual({ status: 'partial', litres: 400, litresPerKg: 6.7, share: 40 / 44 });
    // Melon in its initial stage (Kc 0.5): a whole first day (20 hours of temperatures still
    // give its range) and the second day up to 20:00, over the zone's 100 m².
    const litres =
      (cropCoefficient(CROPS.melon, 0.5) * et0(274) +
        cropCoefficient(CROPS.melon, 1 + 10 / 24) * et0(275) * (20 / 24)) *
      100;
    // By hand: Ra 33.7 MJ/m² (13.8 mm) on 1 October at 20° N, ET0 = 0.0023 × 42.8 × √10 × 13.8 ≈ 4.28 mm;
    // 0.5 × (4.28 + 4.27 × 20/24) × 100 m² ≈ 392 L over 60 kg.
    expect(footprint?.estimate).toMatchObject({ status: 'complete', litresPerKg: 6.5 });
    expect(footprint?.estimate.status === 'complete' && footprint.estimate.litres).toBeCloseTo(litres, 6);
  });

  it('reads on the batch page as "at least" with the share of hours measured, beside the estimate, in both languages', async () => {
    const vi = (await batchStory(prisma(), lots.first.lotCode, 'https://shop.example', 'vi'))?.waterFootprint;
    expect(vi?.title).toBe('Dấu chân nước');
    expect(vi?.measured).toEqual({
      label: 'Nước tưới đo được',
      value: 'ít nhất 6,7\u00a0lít/kg',
      share: '(có số liệu 90% số giờ)',
      known: true,
    });
    expect(vi?.estimate).toEqual({
      label: 'Ước tính FAO-56 cho cùng loại cây',
      value: '6,5\u00a0lít/kg',
      share: null,
      known: true,
    });
    expect(vi?.notes[0]).toContain('trong 2 ngày');
    expect(vi?.notes[0]).toContain('chia đều cho 60 kg của cả 2 lần thu hoạch từ lứa trồng này');
    expect(vi?.notes[1]).toContain('trên 100\u00a0m² của khu trồng');
    const en = (await batchStory(prisma(), lots.first.lotCode, 'https://shop.example', 'en'))?.waterFootprint;
    expect(en?.measured).toMatchObject({ value: 'at least 6.7\u00a0L/kg', share: '(90% of hours measured)' });
  });

  it("gives every lot of the planting the same figure, as staff see it on the listing's page", async () => {
    const first = await packLotWaterFootprint(prisma(), lots.first.id);
    const second = await packLotWaterFootprint(prisma(), lots.second.id);
    expect(second).toEqual(first);
  });

  it('says the FAO-56 estimate is unknown for a crop without coefficients, and measures it all the same', async () => {
    const footprint = await packLotWaterFootprint(prisma(), cucumberLot.id);
    expect(footprint?.estimate).toEqual({ status: 'unknown', reason: 'noCrop' });
    // Every hour reported: 44 × 10 L over 60 kg.
    expect(footprint?.measured).toEqual({ status: 'complete', litres: 440, litresPerKg: 7.3 });
    const text = (await batchStory(prisma(), cucumberLot.lotCode, 'https://shop.example', 'vi'))?.waterFootprint;
    expect(text?.measured).toMatchObject({ value: '7,3\u00a0lít/kg', share: null });
    expect(text?.estimate).toMatchObject({ value: 'chưa có hệ số cây trồng FAO-56 cho loại cây này', known: false });
    // No method line for an estimate that was not made.
    expect(text?.notes).toHaveLength(1);
  });
});
