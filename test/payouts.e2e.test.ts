// Issue 12 in Chromium at 360×740 (the production build): the admin sets the co-op's commission,
// opens a farm's statement of the month, is refused an empty reference beside the field with
// nothing written, marks it paid, and downloads its workbook, which opens with the statement's
// lines. Axe finds no serious violation on the month's page or the statement, open or refused.
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyStripeEvent } from '../web/app/checkout/card-events.server.ts';
import { placeOrder } from '../web/app/checkout/place-order.server.ts';
import { guest, paidSession, stripeEvent } from '../web/app/checkout/testkit.ts';
import { periodOf } from '../web/app/coop/payouts.ts';
import { seriousAccessibilityViolations } from './support/axe.ts';
import { type Shop, openShop, screenshots } from './support/shop.ts';
import { logIn } from './support/web.ts';

let shop: Shop;
const db = () => shop.database.prisma;

beforeAll(async () => {
  shop = await openShop(new Date());
}, 90_000);
afterAll(() => shop?.close());

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(screenshots, `payouts-${name}-360.png`), fullPage: true });

/** A card order of the XH farm's melon, paid now: a line on XH's statement of this month. */
async function paidMelonOrder() {
  const listing = await db().listing.findFirstOrThrow({
    where: { published: true, packLot: { lotCode: { startsWith: 'XH-' } } },
    select: { id: true },
  });
  await db().listing.update({ where: { id: listing.id }, data: { stock: 50, priceVnd: 99_999 } });
  const now = new Date();
  const lines = [{ listingId: listing.id, quantity: 3 }];
  const order = await placeOrder(db(), { form: guest, lines, userId: null, now, holdMinutes: 60 });
  await applyStripeEvent(db(), stripeEvent('checkout.session.completed', paidSession(order)), now);
  return order;
}

describe('paying a farm its month, on a phone', () => {
  it('sets the commission, marks the statement paid with a reference, and downloads its workbook', async () => {
    const order = await paidMelonOrder();
    const farm = await db().farm.findFirstOrThrow({ where: { code: 'XH' }, select: { id: true, name: true } });
    const context = await shop.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await logIn(page, shop.web.url, 'admin@seedline.vn', '/coop/payouts');

    await page.getByLabel('Hoa hồng (%)').fill('12,35');
    await page.getByRole('button', { name: 'Lưu mức hoa hồng' }).click();
    await page.getByText('Đã lưu mức hoa hồng 12,35 %.').waitFor();
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await shot(page, 'month');

    await page.getByRole('link', { name: farm.name }).click();
    await page.getByText(order.reference).waitFor();
    // 3 × 99 999 = 299 997 đ; 12,35 % of it is 37 049,6295 đ, rounded down for the farm.
    await page.getByText('37.049 ₫').waitFor();
    await page.getByText('262.948 ₫').waitFor();

    await page.getByRole('button', { name: 'Xác nhận đã thanh toán' }).click();
    const reference = page.getByLabel('Mã giao dịch chuyển khoản hoặc số phiếu chi');
    await page.getByText('Nhập mã giao dịch của lần thanh toán.').waitFor();
    expect(await reference.getAttribute('aria-describedby')).toContain('error');
    expect(await db().payoutStatement.count()).toBe(0);
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await shot(page, 'refused');

    await reference.fill('UNC 0512/88');
    await page.getByRole('button', { name: 'Xác nhận đã thanh toán' }).click();
    await page.getByText('Đã đánh dấu bảng kê đã thanh toán.').waitFor();
    await page.getByText(/mã UNC 0512\/88, bởi/).waitFor();
    expect(await page.getByRole('button', { name: 'Xác nhận đã thanh toán' }).count()).toBe(0);
    await shot(page, 'paid');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tải bảng kê Excel (XLSX)' }).click();
    const file = await (await download).path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const rows = book.worksheets[0]!.getSheetValues()
      .filter(Boolean)
      .map((row) => (Array.isArray(row) ? row.slice(1) : []));
    expect(rows.some((row) => row.includes(order.reference) && row.includes(299_997))).toBe(true);
    expect(rows.find((row) => row[0] === 'Phải trả trang trại')?.[6]).toBe(262_948);
    expect(book.worksheets[0]!.name).toBe(periodOf(new Date()));
    await context.close();
  });
});
