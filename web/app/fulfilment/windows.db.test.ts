import { type Database, seedDemo } from '@seedline/db/setup';
import { openTestDatabase, testDbKind } from '@seedline/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeOrder } from '../checkout/place-order.server.ts';
import { guest, listingWithStock, openPickupWindow } from '../checkout/testkit.ts';
import { runStaffAction } from '../orders/staff-actions.server.ts';
import { pickList } from './pick-list.server.ts';
import { addSchedule, closeWindow, pickupOverview, setWindowCapacity, stopSchedule } from './staff.server.ts';
import { offeredWindows } from './windows.server.ts';

// Pickup and delivery windows as buyers and staff meet them: what checkout offers, a full window
// refused, a place freed by a cancellation, a window closed, delivery windows, and the pick list.

let database: Database;
const db = () => database.prisma;
// Thursday 3 December 2026, 10:00 in Vietnam.
const now = new Date('2026-12-03T03:00:00Z');
let staffId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemo(database.prisma, now);
  staffId = (await db().user.findFirstOrThrow({ where: { role: 'STAFF' } })).id;
  listings = [await listingWithStock(db(), 500, 0), await listingWithStock(db(), 500, 1)];
});
afterAll(async () => {
  await database?.close();
});

const pickup = (windowId: string, phone = '0912345678') => ({
  ...guest,
  phone,
  fulfilment: 'PICKUP' as const,
  windowId,
  paymentMethod: 'CASH_ON_DELIVERY' as const,
});
// Two listings with stock enough for every order here, set once: their orders' holds stay.
let listings: Awaited<ReturnType<typeof listingWithStock>>[];
const order = (form: Parameters<typeof placeOrder>[1]['form'], quantity = 1, listingIndex = 0) =>
  placeOrder(db(), {
    form,
    lines: [{ listingId: listings[listingIndex]!.id, quantity }],
    userId: null,
    now,
    holdMinutes: 60,
  });
const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof Error && 'code' in error ? error.code : error),
  );

describe(`pickup and delivery windows (${testDbKind()})`, () => {
  it("offers the demo points' windows whose ordering is open, each made once however many ask", async () => {
    const asked = await Promise.all([offeredWindows(db(), now), offeredWindows(db(), now), offeredWindows(db(), now)]);
    expect(new Set(asked.map((windows) => windows.map((w) => w.id).join()))).toHaveLength(1);
    const windows = asked[0]!;
    expect(await db().fulfilmentWindow.count()).toBe(windows.length);
    // Today's afternoon at the shop (ordering closes at 12:00) up to next Thursday's morning.
    const first = windows[0]!;
    expect(first).toMatchObject({ state: 'open', placesLeft: 30, startsAt: new Date('2026-12-03T09:00:00Z') });
    expect(first.point).toMatchObject({ name: 'Cửa hàng HTX Nông sản Xanh Thanh Hóa', hours: expect.any(String) });
    const market = windows.filter((w) => w.point?.name === 'Điểm nhận hàng chợ Vườn Hoa');
    // Saturday, Tuesday and next Thursday at 6:00 (closing 12 hours before, the evening before).
    expect(market.map((w) => w.startsAt.toISOString())).toEqual([
      '2026-12-04T23:00:00.000Z',
      '2026-12-07T23:00:00.000Z',
      '2026-12-09T23:00:00.000Z',
    ]);
    expect(windows.every((w) => w.fulfilment === 'PICKUP')).toBe(true);
  });

  it('refuses an order for a full window, writing nothing, and a cancelled order frees its place', async () => {
    const window = await openPickupWindow(db(), now, 1);
    await setWindowCapacity(db(), window.id, 1, now);
    const first = await order(pickup(window.id, '0911000001'));
    const stored = await db().order.findUniqueOrThrow({ where: { id: first.id } });
    expect(stored).toMatchObject({
      windowId: window.id,
      windowStart: window.startsAt,
      windowEnd: window.endsAt,
      pickupPointId: window.point!.id,
    });
    const before = await db().order.count();
    expect(await refusalOf(order(pickup(window.id, '0911000002')))).toBe('WINDOW_FULL');
    expect(await db().order.count()).toBe(before);
    const full = (await offeredWindows(db(), now)).find((w) => w.id === window.id);
    expect(full).toMatchObject({ state: 'full', placesLeft: 0 });

    await runStaffAction(db(), first.id, 'cancel', { byUserId: staffId, now, seen: 'PLACED' });
    expect((await offeredWindows(db(), now)).find((w) => w.id === window.id)).toMatchObject({ state: 'open' });
    await order(pickup(window.id, '0911000002'));
  });

  it('gives the last place to one of two buyers checking out at once', async () => {
    const window = await openPickupWindow(db(), now, 2);
    await setWindowCapacity(db(), window.id, 1, now);
    const results = await Promise.all([
      refusalOf(order(pickup(window.id, '0911000003'), 1, 0)),
      refusalOf(order(pickup(window.id, '0911000004'), 1, 1)),
    ]);
    expect(results.sort()).toEqual(['WINDOW_FULL', null].sort());
    expect(await db().order.count({ where: { windowId: window.id } })).toBe(1);
  });

  it('refuses a window closed by staff, not yet or no longer taking orders, of a stopped point, or of the other kind', async () => {
    const closed = await openPickupWindow(db(), now, 3);
    await closeWindow(db(), closed.id, now);
    expect(await refusalOf(order(pickup(closed.id, '0911000005')))).toBe('WINDOW_CLOSED');
    expect((await offeredWindows(db(), now)).some((w) => w.id === closed.id)).toBe(false);

    const today = await openPickupWindow(db(), now, 0);
    // Its ordering closed at noon: an order at 12:00 is too late.
    const noon = new Date('2026-12-03T05:00:00Z');
    const late = placeOrder(db(), {
      form: pickup(today.id, '0911000006'),
      lines: [{ listingId: listings[0]!.id, quantity: 1 }],
      userId: null,
      now: noon,
      holdMinutes: 60,
    });
    expect(await refusalOf(late)).toBe('WINDOW_CLOSED');

    const asDelivery = {
      ...guest,
      phone: '0911000007',
      windowId: today.id,
      paymentMethod: 'CASH_ON_DELIVERY' as const,
    };
    expect(await refusalOf(order(asDelivery))).toBe('WINDOW_CLOSED');
    expect(await refusalOf(order(pickup('no-such-window', '0911000007')))).toBe('WINDOW_CLOSED');

    const market = (await offeredWindows(db(), now)).find((w) => w.point?.name.includes('chợ'))!;
    await db().pickupPoint.update({ where: { id: market.point!.id }, data: { active: false } });
    expect(await refusalOf(order(pickup(market.id, '0911000008')))).toBe('WINDOW_CLOSED');
    expect((await offeredWindows(db(), now)).some((w) => w.point?.id === market.point!.id)).toBe(false);
    await db().pickupPoint.update({ where: { id: market.point!.id }, data: { active: true } });
  });

  it('asks a delivery for a window once the co-op runs delivery windows, and keeps the one chosen', async () => {
    const delivery = { ...guest, phone: '0911000009', paymentMethod: 'CASH_ON_DELIVERY' as const };
    const without = await order(delivery);
    expect((await db().order.findUniqueOrThrow({ where: { id: without.id } })).windowId).toBeNull();

    const schedule = await addSchedule(
      db(),
      {
        fulfilment: 'DELIVERY',
        pickupPointId: null,
        weekdays: [5],
        startMinute: 17 * 60,
        endMinute: 20 * 60,
        capacity: 10,
        opensDaysBefore: 3,
        closesHoursBefore: 6,
      },
      now,
    );
    expect(await refusalOf(order({ ...delivery, phone: '0911000010' }))).toBe('WINDOW_REQUIRED');
    const [friday] = (await offeredWindows(db(), now)).filter((w) => w.fulfilment === 'DELIVERY');
    // Friday 4 December, 17:00–20:00 in Vietnam.
    expect(friday).toMatchObject({ startsAt: new Date('2026-12-04T10:00:00Z'), point: null, placesLeft: 10 });
    const placed = await order({ ...delivery, phone: '0911000010', windowId: friday!.id });
    expect(await db().order.findUniqueOrThrow({ where: { id: placed.id } })).toMatchObject({
      windowId: friday!.id,
      pickupPointId: null,
      windowStart: new Date('2026-12-04T10:00:00Z'),
    });

    await stopSchedule(db(), schedule.id, now);
    const nextWeek = new Date('2026-12-09T03:00:00Z');
    expect((await offeredWindows(db(), nextWeek)).some((w) => w.fulfilment === 'DELIVERY')).toBe(false);
    // Its last window closed for ordering, delivery goes on without windows, as before.
    const later = await placeOrder(db(), {
      form: { ...delivery, phone: '0911000017' },
      lines: [{ listingId: listings[0]!.id, quantity: 1 }],
      userId: null,
      now: nextWeek,
      holdMinutes: 60,
    });
    expect((await db().order.findUniqueOrThrow({ where: { id: later.id } })).windowId).toBeNull();
  });

  it('never sets a capacity below the orders booked', async () => {
    const window = await openPickupWindow(db(), now, 4);
    await order(pickup(window.id, '0911000011'));
    await order(pickup(window.id, '0911000012'));
    const refused = await refusalOf(setWindowCapacity(db(), window.id, 1, now));
    expect(refused).toBe('WINDOW_CAPACITY_BELOW_BOOKED');
    expect((await db().fulfilmentWindow.findUniqueOrThrow({ where: { id: window.id } })).capacity).toBe(30);
    const overview = await pickupOverview(db(), now);
    expect(overview.windows.find((w) => w.id === window.id)).toMatchObject({ booked: 2, capacity: 30, state: 'open' });
  });

  it("lists a window's orders with the lots to take them from, and the units per lot", async () => {
    const window = await openPickupWindow(db(), now, 5);
    const a = await order(pickup(window.id, '0911000013'), 2, 0);
    const b = await order(pickup(window.id, '0911000014'), 3, 0);
    await order(pickup(window.id, '0911000015'), 1, 1);
    const cancelled = await order(pickup(window.id, '0911000016'), 5, 1);
    await runStaffAction(db(), cancelled.id, 'cancel', { byUserId: staffId, now, seen: 'PLACED' });

    const list = await pickList(db(), window.id, now);
    const references = list.orders.map((o) => o.reference);
    expect(references).toHaveLength(3);
    expect(references).toEqual(expect.arrayContaining([a.reference, b.reference]));
    expect(list.orders.some((o) => o.reference === cancelled.reference)).toBe(false);
    const [first, second] = listings;
    const lotOf = async (packLotId: string) =>
      (await db().packLot.findUniqueOrThrow({ where: { id: packLotId } })).lotCode;
    expect(list.lots).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ lotCode: await lotOf(first!.packLotId), quantity: 5, orders: 2 }),
        expect.objectContaining({ lotCode: await lotOf(second!.packLotId), quantity: 1, orders: 1 }),
      ]),
    );
  });

  it('refuses in the database a pickup schedule without a point and a window that closes after it starts', async () => {
    await expect(
      db()
        .$executeRaw`INSERT INTO "FulfilmentSchedule" (id, fulfilment, weekdays, "startMinute", "endMinute", capacity, "opensDaysBefore", "closesHoursBefore") VALUES ('bad', 'PICKUP', '{1}', 480, 660, 5, 7, 4)`,
    ).rejects.toThrow(/FulfilmentSchedule_sane/);
    const window = await openPickupWindow(db(), now, 0);
    await expect(
      db().fulfilmentWindow.update({ where: { id: window.id }, data: { orderingClosesAt: new Date('2026-12-31') } }),
    ).rejects.toThrow();
  });
});
