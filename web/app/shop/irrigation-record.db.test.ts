import { type Database, seedDemo } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchStory } from './batches.server.ts';
import { plantingIrrigation } from './irrigation-record.server.ts';

const H = 3_600_000;
// Transplanted on 2026-10-01 (Vietnam): the period starts at 2026-09-30T17:00Z.
const start = Date.parse('2026-09-30T17:00:00Z');
const at = (hours: number) => new Date(start + hours * H);
const band = {
  moistureLow: 20,
  moistureHigh: 22,
  maxRunMinutes: 30,
  minSoakMinutes: 30,
  dailyBudgetLitres: 500,
  windows: [],
};

describe('plantingIrrigation', () => {
  let database: Database;
  const prisma = () => database.prisma;
  let zones: {
    grown: { id: string; areaM2: number; desiredSettings: unknown };
    other: string;
    silent: { id: string; areaM2: number; desiredSettings: unknown };
  };
  const planting = { sownOn: new Date('2026-09-20T00:00:00Z'), transplantedOn: new Date('2026-10-01T00:00:00Z') };
  const harvestedAt = at(10);

  beforeAll(async () => {
    database = await openTestDatabase();
    const farm = await prisma().farm.create({
      data: { code: 'IR', name: 'Trại thử', commune: 'xã Thọ Xuân', province: 'Thanh Hóa' },
    });
    const greenhouse = await prisma().greenhouse.create({
      data: { farmId: farm.id, name: 'Nhà màng', thingName: 'seedline-ir-1', areaM2: 500 },
    });
    const zone = (key: string) =>
      prisma().zone.create({
        data: { greenhouseId: greenhouse.id, key, name: key, areaM2: 100, desiredSettings: band },
      });
    const [grown, other, silent] = await Promise.all([zone('z1'), zone('z2'), zone('z3')]);
    zones = { grown, other: other.id, silent };
    const hourly = (zoneId: string, hour: number, moistureAvg: number, inBandShare: number, litres: number) => ({
      zoneId,
      hour: at(hour),
      samples: 12,
      moistureAvg,
      moistureMin: moistureAvg - 0.2,
      moistureMax: moistureAvg + 0.2,
      inBandShare,
      litres,
    });
    await prisma().zoneHourly.createMany({
      data: [
        // Before transplanting: the seedlings were not in this zone yet.
        hourly(grown.id, -2, 30, 0, 1000),
        hourly(grown.id, 0, 21, 1, 100),
        hourly(grown.id, 1, 21.5, 1, 0),
        // Hours 2–5: the gateway was off.
        hourly(grown.id, 6, 19.5, 0, 200),
        hourly(grown.id, 7, 20.5, 0.5, 0),
        hourly(grown.id, 8, 21, 1, 0),
        hourly(grown.id, 9, 21, 1, 0),
        // The harvest hour and after: not this batch's.
        hourly(grown.id, 10, 21, 1, 1000),
        hourly(other.id, 3, 25, 0, 5000),
      ],
    });
    const run = (zoneId: string, hour: number) => ({
      zoneId,
      startedAt: new Date(at(hour).getTime() + 10 * 60_000),
      endedAt: new Date(at(hour).getTime() + 40 * 60_000),
      startRule: 'band-low',
      stopRule: 'max-run',
      litres: 100,
      status: 'COMPLETED' as const,
    });
    await prisma().irrigationRun.createMany({
      data: [
        run(grown.id, -2),
        run(grown.id, 0),
        // The sensor was down: the bridge watered on its ET estimate.
        { ...run(grown.id, 6), startRule: 'fallback-et', stopRule: 'et-bound' },
        run(grown.id, 10),
        run(other.id, 3),
      ],
    });
  });
  afterAll(() => database?.close());

  it("sums the zone's own litres and runs from transplanting up to the harvest, saying which watered without the sensor", async () => {
    const record = await plantingIrrigation(prisma(), { planting, zone: zones.grown, harvestedAt });
    expect(record).toMatchObject({
      status: 'measured',
      from: at(0),
      to: harvestedAt,
      litres: 300,
      litresPerM2: 3,
      runs: 2,
      fallbackRuns: 1,
      hoursInPeriod: 10,
      hoursWithData: 6,
      band: { low: 20, high: 22 },
    });
  });

  it('keeps the hours the gateway was off as a gap and weighs the share in band by hours with data', async () => {
    const record = await plantingIrrigation(prisma(), { planting, zone: zones.grown, harvestedAt });
    if (record?.status !== 'measured') throw new Error('expected a measured record');
    expect(record.moisture).toEqual([21, 21.5, null, null, null, null, 19.5, 20.5, 21, 21]);
    expect(record.gaps).toEqual([{ from: at(2), to: at(6), hours: 4 }]);
    expect(record.inBandShare).toBeCloseTo(4.5 / 6, 10);
  });

  it('says plainly that a zone which reported nothing has no record', async () => {
    const record = await plantingIrrigation(prisma(), { planting, zone: zones.silent, harvestedAt });
    expect(record).toEqual({ status: 'none', from: at(0), to: harvestedAt });
  });

  it('has no record for a planting with neither a sowing nor a transplanting date', async () => {
    const record = await plantingIrrigation(prisma(), {
      planting: { sownOn: null, transplantedOn: null },
      zone: zones.grown,
      harvestedAt,
    });
    expect(record).toBeNull();
  });
});

describe('the demo batches', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.prisma, new Date('2026-11-28T05:00:00Z'));
  });
  afterAll(() => database?.close());

  it('each tell their irrigation record, with the day the gateway was off left as a gap', async () => {
    const lots = await database.prisma.packLot.findMany({ select: { lotCode: true } });
    expect(lots.length).toBeGreaterThan(0);
    for (const { lotCode } of lots) {
      const story = await batchStory(database.prisma, lotCode, 'https://shop.example', 'vi');
      const record = story?.irrigation;
      if (record?.status !== 'measured') throw new Error(`${lotCode} has no irrigation record`);
      expect(record.runs).toBeGreaterThan(0);
      expect(record.litresPerM2).toBeGreaterThan(0);
      expect(record.inBandShare).toBeGreaterThan(0.5);
      expect(record.gaps.map((gap) => gap.hours)).toEqual([27]);
      expect(record.hoursWithData).toBe(record.hoursInPeriod - 27);
    }
  });

  it('carry the QR code of their Digital Link and Product JSON-LD with the price in VND', async () => {
    const lot = await database.prisma.packLot.findFirstOrThrow({
      where: { product: { slug: 'dua-luoi' } },
      include: { listing: true, product: true },
    });
    const story = await batchStory(database.prisma, lot.lotCode, 'https://shop.example', 'vi');
    expect(story?.digitalLink).toBe(`https://shop.example/01/${lot.product.gtin}/10/${lot.lotCode}`);
    expect(story?.qrSvg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    const ld = JSON.parse(story!.jsonLd);
    expect(ld.offers).toMatchObject({
      price: String(lot.listing!.priceVnd),
      priceCurrency: 'VND',
      availability: 'https://schema.org/InStock',
    });
  });
});
