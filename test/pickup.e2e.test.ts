// Issue 12's pickup windows in Chromium at 360×740 (the production build): staff add a pickup point
// and a weekly schedule (bad input refused beside its field, nothing written), a buyer orders into
// one of its windows, staff open the window's pick list, are refused a capacity below its orders,
// fill it, and the next buyer sees it full; a window closed by staff is no longer offered. The pick
// list prints without the site's navigation. Axe finds no serious violation on any of these pages.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './support/axe.ts';
import { type Shop, openShop, screenshots, signedInPage } from './support/shop.ts';

let shop: Shop;
const db = () => shop.database.prisma;

beforeAll(async () => {
  shop = await openShop(new Date());
}, 90_000);
afterAll(() => shop?.close());

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(screenshots, `pickup-${name}-360.png`), fullPage: true });
const pointName = 'Điểm nhận hàng Quảng Xương';

/** A buyer with one unit of the demo's first published listing in their cart, at checkout. */
async function buyerAtCheckout() {
  const listing = await db().listing.findFirstOrThrow({ where: { published: true }, orderBy: { id: 'asc' } });
  await db().listing.update({ where: { id: listing.id }, data: { stock: 50 } });
  const context = await shop.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
  const page = await context.newPage();
  await page.request.post(`${shop.web.url}/cart`, { form: { intent: 'add', listingId: listing.id, quantity: '1' } });
  await page.goto(`${shop.web.url}/checkout`);
  await page.getByLabel('Nhận tại điểm của HTX').check();
  return { context, page, windows: page.getByRole('group', { name: 'Điểm và khung giờ nhận hàng' }) };
}

describe('pickup windows, run by the co-op from a phone', () => {
  it('adds a point and its schedule, takes an order into a window, and fills and closes windows', async () => {
    const { context, page } = await signedInPage(shop, 'nhanvien@seedline.vn', '/coop/pickup');
    await page.getByRole('heading', { name: 'Các khung giờ sắp tới' }).waitFor();
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await shot(page, 'overview');

    // A point: refused empty, beside each field, nothing written; then added with its hours.
    const points = await db().pickupPoint.count();
    await page.getByRole('link', { name: 'Thêm điểm nhận hàng' }).click();
    await page.getByRole('button', { name: 'Thêm điểm nhận hàng' }).click();
    await page.getByText('Vui lòng nhập tên điểm.').waitFor();
    await page.getByText('Vui lòng nhập xã/phường.').waitFor();
    expect(await db().pickupPoint.count()).toBe(points);
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.getByLabel('Tên điểm').fill(pointName);
    await page.getByLabel('Địa chỉ').fill('14 Nguyễn Trãi');
    await page.getByLabel('Xã/phường').fill('xã Quảng Ninh');
    await page.getByLabel('Tỉnh/thành phố').fill('Thanh Hóa');
    await page.getByLabel('Giờ mở cửa (không bắt buộc)').fill('Hằng ngày, 16:30–19:30');
    await page.getByRole('button', { name: 'Thêm điểm nhận hàng' }).click();
    await page.getByText(`Đã thêm điểm nhận hàng ${pointName}.`).waitFor();
    // The point's own page, where it is edited or stopped.
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);

    // A schedule: no day, an end before its start and no capacity are each refused beside the field.
    await page.goto(`${shop.web.url}/coop/pickup/schedules/new`);
    await page.getByLabel('Điểm nhận hàng').selectOption({ label: pointName });
    await page.getByLabel('Đến').fill('07:00');
    await page.getByLabel('Số đơn tối đa mỗi khung').fill('0');
    await page.getByRole('button', { name: 'Thêm lịch' }).click();
    await page.getByText('Vui lòng chọn ít nhất một ngày.').waitFor();
    await page.getByText('Nhập giờ kết thúc dạng 11:00, sau giờ bắt đầu.').waitFor();
    await page.getByText('Nhập một số nguyên từ 1 đến 9999.').waitFor();
    expect(await db().fulfilmentSchedule.count({ where: { pickupPoint: { name: pointName } } })).toBe(0);
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await shot(page, 'schedule-refused');
    for (const day of ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật']) {
      await page.getByLabel(day, { exact: true }).check();
    }
    await page.getByLabel('Từ').fill('17:00');
    await page.getByLabel('Đến').fill('19:00');
    await page.getByLabel('Số đơn tối đa mỗi khung').fill('2');
    await page.getByLabel('Ngừng nhận đặt trước').fill('0');
    await page.getByRole('button', { name: 'Thêm lịch' }).click();
    await page.getByText('Đã thêm lịch; các khung giờ đầu tiên đã mở nhận đơn.').waitFor();
    const windows = await db().fulfilmentWindow.findMany({
      where: { pickupPoint: { name: pointName } },
      orderBy: { startsAt: 'asc' },
    });
    // Every evening of the coming week whose ordering has opened.
    expect(windows.length).toBeGreaterThanOrEqual(7);
    await page.getByText('0/2 đơn').first().waitFor();
    await shot(page, 'schedule-added');

    // A buyer orders into the point's first window.
    const buyer = await buyerAtCheckout();
    await buyer.windows.getByText('Giờ mở cửa: Hằng ngày, 16:30–19:30').waitFor();
    await buyer.page.locator(`input[name="windowId"][value="${windows[0]!.id}"]`).check();
    await buyer.page.getByLabel('Họ và tên').fill('Phạm Thị Lan');
    await buyer.page.getByLabel('Số điện thoại di động').fill('0987 654 321');
    await buyer.page.getByLabel('Tiền mặt khi nhận hàng').check();
    await buyer.page.getByRole('button', { name: 'Đặt hàng' }).click();
    await buyer.page.waitForURL(/\/orders\/SL-/);
    const order = await db().order.findFirstOrThrow({
      where: { windowId: windows[0]!.id },
      include: { lines: { include: { packLot: true } } },
    });
    await buyer.page.getByText(pointName).first().waitFor();
    await buyer.context.close();

    // Its pick list: the lot to take the unit from, and the order's bag.
    await page.goto(`${shop.web.url}/coop/pickup/windows/${windows[0]!.id}`);
    await page.getByRole('heading', { name: `Đơn ${order.reference} · đã đặt` }).waitFor();
    const lotCode = order.lines[0]!.packLot.lotCode;
    await expect(page.getByRole('table').getByText(lotCode).isVisible()).resolves.toBe(true);
    await page.getByText('Phạm Thị Lan · 0987654321').waitFor();
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await shot(page, 'pick-list');
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'main' }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: 'Lưu số đơn tối đa' }).isVisible()).resolves.toBe(false);
    await expect(page.getByText(lotCode).first().isVisible()).resolves.toBe(true);
    await page.pdf({ path: path.join(screenshots, 'pickup-pick-list.pdf') }).catch(() => null);
    await page.emulateMedia({ media: 'screen' });

    // Capacity: never below the orders it holds; set to them, the window is full for the next buyer.
    await page.getByLabel('Số đơn tối đa').fill('0');
    await page.getByRole('button', { name: 'Lưu số đơn tối đa' }).click();
    await page.getByText('Sức chứa không thể ít hơn số đơn đã đặt (1).').waitFor();
    expect((await db().fulfilmentWindow.findUniqueOrThrow({ where: { id: windows[0]!.id } })).capacity).toBe(2);
    await page.getByLabel('Số đơn tối đa').fill('1');
    await page.getByRole('button', { name: 'Lưu số đơn tối đa' }).click();
    await page.getByText('Đã lưu số đơn tối đa.').waitFor();

    // Closing the second window: its page says so, and buyers no longer see it.
    await page.goto(`${shop.web.url}/coop/pickup/windows/${windows[1]!.id}`);
    await page.getByText('Chưa có đơn nào trong khung giờ này.').waitFor();
    await page.getByRole('button', { name: 'Đóng khung giờ (không nhận thêm đơn)' }).click();
    await page.getByText('Khung giờ đã đóng: các đơn đã đặt vẫn giữ nguyên.').waitFor();

    const next = await buyerAtCheckout();
    const full = next.page.locator(`input[name="windowId"][value="${windows[0]!.id}"]`);
    await expect(full.isDisabled()).resolves.toBe(true);
    await next.windows.getByText('đã đủ chỗ').first().waitFor();
    await expect(next.page.locator(`input[value="${windows[1]!.id}"]`).count()).resolves.toBe(0);
    await expect(next.page.locator(`input[value="${windows[2]!.id}"]`).isEnabled()).resolves.toBe(true);
    await expect(seriousAccessibilityViolations(next.page)).resolves.toEqual([]);
    await next.page.screenshot({ path: path.join(screenshots, 'pickup-checkout-360.png'), fullPage: true });
    await next.context.close();

    await page.goto(`${shop.web.url}/coop/pickup`);
    await page.getByText('1/1 đơn').first().waitFor();
    await page.getByText('Đã đủ chỗ').first().waitFor();
    await shot(page, 'overview-after');
    await context.close();
  });

  it('asks a delivery for one of the delivery windows once the co-op runs them, and tells the buyer it', async () => {
    const { context, page } = await signedInPage(shop, 'nhanvien@seedline.vn', '/coop/pickup/schedules/new');
    await page.getByLabel('Giao tận nơi').check();
    for (const day of ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật']) {
      await page.getByLabel(day, { exact: true }).check();
    }
    await page.getByLabel('Từ').fill('18:00');
    await page.getByLabel('Đến').fill('20:00');
    await page.getByLabel('Số đơn tối đa mỗi khung').fill('5');
    await page.getByRole('button', { name: 'Thêm lịch' }).click();
    await page.getByText('Đã thêm lịch; các khung giờ đầu tiên đã mở nhận đơn.').waitFor();
    await context.close();

    const buyer = await buyerAtCheckout();
    await buyer.page.getByLabel('Giao tận nơi').check();
    await buyer.page.getByLabel('Họ và tên').fill('Đỗ Minh Tuấn');
    await buyer.page.getByLabel('Số điện thoại di động').fill('0978 111 222');
    await buyer.page.getByLabel('Địa chỉ giao hàng').fill('8 Bà Triệu, phường Hạc Thành, Thanh Hóa');
    await buyer.page.getByLabel('Tiền mặt khi nhận hàng').check();
    await buyer.page.getByRole('button', { name: 'Đặt hàng' }).click();
    // No window chosen: refused beside the delivery windows, nothing written.
    await buyer.page.getByText('Vui lòng chọn một khung giờ giao hàng.').waitFor();
    expect(await db().order.count({ where: { contactPhone: '0978111222' } })).toBe(0);
    const deliveryWindows = buyer.page.getByRole('group', { name: 'Khung giờ giao hàng' });
    await deliveryWindows
      .getByRole('radio', { name: /còn 5 chỗ/ })
      .first()
      .check();
    await buyer.page.getByRole('button', { name: 'Đặt hàng' }).click();
    await buyer.page.waitForURL(/\/orders\/SL-/);
    await buyer.page.getByText(/Giao trong khung giờ .*18:00–20:00/).waitFor();
    const order = await db().order.findFirstOrThrow({ where: { contactPhone: '0978111222' } });
    expect(order).toMatchObject({ fulfilment: 'DELIVERY', pickupPointId: null, windowId: expect.any(String) });
    await buyer.context.close();
  });
});
