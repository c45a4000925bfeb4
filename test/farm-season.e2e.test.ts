// A farmer's season on a phone (360×740, Chromium, the production web build), as issue 11 tells
// it: a seed lot with a photo of its packet, a transplant from it into a zone, a spray from the
// co-op's register, a harvest tried inside the spray's interval (refused, naming the product and
// the first allowed day), then one after it (accepted). The back office packs and lists the
// harvest (packing pages are not part of this journey), and the new lot's batch page tells every
// step. The demo is seeded as of now; the season's days are set relative to today.
import { addDays, calendarDay, createPackLot, localDateTime, saveListing } from '@seedline/db';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './support/axe.ts';
import { type Shop, openShop } from './support/shop.ts';
import { logIn } from './support/web.ts';

const now = new Date();
const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
// Radiant 60SC (7-day interval) sprayed ten days ago clears three days ago.
const sprayedAt = daysAgo(10);
const firstDay = addDays(calendarDay(sprayedAt), 7);
const dayVi = (day: string) =>
  new Intl.DateTimeFormat('vi-VN', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

let shop: Shop;

beforeAll(async () => {
  shop = await openShop(now);
}, 90_000);

afterAll(() => shop?.close());

async function farmerPhone(): Promise<Page> {
  const context = await shop.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
  const page = await context.newPage();
  await logIn(page, shop.web.url, 'nongdan.xh@seedline.vn', '/farm');
  return page;
}

const packetPhoto = async () => ({
  name: 'goi-hat.jpg',
  mimeType: 'image/jpeg',
  buffer: await sharp({ create: { width: 800, height: 600, channels: 3, background: '#d9b44a' } })
    .jpeg()
    .toBuffer(),
});

async function recordSeedLot(page: Page) {
  await page.getByRole('link', { name: 'Nhận hạt giống' }).first().click();
  await page.waitForURL((url) => url.pathname.endsWith('/seed-lots'));
  await page.getByLabel('Cây trồng').selectOption({ label: 'Dưa lưới' });
  await page.getByLabel('Giống', { exact: true }).fill('Taki 1');
  await page.getByLabel('Nhà cung cấp', { exact: true }).fill('Công ty Giống cây trồng Miền Nam');
  await page.getByLabel('Số lô của nhà cung cấp').fill('TK-SEASON');
  await page.getByLabel('Số lượng', { exact: true }).fill('500');
  await page.getByLabel('Ngày nhận').fill(calendarDay(daysAgo(20)));
  await page.getByLabel('Ảnh bao bì hoặc hóa đơn (không bắt buộc)').setInputFiles(await packetPhoto());
  await page.getByRole('button', { name: 'Lưu lô hạt giống' }).click();
  await page.getByText('Đã ghi lô hạt giống TK-SEASON.').waitFor();
  await page.getByRole('img', { name: 'Ảnh lô TK-SEASON' }).waitFor();
}

async function recordTransplant(page: Page) {
  await page.getByRole('link', { name: 'Gieo/trồng' }).last().click();
  await page.waitForURL((url) => url.pathname.endsWith('/plantings'));
  await page.getByLabel('Trồng cây con').check();
  await page.getByLabel('Khu trồng').selectOption({ label: 'Nhà màng số 1 — Luống A' });
  await page.getByLabel('Ngày gieo/trồng').fill(calendarDay(daysAgo(15)));
  await page.getByLabel('Số lượng', { exact: true }).fill('240');
  await page.getByLabel('Diện tích').fill('60,5');
  await page.getByRole('button', { name: 'Lưu gieo/trồng' }).click();
  await page.getByText('Đã ghi: Dưa lưới ở Luống A.').waitFor();
  const lot = await shop.database.prisma.seedLot.findFirstOrThrow({ where: { lotNumber: 'TK-SEASON' } });
  return shop.database.prisma.planting.findFirstOrThrow({ where: { seedLotId: lot.id } });
}

async function recordSpray(page: Page, plantingId: string) {
  await page.goto(`${shop.web.url}/farm/plantings/${plantingId}/records`);
  await page.getByRole('link', { name: 'Ghi phun/bón' }).click();
  await page.waitForURL((url) => url.pathname.endsWith('/input'));
  await page
    .getByLabel('Vật tư')
    .selectOption({ label: 'Radiant 60SC (spinetoram) — tối đa 1,9 ml/L, cách ly 7 ngày' });
  await page.getByLabel('Liều lượng').fill('1,5');
  await page.getByLabel('Ngày giờ phun/bón').fill(localDateTime(sprayedAt));
  await page.getByRole('button', { name: 'Lưu bản ghi' }).click();
  await page.waitForURL((url) => url.pathname.endsWith('/records'));
  await page.getByText('Đã lưu bản ghi.').waitFor();
}

async function tryHarvest(page: Page, at: Date) {
  await page.getByLabel('Ngày giờ thu hoạch').fill(localDateTime(at));
  await page.getByLabel('Khối lượng').fill('12,5');
  await page.getByRole('button', { name: 'Lưu thu hoạch' }).click();
}

describe("a farmer's season, from the seed lot to the batch page", () => {
  it('records each step from the phone; the harvest waits for the interval; the packed lot tells it all', async () => {
    const page = await farmerPhone();
    await recordSeedLot(page);
    const planting = await recordTransplant(page);
    await recordSpray(page, planting.id);

    // Inside Radiant's interval: refused, naming the product and the first allowed day.
    await page.goto(`${shop.web.url}/farm/plantings/${planting.id}/harvest`);
    const harvests = () => shop.database.prisma.harvest.count({ where: { plantingId: planting.id } });
    await tryHarvest(page, daysAgo(8));
    const refusal = page.getByText('Chưa hết thời gian cách ly: Radiant 60SC (spinetoram)');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(`nên chỉ được thu hoạch từ ngày ${dayVi(firstDay)}.`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(await harvests()).toBe(0);

    // After it: accepted.
    await tryHarvest(page, now);
    await page.getByText('Đã ghi thu hoạch 12,5 kg.').waitFor();
    expect(await harvests()).toBe(1);

    // The back office packs the harvest and puts it on sale.
    const harvest = await shop.database.prisma.harvest.findFirstOrThrow({ where: { plantingId: planting.id } });
    const lot = await createPackLot(shop.database.prisma, {
      harvestId: harvest.id,
      unitCount: 5,
      unitWeightGrams: 2_500,
      packedAt: new Date(),
      bestBeforeDays: 10,
    });
    await saveListing(shop.database.prisma, { packLotId: lot.id, priceVnd: 120_000, stock: 5, published: true });

    // Listed in the shop, and its batch page tells every step.
    await page.goto(`${shop.web.url}/`);
    await page.locator(`a[href="/batches/${lot.lotCode}"]`).first().click();
    await page.waitForURL((url) => url.pathname === `/batches/${lot.lotCode}`);
    const step = (kind: string) => page.locator(`.timeline [data-kind="${kind}"]`);
    expect(await step('SEED_LOT').textContent()).toContain('Taki 1 — Công ty Giống cây trồng Miền Nam, lô TK-SEASON');
    expect(await step('TRANSPLANTING').textContent()).toContain('Trồng cây con');
    const spray = await step('INPUT_APPLICATION').textContent();
    expect(spray).toContain('Radiant 60SC');
    expect(spray).toContain('đã đủ thời gian cách ly');
    expect(await step('HARVEST').textContent()).toContain('12,5 kg');
    expect(await step('PACK').textContent()).toContain('5 đơn vị');
    await page.context().close();
  }, 120_000);

  it("corrects the season's harvest from its entry; every correction form is accessible; the batch page shows the correction", async () => {
    const page = await farmerPhone();
    const lot = await shop.database.prisma.seedLot.findFirstOrThrow({ where: { lotNumber: 'TK-SEASON' } });
    const planting = await shop.database.prisma.planting.findFirstOrThrow({ where: { seedLotId: lot.id } });
    for (const path of [`/farm/seed-lots/${lot.id}/correct`, `/farm/plantings/${planting.id}/correct`]) {
      await page.goto(`${shop.web.url}${path}`);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    }
    await page.goto(`${shop.web.url}/farm/plantings/${planting.id}/records`);
    await page.locator('[data-kind="HARVEST"]').getByRole('link', { name: 'Sửa bản ghi này' }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/correct'));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // Without a reason: refused beside it, and still accessible.
    await page.getByLabel('Khối lượng').fill('12,2');
    await page.getByRole('button', { name: 'Lưu bản sửa' }).click();
    await page.getByText('Nhập lý do sửa.').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Lý do sửa').fill('Cân lại cả thùng');
    await page.getByRole('button', { name: 'Lưu bản sửa' }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/records'));
    const entry = page.locator('[data-kind="HARVEST"]');
    expect(await entry.textContent()).toContain('12,2 kg');
    expect(await entry.textContent()).toContain('Lý do: Cân lại cả thùng');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const { lotCode } = await shop.database.prisma.packLot.findFirstOrThrow({
      where: { harvest: { plantingId: planting.id } },
    });
    await page.goto(`${shop.web.url}/batches/${lotCode}`);
    const harvest = await page.locator('.timeline [data-kind="HARVEST"]').textContent();
    expect(harvest).toContain('12,2 kg');
    expect(harvest).toContain('Trước khi sửa:');
    expect(harvest).toContain('12,5 kg');
    await page.context().close();
  }, 120_000);
});
