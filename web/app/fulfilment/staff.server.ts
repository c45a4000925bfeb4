import { type Db, inTransaction } from '@seedline/db';
import { refusal } from '../errors/refusals.ts';
import { notFound } from '../http.server.ts';
import type { PointForm, ScheduleForm } from './forms.ts';
import { windowState } from './schedule.ts';
import { bookedWhere, lockWindow, openScheduledWindows } from './windows.server.ts';

// The back office's side of pickup and delivery: points, weekly schedules and their windows.
// Points are never deleted (orders keep theirs), only stopped; schedules are never edited (their
// windows keep the times buyers were given), only stopped and replaced.

/** Windows still to be handed over: those that started up to this long ago stay on the list. */
const listedSinceHours = 12;

export async function pickupOverview(db: Db, now: Date) {
  await openScheduledWindows(db, now);
  const [points, schedules, windows] = await Promise.all([
    db.pickupPoint.findMany({ orderBy: [{ active: 'desc' }, { name: 'asc' }] }),
    db.fulfilmentSchedule.findMany({
      where: { stoppedAt: null },
      orderBy: [{ pickupPointId: 'asc' }, { startMinute: 'asc' }],
      include: { pickupPoint: { select: { name: true } } },
    }),
    db.fulfilmentWindow.findMany({
      where: { endsAt: { gt: new Date(now.getTime() - listedSinceHours * 3_600_000) } },
      orderBy: [{ startsAt: 'asc' }, { pickupPointId: 'asc' }],
      take: 100,
      include: {
        pickupPoint: { select: { name: true } },
        _count: { select: { orders: { where: bookedWhere(now) } } },
      },
    }),
  ]);
  return {
    points,
    schedules,
    windows: windows.map(({ _count, ...w }) => ({
      ...w,
      booked: _count.orders,
      state: windowState(w, _count.orders, now),
    })),
  };
}

export function addPoint(db: Db, form: PointForm) {
  return db.pickupPoint.create({ data: form });
}

export async function pickupPoint(db: Db, id: string) {
  const point = await db.pickupPoint.findUnique({ where: { id } });
  if (!point) notFound('No such pickup point');
  return point;
}

export async function editPoint(db: Db, id: string, form: PointForm) {
  await pickupPoint(db, id);
  return db.pickupPoint.update({ where: { id }, data: form });
}

/** A stopped point takes no new orders (its windows are no longer offered); its orders stand. */
export async function setPointActive(db: Db, id: string, active: boolean) {
  await pickupPoint(db, id);
  return db.pickupPoint.update({ where: { id }, data: { active } });
}

/** Adds a weekly schedule and opens the windows whose ordering has already begun. */
export async function addSchedule(db: Db, form: ScheduleForm, now: Date) {
  if (form.pickupPointId) {
    const point = await db.pickupPoint.findFirst({ where: { id: form.pickupPointId, active: true } });
    if (!point) throw refusal('PICKUP_POINT_UNKNOWN');
  }
  const schedule = await db.fulfilmentSchedule.create({ data: { ...form, createdAt: now } });
  await openScheduledWindows(db, now);
  return schedule;
}

/** No new windows from it; those already taking orders go on until staff close them. */
export async function stopSchedule(db: Db, id: string, now: Date) {
  const { count } = await db.fulfilmentSchedule.updateMany({
    where: { id, stoppedAt: null },
    data: { stoppedAt: now },
  });
  if (count === 0) notFound('No such running schedule');
}

export async function fulfilmentWindow(db: Db, id: string, now: Date) {
  const window = await db.fulfilmentWindow.findUnique({
    where: { id },
    include: {
      pickupPoint: true,
      _count: { select: { orders: { where: bookedWhere(now) } } },
    },
  });
  if (!window) notFound('No such window');
  const { _count, ...rest } = window;
  return { ...rest, booked: _count.orders, state: windowState(window, _count.orders, now) };
}

/**
 * A window's capacity, never below the orders it holds: under the window's lock, which checkouts
 * take too (windows.server.ts), so an order placed meanwhile is counted.
 */
export async function setWindowCapacity(db: Db, id: string, capacity: number, now: Date) {
  await inTransaction(db, async (tx) => {
    await lockWindow(tx, id);
    const booked = await tx.order.count({ where: { windowId: id, ...bookedWhere(now) } });
    if (capacity < booked) throw refusal('WINDOW_CAPACITY_BELOW_BOOKED', { booked });
    const { count } = await tx.fulfilmentWindow.updateMany({ where: { id }, data: { capacity } });
    if (count === 0) notFound('No such window');
  });
}

/** Closed to new orders at once; the orders it has stand and are packed as usual. Closing twice keeps the first time. */
export async function closeWindow(db: Db, id: string, now: Date) {
  const window = await db.fulfilmentWindow.findUnique({ where: { id }, select: { closedAt: true } });
  if (!window) notFound('No such window');
  if (!window.closedAt) await db.fulfilmentWindow.update({ where: { id }, data: { closedAt: now } });
}
