import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../migrate.ts';
import { demoFarms } from '../seed/demo-data.ts';
import { demoNow, plantingIn, rowCounts, useDemoDatabase, userId } from '../seed/demo-fixture.ts';
import { seedDemo } from '../seed/demo.ts';
import { testDbKind } from '../testing.ts';
import { addDays, calendarDay, startOfDay } from './dates.ts';
import { isValidLotCode, makeLotCode } from './lot-code.ts';
import { traceBackward, traceForward } from './trace.ts';

// Read-only tests: they share one database with the demo seeded at a fixed "now".
const db = useDemoDatabase();
const today = calendarDay(demoNow); // 2026-11-28
const at = (daysAgo: number, hour: number) =>
  new Date(startOfDay(addDays(today, -daysAgo)).getTime() + hour * 3_600_000);

const harvested = demoFarms.flatMap((farm) =>
  farm.plantings.flatMap((planting) => (planting.harvest ? [{ farm, planting, harvest: planting.harvest }] : [])),
);

async function lotCodeOfSeedLot(lotNumber: string): Promise<string> {
  const packLot = await db().prisma.packLot.findFirstOrThrow({
    where: { harvest: { planting: { seedLot: { lotNumber } } } },
    select: { lotCode: true },
  });
  return packLot.lotCode;
}

describe(`backward trace of the seeded pack lots (${testDbKind()})`, () => {
  it('seeds one pack lot for each harvested planting', async () => {
    expect(harvested).toHaveLength(4);
    expect(await db().prisma.packLot.count()).toBe(harvested.length);
  });

  it.each(harvested.map((h) => [h.planting.seed.lotNumber, h] as const))(
    'traces the lot grown from seed lot %s back to its seed lot, farm, zone and inputs',
    async (_, { farm, planting, harvest }) => {
      const lotCode = await lotCodeOfSeedLot(planting.seed.lotNumber);
      expect(lotCode).toBe(makeLotCode({ farmCode: farm.code, packedOn: at(harvest.daysAgo, 10), sequence: 1 }));
      expect(isValidLotCode(lotCode)).toBe(true);

      const trace = await traceBackward(db().prisma, lotCode);
      expect(trace).not.toBeNull();
      const t = trace!;
      expect(t.seedLot).toMatchObject({
        supplier: planting.seed.supplier,
        variety: planting.seed.variety,
        lotNumber: planting.seed.lotNumber,
        certificateNumber: planting.seed.certificateNumber,
      });
      expect(t.farm.code).toBe(farm.code);
      expect(t.farm.name).toBe(farm.name);
      expect(`${t.greenhouse.thingName}/${t.zone.key}`).toBe(planting.zone);
      expect(t.product.slug).toBe(planting.product);
      expect(t.harvest.weightGrams).toBe(harvest.weightGrams);
      expect(t.harvest.harvestedAt).toEqual(at(harvest.daysAgo, 6));
      expect(t.packLot.unitCount).toBe(harvest.packs);
      expect(t.listing).toMatchObject({ published: true, priceVnd: harvest.priceVnd });

      // Every input, in the order applied, each once (a correction replaces what it corrects).
      expect(t.inputs.map((i) => i.log.inputProduct)).toEqual(planting.inputs.map((i) => i.product));
      expect(t.inputs.map((i) => i.daysBeforeHarvest)).toEqual(planting.inputs.map((i) => i.daysAgo - harvest.daysAgo));
      // Every pre-harvest interval had passed by the harvest day.
      for (const input of t.inputs) {
        if (input.clearsOn !== null) expect(input.clearsOn <= calendarDay(t.harvest.harvestedAt)).toBe(true);
      }
      const kinds = t.logs.map((l) => l.kind);
      expect(kinds[0]).toBe('SEED_RECEIVED');
      expect(kinds).toContain('SOWING');
      expect(kinds.includes('TRANSPLANTING')).toBe(planting.transplantedDaysAgo !== null);
      expect(kinds.at(-1)).toBe('HARVEST');
    },
  );

  it('tells the melon lot XH-261125-01 with the dose correction beside the original entry', async () => {
    const lotCode = await lotCodeOfSeedLot('TN-DL-2608-114');
    expect(lotCode).toMatch(/^XH-261125-01-.$/);
    const t = (await traceBackward(db().prisma, lotCode))!;
    expect(t.seedLot.lotNumber).toBe('TN-DL-2608-114');
    expect(t.farm.code).toBe('XH');
    expect(t.farm.certifications.map((c) => c.scheme)).toEqual(['VIETGAP']);
    expect(t.inputs.map((i) => [i.log.inputProduct, i.log.dose, i.clearsOn])).toEqual([
      ['NPK Đầu Trâu 20-20-15', '2 kg/1000 m² qua hệ thống tưới', null],
      ['NPK Đầu Trâu 20-20-15', '2 kg/1000 m² qua hệ thống tưới', null],
      ['Radiant 60SC', '25 ml/bình 16 lít', '2026-11-11'],
      ['Amistar Top 325SC', '8 ml/bình 16 lít', '2026-11-21'],
    ]);
    const amistar = t.logs.filter((l) => l.inputProduct === 'Amistar Top 325SC');
    expect(amistar).toHaveLength(2);
    const original = amistar.find((l) => l.correctsId === null)!;
    const correction = amistar.find((l) => l.correctsId !== null)!;
    expect(original.dose).toBe('10 ml/bình 16 lít');
    expect(original.correctedById).toBe(correction.id);
    expect(correction.correctsId).toBe(original.id);
    expect(correction.correctedById).toBeNull();
  });

  it('returns null for an unknown lot code', async () => {
    expect(await traceBackward(db().prisma, 'XH-261125-09-0')).toBeNull();
  });
});

describe(`forward trace for a recall (${testDbKind()})`, () => {
  const byReference = <T extends { orderReference: string }>(lines: T[]) =>
    [...lines].sort((a, b) => a.orderReference.localeCompare(b.orderReference));

  async function expectMelonOrders(lines: Awaited<ReturnType<typeof traceForward>>) {
    const lotCode = await lotCodeOfSeedLot('TN-DL-2608-114');
    const buyer = await userId(db().prisma, 'khachhang@example.vn');
    expect(byReference(lines)).toEqual([
      {
        orderReference: 'SL-DEMO01',
        orderStatus: 'DELIVERED',
        orderedAt: at(2, 9),
        lotCode,
        quantity: 2,
        buyer: { name: 'Lê Thị Hoa', phone: '0987 654 321', email: 'khachhang@example.vn', userId: buyer },
      },
      {
        orderReference: 'SL-DEMO02',
        orderStatus: 'CONFIRMED',
        orderedAt: at(2, 9),
        lotCode,
        quantity: 1,
        buyer: { name: 'Nguyễn Văn Nam', phone: '0903 112 233', email: null, userId: null },
      },
    ]);
  }

  it('finds orders SL-DEMO01 and SL-DEMO02 and their buyers from the melon seed lot', async () => {
    const planting = await plantingIn(db().prisma, 'seedline-xh-nm1', 'z1');
    await expectMelonOrders(await traceForward(db().prisma, { seedLotId: planting.seedLotId }));
  });

  it('finds the same orders from the melon pack lot', async () => {
    const packLot = await db().prisma.packLot.findUniqueOrThrow({
      where: { lotCode: await lotCodeOfSeedLot('TN-DL-2608-114') },
    });
    await expectMelonOrders(await traceForward(db().prisma, { packLotId: packLot.id }));
  });

  it('finds only the tomato order SL-DEMO03 from the tomato lot: lots do not mix', async () => {
    const packLot = await db().prisma.packLot.findUniqueOrThrow({
      where: { lotCode: await lotCodeOfSeedLot('SSC-CC-26-0415') },
    });
    const lines = await traceForward(db().prisma, { packLotId: packLot.id });
    expect(lines.map((l) => [l.orderReference, l.quantity])).toEqual([['SL-DEMO03', 3]]);
  });

  it('returns nothing for a lot that was never sold', async () => {
    for (const lotNumber of ['RZ-22-40817', 'PN-CX-2610-33']) {
      const packLot = await db().prisma.packLot.findUniqueOrThrow({
        where: { lotCode: await lotCodeOfSeedLot(lotNumber) },
        include: { harvest: { select: { planting: { select: { seedLotId: true } } } } },
      });
      expect(await traceForward(db().prisma, { packLotId: packLot.id })).toEqual([]);
      expect(await traceForward(db().prisma, { seedLotId: packLot.harvest.planting.seedLotId })).toEqual([]);
    }
  });

  it('returns nothing for a seed lot whose planting has not been harvested', async () => {
    const planting = await plantingIn(db().prisma, 'seedline-xh-nm1', 'z2');
    expect(planting.seedLot.lotNumber).toBe('TN-DL-2609-027');
    expect(await traceForward(db().prisma, { seedLotId: planting.seedLotId })).toEqual([]);
  });
});

describe(`forward trace of an order placed later (${testDbKind()})`, () => {
  const own = useDemoDatabase();

  it("reaches a guest by the contact email given, and a signed-in buyer who left none by their account's email", async () => {
    const { prisma } = own();
    const packLot = await prisma.packLot.findFirstOrThrow({
      where: { harvest: { planting: { seedLot: { lotNumber: 'RZ-22-40817' } } } },
      include: { listing: true },
    });
    const buyer = await userId(prisma, 'khachhang@example.vn');
    await prisma.order.create({
      data: {
        reference: 'SL-TEST01',
        accessToken: 'test-sl-test01',
        userId: buyer,
        contactName: 'Lê Thị Hoa',
        contactPhone: '0987 654 321',
        contactEmail: null,
        fulfilment: 'PICKUP',
        paymentMethod: 'CASH_ON_DELIVERY',
        totalVnd: 50_000,
        lines: {
          create: {
            listingId: packLot.listing!.id,
            packLotId: packLot.id,
            quantity: 2,
            unitPriceVnd: 25_000,
            lineTotalVnd: 50_000,
          },
        },
      },
    });
    await prisma.order.create({
      data: {
        reference: 'SL-TEST02',
        accessToken: 'test-sl-test02',
        contactName: 'Trần Văn Bình',
        contactPhone: '0978 000 111',
        contactEmail: 'binh@example.vn',
        fulfilment: 'PICKUP',
        paymentMethod: 'BANK_TRANSFER',
        totalVnd: 25_000,
        lines: {
          create: {
            listingId: packLot.listing!.id,
            packLotId: packLot.id,
            quantity: 1,
            unitPriceVnd: 25_000,
            lineTotalVnd: 25_000,
          },
        },
      },
    });
    const lines = await traceForward(prisma, { packLotId: packLot.id });
    expect(
      lines
        .map((l) => [l.orderReference, l.lotCode, l.quantity, l.buyer])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([
      [
        'SL-TEST01',
        packLot.lotCode,
        2,
        { name: 'Lê Thị Hoa', phone: '0987 654 321', email: 'khachhang@example.vn', userId: buyer },
      ],
      [
        'SL-TEST02',
        packLot.lotCode,
        1,
        { name: 'Trần Văn Bình', phone: '0978 000 111', email: 'binh@example.vn', userId: null },
      ],
    ]);
  });
});

describe(`seeding and migrating again (${testDbKind()})`, () => {
  it('seedDemo on a database that has data reports created:false and changes no row', async () => {
    const before = await rowCounts(db().prisma);
    expect(before.farms).toBe(3);
    const result = await seedDemo(db().prisma, demoNow);
    expect(result.created).toBe(false);
    expect(result.summary).toContain('nothing changed');
    expect(await rowCounts(db().prisma)).toEqual(before);
  });

  it('applyMigrations on an already migrated database applies nothing and keeps the data', async () => {
    const before = await rowCounts(db().prisma);
    expect(await applyMigrations(db().adapterFactory)).toEqual([]);
    expect(await rowCounts(db().prisma)).toEqual(before);
  });
});
