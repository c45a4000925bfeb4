import type { Db } from '../transaction.ts';
import {
  type CorrectionMeta,
  shownCorrections,
  effectiveHarvest,
  effectivePlanting,
  effectiveSeedLot,
  seedLotFacts,
} from './corrections.ts';
import { effectiveLogs, withHistory } from './log-history.ts';
import { phiClearsOn } from './phi.ts';
import { daysBetween } from './dates.ts';

/**
 * Backward trace of a pack lot: harvest → planting → seed lot, zone, greenhouse, farm, and every
 * farm log (corrections shown beside what they correct). The batch page tells this story.
 */
export async function traceBackward(db: Db, lotCode: string) {
  const packLot = await db.packLot.findUnique({
    where: { lotCode },
    include: {
      product: true,
      listing: { include: { photos: { orderBy: { position: 'asc' } } } },
      harvest: {
        include: {
          corrections: byWhom,
          planting: {
            include: {
              seedLot: { include: { corrections: byWhom } },
              corrections: { ...byWhom, include: { ...byWhom.include, seedLot: { select: { lotNumber: true } } } },
              zone: {
                include: {
                  greenhouse: {
                    include: { farm: { include: { certifications: { orderBy: { validUntil: 'desc' } } } } },
                  },
                },
              },
              logs: {
                orderBy: [{ occurredAt: 'asc' }, { recordedAt: 'asc' }],
                include: { recordedBy: { select: { name: true } } },
              },
            },
          },
        },
      },
    },
  });
  if (!packLot) return null;
  // Seed lot, planting and harvest as they count (their newest corrections), the history beside.
  const harvest = effectiveHarvest(packLot.harvest, packLot.harvest.corrections);
  const planting = effectivePlanting(packLot.harvest.planting, packLot.harvest.planting.corrections);
  const seedLot = await seedLotAsItCounts(db, packLot.harvest.planting.seedLot, planting.seedLotId);
  // Only what happened up to this lot's harvest belongs to its story.
  const logs = withHistory(planting.logs.filter((log) => log.occurredAt.getTime() <= harvest.harvestedAt.getTime()));
  const inputs = effectiveLogs(logs)
    .filter((log) => log.kind === 'INPUT_APPLICATION')
    .map((log) => ({
      log,
      daysBeforeHarvest: daysBetween(log.occurredAt, harvest.harvestedAt),
      clearsOn: log.phiDays === null ? null : phiClearsOn({ appliedAt: log.occurredAt, phiDays: log.phiDays }),
    }));
  return {
    packLot,
    product: packLot.product,
    listing: packLot.listing,
    harvest,
    planting,
    seedLot,
    corrections: recordCorrections(packLot.harvest, seedLot),
    zone: planting.zone,
    greenhouse: planting.zone.greenhouse,
    farm: planting.zone.greenhouse.farm,
    logs,
    inputs,
  };
}

const byWhom = { include: { recordedBy: { select: { name: true } } } } as const;

type SeedLotRow = NonNullable<Awaited<ReturnType<typeof seedLotWithCorrections>>>;

function seedLotWithCorrections(db: Db, id: string) {
  return db.seedLot.findUnique({ where: { id }, include: { corrections: byWhom } });
}

/** The seed lot a planting counts as grown from (a correction may name another), as it counts. */
async function seedLotAsItCounts(db: Db, recorded: SeedLotRow, seedLotId: string) {
  const lot = seedLotId === recorded.id ? recorded : ((await seedLotWithCorrections(db, seedLotId)) ?? recorded);
  return { ...effectiveSeedLot(lot, lot.corrections), recorded: lot };
}

type Meta = CorrectionMeta;

type TracedHarvest = {
  harvestedAt: Date;
  weightGrams: number;
  corrections: (Meta & { harvestedAt: Date; weightGrams: number })[];
  planting: {
    seedLot: { lotNumber: string };
    sownOn: Date | null;
    transplantedOn: Date | null;
    quantity: number | null;
    areaM2: number | null;
    corrections: (Meta & { seedLot: { lotNumber: string }; plantedOn: Date; quantity: number; areaM2: number })[];
  };
};

/** The corrections of the batch's seed lot, planting and harvest, oldest first. */
function recordCorrections(harvest: TracedHarvest, seedLot: { recorded: SeedLotRow }) {
  const { planting } = harvest;
  return {
    seedLot: shownCorrections(seedLotFacts(seedLot.recorded), seedLot.recorded.corrections, seedLotFacts),
    planting: shownCorrections(
      {
        lotNumber: planting.seedLot.lotNumber,
        plantedOn: planting.transplantedOn ?? planting.sownOn,
        quantity: planting.quantity,
        areaM2: planting.areaM2,
      },
      planting.corrections,
      (c) => ({ lotNumber: c.seedLot.lotNumber, plantedOn: c.plantedOn, quantity: c.quantity, areaM2: c.areaM2 }),
    ),
    harvest: shownCorrections(
      { harvestedAt: harvest.harvestedAt, weightGrams: harvest.weightGrams },
      harvest.corrections,
      (c) => ({ harvestedAt: c.harvestedAt, weightGrams: c.weightGrams }),
    ),
  };
}

export type BackwardTrace = NonNullable<Awaited<ReturnType<typeof traceBackward>>>;

export type ForwardTarget = { seedLotId: string } | { packLotId: string };

/** Forward trace for a recall: every order line (and its buyer) that received produce of the target. */
export async function traceForward(db: Db, target: ForwardTarget) {
  const where =
    'seedLotId' in target
      ? // A planting corrected to or from this seed lot: a recall errs on the side of telling more buyers.
        {
          packLot: {
            harvest: {
              planting: {
                OR: [{ seedLotId: target.seedLotId }, { corrections: { some: { seedLotId: target.seedLotId } } }],
              },
            },
          },
        }
      : { packLotId: target.packLotId };
  const lines = await db.orderLine.findMany({
    where,
    orderBy: [{ order: { createdAt: 'asc' } }, { id: 'asc' }],
    include: {
      packLot: { select: { lotCode: true } },
      order: {
        select: {
          reference: true,
          status: true,
          createdAt: true,
          contactName: true,
          contactPhone: true,
          contactEmail: true,
          user: { select: { id: true, email: true, name: true } },
        },
      },
    },
  });
  return lines.map((line) => ({
    orderReference: line.order.reference,
    orderStatus: line.order.status,
    orderedAt: line.order.createdAt,
    lotCode: line.packLot.lotCode,
    quantity: line.quantity,
    buyer: {
      name: line.order.contactName,
      phone: line.order.contactPhone,
      email: line.order.contactEmail ?? line.order.user?.email ?? null,
      userId: line.order.user?.id ?? null,
    },
  }));
}

export type ForwardTraceLine = Awaited<ReturnType<typeof traceForward>>[number];
