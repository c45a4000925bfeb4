import { type Database, seedDemo } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../web/server/start.ts';
import { startTestWeb, visibleText, visitor } from './support/web.ts';

// A script that orders cash on delivery again and again must not empty the shop: cash orders
// only hold their units until staff confirm them, a buyer may have only a few waiting, and one
// client may send only so many checkouts. The server trusts one proxy here, so X-Forwarded-For
// says which client a request comes from.

let database: Database;
let web: RunningServer;

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemo(database.prisma, new Date());
  web = await startTestWeb(database, { TRUST_PROXY: 1 });
});

afterAll(async () => {
  await web?.close();
  await database?.close();
});

async function cashOrder(client: string, listingId: string, quantity: number, phone: string) {
  const buyer = visitor(web.url, { 'X-Forwarded-For': client });
  await buyer.post('/cart', { intent: 'add', listingId, quantity: String(quantity) });
  return buyer.post('/checkout', {
    name: 'Nguyễn Văn A',
    phone,
    email: '',
    fulfilment: 'DELIVERY',
    address: '12 Lê Lai, phường Hạc Thành, Thanh Hóa',
    paymentMethod: 'CASH_ON_DELIVERY',
  });
}

describe('a script placing cash orders from one client', () => {
  it('leaves the shop’s stock available to the next buyer', async () => {
    const listing = await database.prisma.listing.findFirstOrThrow({
      where: { published: true, packLot: { lotCode: { startsWith: 'XH-' } } },
      select: { id: true },
    });
    await database.prisma.listing.update({ where: { id: listing.id }, data: { stock: 40 } });

    const answers: number[] = [];
    for (let i = 0; i < 200; i++) {
      const phone = `09${String(i).padStart(8, '0')}`;
      answers.push((await cashOrder('203.0.113.66', listing.id, 2, phone)).status);
    }
    const placed = answers.filter((status) => status === 302).length;
    expect(placed).toBeLessThanOrEqual(5);
    expect(answers.filter((status) => status === 429).length).toBeGreaterThan(150);
    // What the script placed only holds units: none left the stock.
    expect((await database.prisma.listing.findUniqueOrThrow({ where: { id: listing.id } })).stock).toBe(40);

    const next = await cashOrder('198.51.100.20', listing.id, 20, '0912345678');
    expect(next.status).toBe(302);
    expect(next.headers.get('location')).toMatch(/^\/orders\/SL-/);
  });

  it('is told why, in its language, and when to try again', async () => {
    const listing = await database.prisma.listing.findFirstOrThrow({
      where: { published: true },
      select: { id: true },
    });
    const refused = await cashOrder('203.0.113.66', listing.id, 1, '0987000001');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(visibleText(await refused.text())).toMatch(
      /Có quá nhiều lần đặt hàng từ thiết bị này. Vui lòng thử lại sau \d+ phút./,
    );
  });
});

describe('a buyer with orders waiting for confirmation', () => {
  it('may not place a third from the same phone until the co-op confirms one', async () => {
    const listing = await database.prisma.listing.findFirstOrThrow({
      where: { published: true },
      select: { id: true },
    });
    expect((await cashOrder('192.0.2.31', listing.id, 1, '0933000111')).status).toBe(302);
    expect((await cashOrder('192.0.2.32', listing.id, 1, '0933000111')).status).toBe(302);
    const third = await cashOrder('192.0.2.33', listing.id, 1, '0933000111');
    expect(third.status).toBe(429);
    expect(visibleText(await third.text())).toContain('Bạn đang có 2 đơn chờ HTX xác nhận.');
  });
});
