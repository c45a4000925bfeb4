// The farmer records the start of a season from a phone (360×740, Chromium, the production web
// build): from the farm overview, a seed lot with a photo of its packet, then a transplant from
// that lot. With and without JavaScript; axe finds no serious violation on either form.
import { type Database, seedDemo } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../web/server/start.ts';
import { seriousAccessibilityViolations } from './support/axe.ts';
import { launchBrowser } from './support/browser.ts';
import { logIn, startTestWeb } from './support/web.ts';

let database: Database;
let web: RunningServer;
let browser: Browser;

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemo(database.prisma, new Date(), { demoLogins: true });
  web = await startTestWeb(database);
  browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await database?.close();
});

async function phone(javaScriptEnabled: boolean): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    locale: 'vi-VN',
    javaScriptEnabled,
  });
  const page = await context.newPage();
  await logIn(page, web.url, 'nongdan.xh@seedline.vn', '/farm');
  return { context, page };
}

const packetPhoto = async () => ({
  name: 'goi-hat.jpg',
  mimeType: 'image/jpeg',
  buffer: await sharp({ create: { width: 800, height: 600, channels: 3, background: '#d9b44a' } })
    .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '19/1 48/1 30/1' } })
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer(),
});

async function recordSeedLot(page: Page, lotNumber: string) {
  await page.getByLabel('Cây trồng').selectOption({ label: 'Dưa lưới' });
  await page.getByLabel('Giống', { exact: true }).fill('Taki 1');
  await page.getByLabel('Nhà cung cấp', { exact: true }).fill('Công ty Giống cây trồng Miền Nam');
  await page.getByLabel('Số lô của nhà cung cấp').fill(lotNumber);
  await page.getByLabel('Số lượng', { exact: true }).fill('500');
  await page.getByLabel('Ảnh bao bì hoặc hóa đơn (không bắt buộc)').setInputFiles(await packetPhoto());
  await page.getByRole('button', { name: 'Lưu lô hạt giống' }).click();
  await page.getByText(`Đã ghi lô hạt giống ${lotNumber}.`).waitFor();
}

describe("the farmer's phone, at the start of a season", () => {
  it('records a seed lot with a photo and a transplant from it, reached from the farm overview', async () => {
    const { context, page } = await phone(true);
    await page.getByRole('link', { name: 'Nhận hạt giống' }).first().click();
    await page.waitForURL((url) => url.pathname.endsWith('/seed-lots'));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Nothing typed: every required field says so, and the form is still accessible.
    await page.getByRole('button', { name: 'Lưu lô hạt giống' }).click();
    await page.getByText('Nhập số lô in trên bao bì.').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await recordSeedLot(page, 'TK-PHONE');
    // The photo is shown, upright: the sideways 800×600 comes back taller than wide.
    const thumbnail = page.getByRole('img', { name: 'Ảnh lô TK-PHONE' });
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    expect(await thumbnail.evaluate((img: HTMLImageElement) => img.naturalHeight > img.naturalWidth)).toBe(true);

    await page.getByRole('link', { name: 'Gieo/trồng' }).last().click();
    await page.waitForURL((url) => url.pathname.endsWith('/plantings'));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // The lot just recorded is chosen, and today.
    const lot = await database.prisma.seedLot.findFirstOrThrow({ where: { lotNumber: 'TK-PHONE' } });
    expect(await page.getByLabel('Lô hạt giống').inputValue()).toBe(lot.id);
    await page.getByLabel('Trồng cây con').check();
    await page.getByLabel('Khu trồng').selectOption({ label: 'Nhà màng số 1 — Luống A' });
    await page.getByLabel('Số lượng', { exact: true }).fill('240');
    await page.getByLabel('Diện tích').fill('60,5');
    await page.getByRole('button', { name: 'Lưu gieo/trồng' }).click();
    await page.getByText('Đã ghi: Dưa lưới ở Luống A.').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const planting = await database.prisma.planting.findFirstOrThrow({ where: { seedLotId: lot.id } });
    expect(planting).toMatchObject({ quantity: 240, quantityUnit: 'plants', areaM2: 60.5, status: 'GROWING' });
    await context.close();
  }, 60_000);

  it('records a seed lot with its photo without JavaScript', async () => {
    const { context, page } = await phone(false);
    await page.getByRole('link', { name: 'Nhận hạt giống' }).first().click();
    await page.waitForURL((url) => url.pathname.endsWith('/seed-lots'));
    await recordSeedLot(page, 'TK-NO-JS');
    const lot = await database.prisma.seedLot.findFirstOrThrow({ where: { lotNumber: 'TK-NO-JS' } });
    expect(lot.photoId).not.toBeNull();
    await context.close();
  }, 60_000);
});
