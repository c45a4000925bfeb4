import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeOrder } from '../web/app/checkout/place-order.server.ts';
import { guest, paidSession, refundedCharge, stripeEvent } from '../web/app/checkout/testkit.ts';
import { periodBounds } from '../web/app/coop/payouts.ts';
import { markStatementPaid, periodStatements, setCommission } from '../web/app/coop/payouts.server.ts';
import { applyStripeEvent } from '../web/app/checkout/card-events.server.ts';
import { runStaffAction } from '../web/app/orders/staff-actions.server.ts';
import { type DemoApp, openDemoApp } from './support/shop.ts';
import { signedInVisitor, visibleText } from './support/web.ts';

// Payouts to member farms (decision 022): a month's statements, one per farm, add up to the money
// received minus the money given back, to the đồng, whatever the prices and the commission; a
// statement marked paid never changes, and a refund made after goes into the next month's.

let app: DemoApp;
const db = () => app.database.prisma;
const october = '2026-10';
const at = (day: number, hour = 10) => new Date(Date.UTC(2026, 9, day, hour - 7));

beforeAll(async () => {
  app = await openDemoApp(new Date('2026-09-20T03:00:00Z'));
});
afterAll(() => app?.close());

/** Two published listings of two different farms, at awkward prices, with room in stock. */
async function twoFarmsListings() {
  const listings = await db().listing.findMany({
    where: { published: true },
    orderBy: { id: 'asc' },
    select: {
      id: true,
      packLot: {
        select: {
          harvest: {
            select: { planting: { select: { zone: { select: { greenhouse: { select: { farmId: true } } } } } } },
          },
        },
      },
    },
  });
  const farmOf = (l: (typeof listings)[number]) => l.packLot.harvest.planting.zone.greenhouse.farmId;
  const first = listings[0]!;
  const second = listings.find((l) => farmOf(l) !== farmOf(first))!;
  for (const [listing, priceVnd] of [
    [first, 33_333],
    [second, 12_347],
  ] as const) {
    await db().stockReservation.deleteMany({ where: { listingId: listing.id } });
    await db().listing.update({ where: { id: listing.id }, data: { stock: 500, priceVnd } });
  }
  return { a: { id: first.id, farmId: farmOf(first) }, b: { id: second.id, farmId: farmOf(second) } };
}

const admin = () => db().user.findFirstOrThrow({ where: { role: 'ADMIN' }, select: { id: true } });

async function transferOrder(lines: { listingId: string; quantity: number }[], paidAt: Date) {
  const form = { ...guest, paymentMethod: 'BANK_TRANSFER' as const };
  const placed = await placeOrder(db(), { form, lines, userId: null, now: paidAt, holdMinutes: 60 });
  const byUserId = (await admin()).id;
  await runStaffAction(db(), placed.id, 'confirmTransfer', { byUserId, now: paidAt, seen: 'PLACED' });
  return placed;
}

async function cardOrder(lines: { listingId: string; quantity: number }[], paidAt: Date) {
  const placed = await placeOrder(db(), { form: guest, lines, userId: null, now: paidAt, holdMinutes: 60 });
  await applyStripeEvent(db(), stripeEvent('checkout.session.completed', paidSession(placed)), paidAt);
  return placed;
}

/** What the shop's books say for a span: money received minus money given back, in SQL. */
async function receivedMinusRefunded(start: Date, end: Date) {
  const [row] = await db().$queryRaw<{ received: bigint | null; refunded: bigint | null }[]>`
    SELECT (SELECT sum("amountVnd")::bigint FROM "Payment" WHERE "paidAt" >= ${start} AND "paidAt" < ${end}) AS received,
           (SELECT sum("amountVnd")::bigint FROM "Refund" WHERE "status" = 'SUCCEEDED' AND "createdAt" >= ${start} AND "createdAt" < ${end}) AS refunded`;
  return BigInt(row?.received ?? 0n) - BigInt(row?.refunded ?? 0n);
}

const sumOf = async (period: string) => {
  const statements = await periodStatements(db(), period);
  return statements.reduce((sum, s) => sum + s.totals.commissionVnd + s.totals.netDueVnd, 0n);
};

let listings: Awaited<ReturnType<typeof twoFarmsListings>>;
let cardWithTwoFarms: { id: string; reference: string; totalVnd: number };
let transfer: { id: string; reference: string };

describe('a month of payouts', () => {
  it('adds up, over every farm, to the payments received minus refunds, to the đồng', async () => {
    listings = await twoFarmsListings();
    await setCommission(db(), 1235, (await admin()).id, at(1, 8));
    cardWithTwoFarms = await cardOrder(
      [
        { listingId: listings.a.id, quantity: 3 },
        { listingId: listings.b.id, quantity: 7 },
      ],
      at(3),
    );
    transfer = await transferOrder([{ listingId: listings.a.id, quantity: 1 }], at(5));
    await transferOrder([{ listingId: listings.b.id, quantity: 11 }], at(31, 23)); // 31 Oct, 23:00 in Vietnam
    // Never paid: in no statement.
    await placeOrder(db(), {
      form: { ...guest, paymentMethod: 'BANK_TRANSFER' },
      lines: [{ listingId: listings.a.id, quantity: 2 }],
      userId: null,
      now: at(6),
      holdMinutes: 60,
    });
    // Part of the card order given back at Stripe: 10 001 đ, shared between the two farms' lines.
    await applyStripeEvent(
      db(),
      stripeEvent('charge.refunded', refundedCharge(cardWithTwoFarms, 'ch_1', 10_001)),
      at(9),
    );

    const { start, end } = periodBounds(october);
    const books = await receivedMinusRefunded(start, end);
    expect(books).toBe(3n * 33_333n + 7n * 12_347n + 33_333n + 11n * 12_347n - 10_001n);
    expect(await sumOf(october)).toBe(books);

    const statements = await periodStatements(db(), october);
    const a = statements.find((s) => s.farm.id === listings.a.farmId)!;
    expect(a.items.map((i) => [i.kind, i.quantity])).toEqual([
      ['sale', 3],
      ['sale', 1],
      ['refund', 3],
    ]);
    expect(a.totals.commissionVnd).toBe((a.totals.totalVnd * 1235n) / 10_000n);
    expect(a.totals.commissionVnd + a.totals.netDueVnd).toBe(a.totals.totalVnd);
    const refundShares = statements.flatMap((s) => s.items.filter((i) => i.kind === 'refund'));
    expect(refundShares.reduce((sum, i) => sum + i.amountVnd, 0n)).toBe(10_001n);
  });

  it('shows staff each farm’s statement, with every sold line’s order and lot', async () => {
    const staff = await signedInVisitor(app.web.url, 'nhanvien@seedline.vn');
    const list = visibleText(await (await staff.get(`/coop/payouts?period=${october}`)).text());
    expect(list).toContain('Thanh toán cho trang trại tháng 10/2026');
    const page = await staff.get(`/coop/payouts/${listings.a.farmId}/${october}`);
    expect(page.status).toBe(200);
    const text = visibleText(await page.text());
    const lot = await db().orderLine.findFirstOrThrow({
      where: { orderId: transfer.id },
      select: { packLot: { select: { lotCode: true } } },
    });
    expect(text).toContain(transfer.reference);
    expect(text).toContain(lot.packLot.lotCode);
    expect(text).not.toContain('Xác nhận đã thanh toán');
  });
  it('counts a card refunded at Stripe before its payment event came as received and given back', async () => {
    const lines = [{ listingId: listings.b.id, quantity: 2 }];
    const placed = await placeOrder(db(), { form: guest, lines, userId: null, now: at(12), holdMinutes: 60 });
    const charge = refundedCharge(placed, 'ch_early', placed.totalVnd, true);
    await applyStripeEvent(db(), stripeEvent('charge.refunded', charge), at(12, 11));

    const { start, end } = periodBounds(october);
    expect(await sumOf(october)).toBe(await receivedMinusRefunded(start, end));
    const b = (await periodStatements(db(), october)).find((s) => s.farm.id === listings.b.farmId)!;
    const mine = b.items.filter((i) => i.orderReference === placed.reference);
    expect(mine.map((i) => [i.kind, i.amountVnd])).toEqual([
      ['sale', 24_694n],
      ['refund', 24_694n],
    ]);
  });
});

describe('the admin’s forms', () => {
  it('refuse a commission of 120 % beside its field, and keep the rate as it was', async () => {
    const adminUser = await signedInVisitor(app.web.url, 'admin@seedline.vn');
    const rates = await db().payoutCommissionRate.count();
    const answer = await adminUser.post(`/coop/payouts?period=${october}`, { commissionPercent: '120' });
    expect(answer.status).toBe(400);
    const text = visibleText(await answer.text());
    expect(text).toContain('Hoa hồng (%)');
    expect(text).toContain('Nhập mức hoa hồng từ 0 đến 100 %');
    expect(await db().payoutCommissionRate.count()).toBe(rates);
  });

  it('refuse to mark a statement paid with no reference, and write nothing', async () => {
    const adminUser = await signedInVisitor(app.web.url, 'admin@seedline.vn');
    const answer = await adminUser.post(`/coop/payouts/${listings.a.farmId}/${october}`, { reference: '   ' });
    expect(answer.status).toBe(400);
    expect(visibleText(await answer.text())).toContain('Nhập mã giao dịch của lần thanh toán.');
    expect(await db().payoutStatement.count()).toBe(0);
  });

  it('refuse staff, buyers and farmers who try to change them', async () => {
    for (const email of ['nhanvien@seedline.vn', 'khachhang@example.vn', 'nongdan.xh@seedline.vn']) {
      const someone = await signedInVisitor(app.web.url, email);
      const answer = await someone.post(`/coop/payouts/${listings.a.farmId}/${october}`, { reference: 'UNC-1' });
      expect(answer.status, email).toBe(403);
      expect((await someone.get(`/coop/payouts/${listings.a.farmId}/${october}/statement.csv`)).status, email).toBe(
        email.startsWith('nhanvien') ? 200 : 403,
      );
    }
    expect(await db().payoutStatement.count()).toBe(0);
  });
});

describe('a statement marked paid', () => {
  it('keeps its figures; a refund made after it goes into the farm’s next month, and the months still add up', async () => {
    const adminUser = await signedInVisitor(app.web.url, 'admin@seedline.vn');
    const before = (await periodStatements(db(), october)).find((s) => s.farm.id === listings.a.farmId)!;
    const answer = await adminUser.post(`/coop/payouts/${listings.a.farmId}/${october}`, {
      reference: 'UNC 2026-11-05/88',
    });
    expect(answer.status).toBe(302);
    const again = await adminUser.post(`/coop/payouts/${listings.a.farmId}/${october}`, { reference: 'UNC-2' });
    expect(again.status).toBe(409);

    // The transfer order of farm A is given back in full on 20 October, after October was paid.
    const byUserId = (await admin()).id;
    await runStaffAction(db(), transfer.id, 'refund', { byUserId, now: at(20), seen: 'CONFIRMED' });
    await setCommission(db(), 1500, byUserId, at(21));

    const after = (await periodStatements(db(), october)).find((s) => s.farm.id === listings.a.farmId)!;
    expect(after.paid?.reference).toBe('UNC 2026-11-05/88');
    expect(after.basisPoints).toBe(1235);
    expect(after.totals).toEqual(before.totals);
    expect(after.items.map((i) => i.amountVnd)).toEqual(before.items.map((i) => i.amountVnd));

    const november = (await periodStatements(db(), '2026-11')).find((s) => s.farm.id === listings.a.farmId)!;
    expect(november.paid).toBeNull();
    expect(november.items.map((i) => [i.kind, i.orderReference, i.period])).toEqual([
      ['refund', transfer.reference, october],
    ]);
    expect(november.totals.refundsVnd).toBe(33_333n);
    expect(november.totals.commissionVnd).toBe(-5000n); // −33 333 × 15 %, rounded down: −4 999,95 → −5 000

    const { start } = periodBounds(october);
    const { end } = periodBounds('2026-11');
    expect((await sumOf(october)) + (await sumOf('2026-11'))).toBe(await receivedMinusRefunded(start, end));
  });

  it('is refused by the database itself, whatever changes or deletes it', async () => {
    const statement = await db().payoutStatement.findFirstOrThrow();
    await expect(
      db().$executeRawUnsafe(`UPDATE "PayoutStatement" SET "netDueVnd" = 0 WHERE id = '${statement.id}'`),
    ).rejects.toThrow(/frozen/);
    await expect(
      db().$executeRawUnsafe(`DELETE FROM "PayoutItem" WHERE "statementId" = '${statement.id}'`),
    ).rejects.toThrow(/frozen/);
    await expect(db().$executeRawUnsafe(`DELETE FROM "PayoutStatement" WHERE id = '${statement.id}'`)).rejects.toThrow(
      /frozen/,
    );
    expect((await db().payoutStatement.findUniqueOrThrow({ where: { id: statement.id } })).netDueVnd).toBe(
      statement.netDueVnd,
    );
  });
});

describe('a statement’s files', () => {
  it('open as a workbook with every line, lot and the net due, and as a CSV with a row per line', async () => {
    const staff = await signedInVisitor(app.web.url, 'nhanvien@seedline.vn');
    const statement = (await periodStatements(db(), october)).find((s) => s.farm.id === listings.a.farmId)!;
    const base = `/coop/payouts/${listings.a.farmId}/${october}`;

    const xlsx = await staff.get(`${base}/statement.xlsx`);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const rows = book.worksheets[0]!.getSheetValues()
      .filter(Boolean)
      .map((row) => (Array.isArray(row) ? row.slice(1) : []));
    for (const item of statement.items) {
      expect(rows.some((row) => row.includes(item.orderReference) && row.includes(item.lotCode))).toBe(true);
    }
    expect(rows.find((row) => row[0] === 'Phải trả trang trại')?.[6]).toBe(Number(statement.totals.netDueVnd));

    const csv = await (await staff.get(`${base}/statement.csv`)).text();
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Loại,Ngày,Đơn,Sản phẩm,Mã lô,Số lượng,Số tiền (đ)');
    expect(lines).toHaveLength(statement.items.length + 1);
    for (const item of statement.items) expect(csv).toContain(`${item.orderReference},`);
  });
});

describe('two admins marking one statement paid at once', () => {
  it('write it once: one is paid, the other told it is paid already', async () => {
    const byUserId = (await admin()).id;
    const mark = (reference: string) =>
      markStatementPaid(db(), { farmId: listings.b.farmId, period: october, reference, byUserId, now: new Date() });
    const outcomes = await Promise.all([mark('UNC-A'), mark('UNC-B')]);
    expect(outcomes.sort()).toEqual(['already-paid', 'paid']);
    const written = await db().payoutStatement.findMany({ where: { farmId: listings.b.farmId } });
    expect(written).toHaveLength(1);
  });
});
