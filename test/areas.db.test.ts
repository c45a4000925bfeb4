import { type Database, seedDemo } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCatalogs } from '../web/app/i18n/all-messages.ts';
import type { RunningServer } from '../web/server/start.ts';
import { signedInVisitor, startTestWeb, visibleText, visitor } from './support/web.ts';

// The areas (/account, /farm, /coop) are guarded once, by their layouts, for every page below:
// also when a client asks a page's data alone, which Remix answers without the layout's loader.

let database: Database;
let web: RunningServer;

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemo(database.prisma, new Date(), { demoLogins: true });
  web = await startTestWeb(database);
});

afterAll(async () => {
  await web?.close();
  await database?.close();
});

describe("an area's pages", () => {
  it("refuse a page's data asked alone to a user of another role, and give away nothing of it", async () => {
    const buyer = await signedInVisitor(web.url, 'khachhang@example.vn');
    for (const path of ['/coop/orders.data?_routes=routes/coop/orders', '/coop.data?_routes=routes/coop/trace']) {
      const response = await buyer.get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 403 });
      const body = await response.text();
      expect(body).not.toContain('SL-DEMO01');
      expect(body).not.toContain('HTX Rau an toàn Yên Định');
    }
    const staffData = await (
      await signedInVisitor(web.url, 'nhanvien@seedline.vn')
    ).get('/coop/orders.data?_routes=routes/coop/orders');
    expect(staffData.status).toBe(200);
    expect(await staffData.text()).toContain('SL-DEMO02');
  });

  it("send an anonymous visitor asking a page's data to log-in, with nothing of it", async () => {
    const response = await visitor(web.url).get('/farm.data?_routes=routes/farm/overview');
    const body = await response.text();
    expect(body).toContain('/login?redirectTo=%2Ffarm');
    expect(body).not.toContain('seedline-xh-nm1');
  });

  it("refuse an area's form to a user of another role, and change nothing", async () => {
    const order = await database.prisma.order.findUniqueOrThrow({ where: { reference: 'SL-DEMO02' } });
    const farmer = await signedInVisitor(web.url, 'nongdan.xh@seedline.vn');
    const response = await farmer.post('/coop/orders', { orderId: order.id, action: 'pack' });
    expect(response.status).toBe(403);
    expect((await database.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe(order.status);
  });
});

const keys = [...new Set(allCatalogs.flatMap((c) => Object.keys(c.vi)))];

describe('every page', () => {
  it.each(['vi', 'en'])('shows its texts in %s, never a message key a page forgot to load', async (locale) => {
    const lot = await database.prisma.packLot.findFirstOrThrow({
      where: { listing: { published: true } },
      select: { lotCode: true },
    });
    const planting = await database.prisma.planting.findFirstOrThrow({
      where: { status: 'GROWING', zone: { greenhouse: { thingName: 'seedline-xh-nm1' } } },
      select: { id: true },
    });
    const anonymous = visitor(web.url);
    const admin = await signedInVisitor(web.url, 'admin@seedline.vn');
    for (const v of [anonymous, admin]) await v.post('/lang', { locale, redirectTo: '/' });
    const pages: [ReturnType<typeof visitor>, string][] = [
      [anonymous, '/'],
      [anonymous, `/batches/${lot.lotCode}`],
      [anonymous, '/cart'],
      [anonymous, '/checkout'],
      [anonymous, '/login'],
      [anonymous, '/signup'],
      [anonymous, '/no-such-page'],
      [admin, '/account'],
      [admin, '/farm'],
      [admin, `/farm/plantings/${planting.id}/harvest`],
      [admin, '/coop'],
      [admin, `/coop?lot=${lot.lotCode}`],
      [admin, '/coop/orders?show=all'],
      [admin, '/orders/SL-DEMO01'],
    ];
    for (const [v, path] of pages) {
      const text = visibleText(await (await v.get(path)).text());
      const shown = keys.filter((key) =>
        new RegExp(`(^|[\\s(>"])${key.replace(/\./g, '\\.')}($|[\\s)<".:,])`).test(text),
      );
      expect({ path, shown }).toEqual({ path, shown: [] });
    }
  });
});
