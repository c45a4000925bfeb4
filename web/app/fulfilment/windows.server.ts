import { type Db, type Fulfilment, Prisma, type Tx } from '@seedline/db';
import { refusal } from '../errors/refusals.ts';
import { type WindowState, windowState, windowsDue } from './schedule.ts';

// The windows buyers choose from (decision 024). Windows are made from the schedules when their
// ordering opens, by whichever process asks first: the unique (schedule, start) makes that once.

/** Makes the windows of every running schedule whose ordering has opened by `now`. */
export async function openScheduledWindows(db: Db | Tx, now: Date): Promise<void> {
  const schedules = await db.fulfilmentSchedule.findMany({ where: { stoppedAt: null } });
  const data = schedules.flatMap((s) =>
    windowsDue(s, now).map((times) => ({
      ...times,
      fulfilment: s.fulfilment,
      pickupPointId: s.pickupPointId,
      scheduleId: s.id,
      capacity: s.capacity,
    })),
  );
  if (data.length > 0) await db.fulfilmentWindow.createMany({ data, skipDuplicates: true });
}

/**
 * The orders that take a place in a window: all but cancelled and refunded ones, and a placed order
 * only while its units are held (one whose hold ran out is cancelled by the sweep, a moment later).
 */
export function bookedWhere(now: Date): Prisma.OrderWhereInput {
  return {
    OR: [
      { status: { in: ['PAID', 'CONFIRMED', 'PACKED', 'HANDED_OVER', 'DELIVERED'] } },
      { status: 'PLACED', reservations: { some: { releasedAt: null, expiresAt: { gt: now } } } },
    ],
  };
}

export type OfferedWindow = {
  id: string;
  fulfilment: Fulfilment;
  startsAt: Date;
  endsAt: Date;
  orderingClosesAt: Date;
  placesLeft: number;
  state: WindowState;
  point: { id: string; name: string; address: string; commune: string; hours: string } | null;
};

/** Every window taking orders now, full ones included (shown, not choosable), by start then point. */
export async function offeredWindows(db: Db, now: Date): Promise<OfferedWindow[]> {
  await openScheduledWindows(db, now);
  const windows = await db.fulfilmentWindow.findMany({
    where: {
      closedAt: null,
      orderingOpensAt: { lte: now },
      orderingClosesAt: { gt: now },
      OR: [{ pickupPointId: null }, { pickupPoint: { active: true } }],
    },
    orderBy: [{ startsAt: 'asc' }, { pickupPointId: 'asc' }],
    include: {
      pickupPoint: { select: { id: true, name: true, address: true, commune: true, hours: true } },
      _count: { select: { orders: { where: bookedWhere(now) } } },
    },
  });
  return windows.map((w) => ({
    id: w.id,
    fulfilment: w.fulfilment,
    startsAt: w.startsAt,
    endsAt: w.endsAt,
    orderingClosesAt: w.orderingClosesAt,
    placesLeft: Math.max(0, w.capacity - w._count.orders),
    state: windowState(w, w._count.orders, now),
    point: w.pickupPoint,
  }));
}

/**
 * Whether a delivery needs a window: where the co-op runs a delivery schedule, or still has a
 * delivery window taking orders. Once both are gone, delivery goes on without windows.
 */
export async function deliveryUsesWindows(db: Db | Tx, now: Date): Promise<boolean> {
  const running = await db.fulfilmentSchedule.count({ where: { fulfilment: 'DELIVERY', stoppedAt: null } });
  if (running > 0) return true;
  const open = { fulfilment: 'DELIVERY' as const, closedAt: null, orderingClosesAt: { gt: now } };
  return (await db.fulfilmentWindow.count({ where: open })) > 0;
}

/**
 * Locks a window's row until the transaction ends: checkouts taking a place and staff changing its
 * capacity queue on it. NO KEY UPDATE, so an order row's foreign-key check on it does not wait.
 */
export async function lockWindow(tx: Tx, windowId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "FulfilmentWindow" WHERE id = ${windowId} FOR NO KEY UPDATE`;
}

export type TakenWindow = { id: string; startsAt: Date; endsAt: Date; pickupPointId: string | null };

/**
 * Takes a place in the window for an order about to be inserted: refuses WINDOW_CLOSED (not taking
 * orders, another kind, or its point closed) or WINDOW_FULL. The window's row stays locked until the
 * transaction ends, so two checkouts for the last place queue and the second sees the first's order.
 * Lock order: after the buyer's open-order locks, before the listings (place-order.server.ts).
 */
export async function takeWindowPlace(
  tx: Tx,
  windowId: string,
  fulfilment: Fulfilment,
  now: Date,
): Promise<TakenWindow> {
  await lockWindow(tx, windowId);
  const window = await tx.fulfilmentWindow.findUnique({
    where: { id: windowId },
    include: {
      pickupPoint: { select: { active: true } },
      _count: { select: { orders: { where: bookedWhere(now) } } },
    },
  });
  if (!window || window.fulfilment !== fulfilment || window.pickupPoint?.active === false) {
    throw refusal('WINDOW_CLOSED');
  }
  const state = windowState(window, window._count.orders, now);
  if (state === 'closed') throw refusal('WINDOW_CLOSED');
  if (state === 'full') throw refusal('WINDOW_FULL');
  return { id: window.id, startsAt: window.startsAt, endsAt: window.endsAt, pickupPointId: window.pickupPointId };
}
