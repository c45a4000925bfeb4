import type { Db } from '../transaction.ts';
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
          planting: {
            include: {
              seedLot: true,
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
  const { harvest } = packLot;
  const { planting } = harvest;
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
    seedLot: planting.seedLot,
    zone: planting.zone,
    greenhouse: planting.zone.greenhouse,
    farm: planting.zone.greenhouse.farm,
    logs,
    inputs,
  };
}

export type BackwardTrace = NonNullable<Awaited<ReturnType<typeof traceBackward>>>;

export type ForwardTarget = { seedLotId: string } | { packLotId: string };

/** Forward trace for a recall: every order line (and its buyer) that received produce of the target. */
export async function traceForward(db: Db, target: ForwardTarget) {
  const where =
    'seedLotId' in target
      ? { packLot: { harvest: { planting: { seedLotId: target.seedLotId } } } }
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
