import { randomBytes } from 'node:crypto';
import { type OrderStatus, Prisma, type PrismaClient } from '../../generated/client.ts';
import { hashPassword } from '../password.ts';
import { type Tx } from '../transaction.ts';
import { addDays, calendarDay, dateOnly, startOfDay } from '../traceability/dates.ts';
import { gtinCheckDigit } from '../traceability/gtin.ts';
import { correctFarmLog, createPackLot, recordFarmLog, recordHarvest, saveListing } from '../traceability/records.ts';
import { type DemoSale, demoFarms, demoProducts, demoUsers } from './demo-data.ts';
import { demoRegister } from './demo-register.ts';
import { type DemoHour, type DemoRun, type DemoZoneSettings, demoIrrigation } from './demo-irrigation.ts';

/**
 * The password of every demo account, printed by `npm start`. Given to the accounts only when
 * asked (`demoLogins`): a published password must not open a shop that went live on demo data.
 */
export const demoPassword = 'seedline-demo';

export type SeedOptions = {
  /** The demo accounts can log in with `demoPassword`; otherwise with a random one nobody knows. */
  demoLogins?: boolean;
};

export type SeedResult = { created: boolean; summary: string };

/**
 * Loads a believable cooperative in Thanh Hóa, dated relative to `now` so that plantings are at
 * their stages and one input is still inside its pre-harvest interval whenever the seed runs.
 * All or nothing: it runs in one transaction, and does nothing if demo data is already there.
 */
export async function seedDemo(db: PrismaClient, now = new Date(), options: SeedOptions = {}): Promise<SeedResult> {
  const farms = await db.farm.count();
  if (farms > 0) {
    return { created: false, summary: `The database already has data (${farms} farms): nothing changed.` };
  }
  // Hash outside the transaction: scrypt is slow on purpose.
  const passwordHash = await hashPassword(options.demoLogins ? demoPassword : randomBytes(32).toString('base64url'));
  const counts = await db.$transaction((tx) => load(tx, now, passwordHash), { timeout: 60_000 });
  return {
    created: true,
    summary:
      `Loaded demo data: ${counts.farms} farms, ${counts.zones} zones, ${counts.plantings} plantings, ${counts.packLots} pack lots, ${counts.users} users` +
      (options.demoLogins ? ` (they log in with the password "${demoPassword}").` : ' (they cannot log in).'),
  };
}

async function load(tx: Tx, now: Date, passwordHash: string) {
  const today = calendarDay(now);
  /** An instant `n` days before today, at `hour` o'clock in Vietnam. */
  const at = (n: number, hour = 7) => new Date(startOfDay(addDays(today, -n)).getTime() + hour * 3_600_000);
  const day = (n: number) => dateOnly(addDays(today, -n));

  const products = new Map<string, string>();
  for (const p of demoProducts) {
    const body = p.gtinBody;
    const product = await tx.product.create({
      data: {
        gtin: `0${body}${gtinCheckDigit(body)}`,
        slug: p.slug,
        nameVi: p.nameVi,
        nameEn: p.nameEn,
        category: p.category,
        unit: p.unit,
        descriptionVi: p.descriptionVi,
        descriptionEn: p.descriptionEn,
        fao56Crop: p.fao56Crop,
      },
    });
    products.set(p.slug, product.id);
  }

  const users = new Map<string, string>();
  const farmIds = new Map<string, string>();
  const zones = new Map<string, { id: string; areaM2: number; settings: DemoZoneSettings }>();
  let zoneCount = 0;
  for (const f of demoFarms) {
    const farm = await tx.farm.create({
      data: {
        code: f.code,
        name: f.name,
        commune: f.commune,
        province: 'Thanh Hóa',
        address: f.address,
        latitude: f.latitude,
        longitude: f.longitude,
        phone: f.phone,
        certifications: {
          create: f.certifications.map((c) => ({
            scheme: c.scheme,
            number: c.number,
            issuedBy: c.issuedBy,
            validFrom: day(c.issuedDaysAgo),
            validUntil: day(c.issuedDaysAgo - 3 * 365),
          })),
        },
      },
    });
    farmIds.set(f.code, farm.id);
    for (const g of f.greenhouses) {
      const greenhouse = await tx.greenhouse.create({
        data: { farmId: farm.id, name: g.name, thingName: g.thingName, areaM2: g.areaM2 },
      });
      for (const z of g.zones) {
        const zone = await tx.zone.create({
          data: {
            greenhouseId: greenhouse.id,
            key: z.key,
            name: z.name,
            areaM2: z.areaM2,
            crop: z.crop,
            desiredSettings: z.settings,
          },
        });
        zones.set(`${g.thingName}/${z.key}`, { id: zone.id, areaM2: z.areaM2, settings: z.settings });
        zoneCount++;
      }
    }
  }

  for (const u of demoUsers) {
    const user = await tx.user.create({
      data: {
        email: u.email,
        name: u.name,
        phone: u.phone,
        role: u.role,
        passwordHash,
        farmId: u.farmCode ? farmIds.get(u.farmCode)! : null,
      },
    });
    users.set(u.email, user.id);
  }

  const register = new Map<string, string>();
  for (const { retired, ...p } of demoRegister) {
    const product = await tx.inputProduct.create({ data: { ...p, retiredAt: retired ? at(30) : null } });
    register.set(p.name, product.id);
  }

  const shop = await tx.pickupPoint.create({
    data: {
      name: 'Cửa hàng HTX Nông sản Xanh Thanh Hóa',
      address: '25 Đại lộ Lê Lợi',
      commune: 'phường Hạc Thành',
      province: 'Thanh Hóa',
      hours: 'Thứ Hai – Thứ Bảy, 7:00–19:00',
    },
  });
  const market = await tx.pickupPoint.create({
    data: {
      name: 'Điểm nhận hàng chợ Vườn Hoa',
      address: '2 Tống Duy Tân',
      commune: 'phường Hạc Thành',
      province: 'Thanh Hóa',
      hours: 'Thứ Ba, Thứ Năm, Thứ Bảy, 6:00–9:00',
    },
  });
  // The shop's morning and afternoon pickups six days a week; the market's early stall three.
  // Their windows open for ordering a week ahead (fulfilment/windows.server.ts).
  const weekly = { opensDaysBefore: 7, fulfilment: 'PICKUP' as const };
  await tx.fulfilmentSchedule.createMany({
    data: [
      {
        ...weekly,
        pickupPointId: shop.id,
        weekdays: [1, 2, 3, 4, 5, 6],
        startMinute: 8 * 60,
        endMinute: 11 * 60,
        capacity: 30,
        closesHoursBefore: 4,
        createdAt: at(90),
      },
      {
        ...weekly,
        pickupPointId: shop.id,
        weekdays: [1, 2, 3, 4, 5, 6],
        startMinute: 16 * 60,
        endMinute: 19 * 60,
        capacity: 30,
        closesHoursBefore: 4,
        createdAt: at(90),
      },
      {
        ...weekly,
        pickupPointId: market.id,
        weekdays: [2, 4, 6],
        startMinute: 6 * 60,
        endMinute: 9 * 60,
        capacity: 12,
        closesHoursBefore: 12,
        createdAt: at(90),
      },
    ],
  });

  let plantingCount = 0;
  let packLotCount = 0;
  const farmerOf = (farmCode: string) => users.get(`nongdan.${farmCode.toLowerCase()}@seedline.vn`)!;

  for (const f of demoFarms) {
    for (const p of f.plantings) {
      const farmer = farmerOf(f.code);
      const productId = products.get(p.product)!;
      const seedLot = await tx.seedLot.create({
        data: {
          productId,
          farmId: farmIds.get(f.code)!,
          supplier: p.seed.supplier,
          variety: p.seed.variety,
          lotNumber: p.seed.lotNumber,
          receivedOn: day(p.sownDaysAgo + 5),
          quantity: p.seed.quantity,
          quantityUnit: p.seed.quantityUnit,
          certificateNumber: p.seed.certificateNumber,
        },
      });
      const planting = await tx.planting.create({
        data: {
          zoneId: zones.get(p.zone)!.id,
          seedLotId: seedLot.id,
          productId,
          sownOn: day(p.sownDaysAgo),
          transplantedOn: p.transplantedDaysAgo === null ? null : day(p.transplantedDaysAgo),
          expectedHarvestOn: day(p.sownDaysAgo - p.cropDays),
          status: 'GROWING',
        },
      });
      plantingCount++;
      const base = { plantingId: planting.id, recordedById: farmer };
      await recordFarmLog(tx, {
        ...base,
        kind: 'SEED_RECEIVED',
        occurredAt: at(p.sownDaysAgo + 5, 9),
        note: `${p.seed.variety}, lô ${p.seed.lotNumber}`,
      });
      await recordFarmLog(tx, { ...base, kind: 'SOWING', occurredAt: at(p.sownDaysAgo), note: p.sowingNote });
      if (p.transplantedDaysAgo !== null) {
        await recordFarmLog(tx, {
          ...base,
          kind: 'TRANSPLANTING',
          occurredAt: at(p.transplantedDaysAgo, 16),
          note: 'Trồng cây con vào giá thể xơ dừa',
        });
      }
      for (const input of p.inputs) {
        await recordFarmLog(tx, {
          ...base,
          kind: 'INPUT_APPLICATION',
          occurredAt: at(input.daysAgo, 6),
          inputType: input.type,
          inputProduct: input.product,
          activeIngredient: input.activeIngredient,
          dose: input.dose,
          phiDays: input.phiDays,
          note: input.note ?? null,
          registerProductId: register.get(input.product) ?? null,
        });
      }
      for (const o of p.observations) {
        await recordFarmLog(tx, { ...base, kind: 'OBSERVATION', occurredAt: at(o.daysAgo, 8), note: o.note });
      }
      if (p.harvest) {
        const harvest = await recordHarvest(tx, {
          ...base,
          harvestedAt: at(p.harvest.daysAgo, 6),
          weightGrams: p.harvest.weightGrams,
          note: p.harvest.note,
        });
        const packLot = await createPackLot(tx, {
          harvestId: harvest.id,
          unitCount: p.harvest.packs,
          unitWeightGrams: p.harvest.packWeightGrams,
          packedAt: at(p.harvest.daysAgo, 10),
          bestBeforeDays: p.harvest.shelfLifeDays,
        });
        packLotCount++;
        const listing = await saveListing(
          tx,
          { packLotId: packLot.id, priceVnd: p.harvest.priceVnd, stock: p.harvest.packs, published: true },
          at(p.harvest.daysAgo, 11),
        );
        const shown = demoProducts.find((d) => d.slug === p.product)!;
        await tx.listingPhoto.create({
          data: {
            listingId: listing.id,
            // No image files in the repository: web's photo pipeline draws `demo/` originals on first use.
            key: `demo/${p.product}.jpg`,
            altVi: `Hình minh họa ${shown.nameVi.toLowerCase()}`,
            altEn: `Illustration of ${shown.nameEn.toLowerCase()}`,
            width: 1600,
            height: 1200,
          },
        });
        const saleDay = p.harvest.daysAgo - 1;
        for (const sale of p.harvest.sales) {
          const buyerId = sale.buyerEmail ? users.get(sale.buyerEmail)! : null;
          await tx.order.create({
            data: {
              reference: sale.reference,
              accessToken: `demo-${sale.reference.toLowerCase()}`,
              userId: buyerId,
              status: sale.status,
              contactName: sale.contactName,
              contactPhone: sale.contactPhone,
              contactEmail: sale.buyerEmail,
              fulfilment: 'PICKUP',
              paymentMethod: 'CASH_ON_DELIVERY',
              totalVnd: sale.quantity * p.harvest.priceVnd,
              createdAt: at(p.harvest.daysAgo - 1, 9),
              lines: {
                create: {
                  listingId: listing.id,
                  packLotId: packLot.id,
                  quantity: sale.quantity,
                  unitPriceVnd: p.harvest.priceVnd,
                  lineTotalVnd: sale.quantity * p.harvest.priceVnd,
                },
              },
              events: {
                // Every step a pickup takes to its status, an hour apart from 9:00 (transitions.ts).
                create: ['PLACED' as const, ...pickupSteps[sale.status]].map((status, i) => ({
                  status,
                  at: at(saleDay, 9 + i),
                })),
              },
            },
          });
          await tx.listing.update({ where: { id: listing.id }, data: { stock: { decrement: sale.quantity } } });
        }
      }
      if (p.correction) {
        // A dose written wrongly, corrected after the produce was sold: both entries stay.
        const original = await tx.farmLog.findFirstOrThrow({
          where: { plantingId: planting.id, inputProduct: p.correction.inputProduct },
        });
        await correctFarmLog(tx, original.id, {
          recordedById: farmer,
          kind: 'INPUT_APPLICATION',
          occurredAt: original.occurredAt,
          inputType: original.inputType,
          inputProduct: original.inputProduct,
          activeIngredient: original.activeIngredient,
          dose: p.correction.dose,
          phiDays: original.phiDays,
          registerProductId: original.registerProductId,
          note: original.note,
          reason: p.correction.note,
        });
      }
    }
  }
  // What each planted zone's bridge reported, from the first planting in it until now.
  const untilHour = Math.floor(now.getTime() / 3_600_000) * 3_600_000;
  for (const [key, zone] of zones) {
    const planted = demoFarms.flatMap((f) => f.plantings).filter((p) => p.zone === key);
    if (planted.length === 0) continue;
    const daysAgo = Math.max(...planted.map((p) => p.transplantedDaysAgo ?? p.sownDaysAgo));
    const { hours, runs } = demoIrrigation({
      key,
      from: startOfDay(addDays(today, -daysAgo)),
      to: new Date(untilHour),
      areaM2: zone.areaM2,
      settings: zone.settings,
    });
    await insertIrrigation(tx, zone.id, hours, runs);
  }

  return {
    farms: demoFarms.length,
    zones: zoneCount,
    plantings: plantingCount,
    packLots: packLotCount,
    users: demoUsers.length,
  };
}

/** Rows per multi-row INSERT: thousands of hours through `createMany` took PGlite half a minute. */
/** The steps a demo pickup took after it was placed to reach its status: packed, then picked up. */
const pickupSteps = {
  PAID: ['PAID'],
  CONFIRMED: ['CONFIRMED'],
  DELIVERED: ['CONFIRMED', 'PACKED', 'DELIVERED'],
} as const satisfies Record<DemoSale['status'], readonly OrderStatus[]>;

const CHUNK = 500;

async function insertIrrigation(tx: Tx, zoneId: string, hours: DemoHour[], runs: DemoRun[]) {
  for (let i = 0; i < hours.length; i += CHUNK) {
    const values = hours
      .slice(i, i + CHUNK)
      .map(
        (h) =>
          Prisma.sql`(${zoneId}, ${h.hour.toISOString()}::timestamp(3), ${h.samples}::int, ${h.moistureMin}::double precision, ${h.moistureAvg}::double precision, ${h.moistureMax}::double precision, ${h.inBandShare}::double precision, ${h.litres}::double precision, ${h.temperature}::double precision, ${h.humidity}::double precision)`,
      );
    await tx.$executeRaw`
      INSERT INTO "ZoneHourly"
        ("zoneId", "hour", "samples", "moistureMin", "moistureAvg", "moistureMax", "inBandShare", "litres", "temperature", "humidity")
      VALUES ${Prisma.join(values)}`;
  }
  for (let i = 0; i < runs.length; i += CHUNK) {
    const values = runs
      .slice(i, i + CHUNK)
      .map(
        (r, j) =>
          Prisma.sql`(${`demo-run-${zoneId}-${i + j}`}, ${zoneId}, ${r.startedAt.toISOString()}::timestamp(3), ${r.endedAt.toISOString()}::timestamp(3), ${r.startRule}, ${r.stopRule}, ${r.litres}::double precision, ${r.status}::"IrrigationRunStatus")`,
      );
    await tx.$executeRaw`
      INSERT INTO "IrrigationRun" ("id", "zoneId", "startedAt", "endedAt", "startRule", "stopRule", "litres", "status")
      VALUES ${Prisma.join(values)}`;
  }
}
