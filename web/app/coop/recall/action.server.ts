import { type Db, type Tx, inTransaction, traceBackward } from '@seedline/db';
import { runStaffAction } from '../../orders/staff-actions.server.ts';
import { mayCancel } from '../../orders/transitions.ts';
import { tellBuyers } from './notify.server.ts';

// The recall itself, from the recall screen, in one transaction: every listing of the affected
// lots unpublished, every unpaid order of them cancelled (the staff's own cancel: holds released,
// event recorded, from the status read here), every buyer told by email. Paid orders stay: whether
// to refund is staff's call, order by order. An order that moves on meanwhile (paid by card at that
// moment) refuses its cancel and the whole recall with it, to be run again: nothing half done.
// Running it again finds nothing left to do and tells nobody twice.

export type RecallScope = 'lot' | 'seedLot';
export type RecallOutcome = { lots: string[]; withdrawn: number; cancelled: number; told: number; noEmail: number };
type Input = { lotCode: string; scope: RecallScope; byUserId: string; now: Date };

export function runRecall(db: Db, input: Input): Promise<RecallOutcome | null> {
  // A lot sold in hundreds of orders is cancelled order by order: longer than Prisma's 5 s default.
  return inTransaction(db, (tx) => recallIn(tx, input), { timeout: 60_000 });
}

async function recallIn(tx: Tx, input: Input): Promise<RecallOutcome | null> {
  const lots = await affectedLots(tx, input.lotCode, input.scope);
  if (!lots) return null;
  const lotIds = lots.map((l) => l.id);
  const withdrawn = await tx.listing.updateMany({
    where: { packLotId: { in: lotIds }, published: true },
    data: { published: false, publishedAt: null },
  });
  const orders = await tx.order.findMany({
    where: { lines: { some: { packLotId: { in: lotIds } } } },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      status: true,
      fulfilment: true,
      payments: { where: { status: 'SUCCEEDED' }, select: { id: true } },
    },
  });
  let cancelled = 0;
  for (const order of orders) {
    if (!mayCancel(order, order.payments.length > 0)) continue;
    await runStaffAction(tx, order.id, 'cancel', { byUserId: input.byUserId, now: input.now, seen: order.status });
    cancelled += 1;
  }
  const told = await tellBuyers(tx, lotIds, input.now);
  return { lots: lots.map((l) => l.lotCode), withdrawn: withdrawn.count, cancelled, ...told };
}

/**
 * The lot, or every lot grown from its seed lot as the recall page shows them: the seed lot the
 * lot's planting counts as grown from (its newest correction's), and a planting corrected to or
 * from it (as traceForward: a recall errs on the side of more).
 */
async function affectedLots(tx: Tx, lotCode: string, scope: RecallScope) {
  const lot = await tx.packLot.findUnique({ where: { lotCode }, select: { id: true, lotCode: true } });
  if (!lot || scope === 'lot') return lot && [lot];
  const trace = await traceBackward(tx, lotCode);
  const seedLotId = trace?.seedLot.id;
  if (!seedLotId) return [lot];
  return tx.packLot.findMany({
    where: { harvest: { planting: { OR: [{ seedLotId }, { corrections: { some: { seedLotId } } }] } } },
    orderBy: { lotCode: 'asc' },
    select: { id: true, lotCode: true },
  });
}
