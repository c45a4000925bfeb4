import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './support/axe.ts';
import { decodeLabelGrid, renderPdf } from './support/pdf-qr.ts';
import { type Shop, openShop, screenshots } from './support/shop.ts';
import { logIn } from './support/web.ts';

// Packing in Chromium on a 360 px phone: staff pack a harvest, download its label sheets, and
// every QR code on them, read back from the rendered PDF, opens the lot's batch page.

let shop: Shop;
beforeAll(async () => {
  shop = await openShop(new Date());
});
afterAll(() => shop?.close());

async function signedIn(email: string, to: string, width = 360): Promise<Page> {
  const page = await shop.browser.newPage({ viewport: { width, height: 740 }, acceptDownloads: true });
  await logIn(page, shop.web.url, email, to);
  return page;
}

/** The bytes of the file a click on `link` downloads. */
async function download(page: Page, link: string): Promise<Uint8Array> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: link }).click()]);
  return new Uint8Array(fs.readFileSync(await file.path()));
}

/** 150 dpi: a 0.7 mm module is 4 pixels, about what a phone camera gets of a label at 20 cm. */
const dpi = 150;

describe('packing a harvest and printing its labels', () => {
  it('refuses a count of 0 beside the field, then packs; every QR code of both label sheets opens the batch page', async () => {
    const page = await signedIn('nhanvien@seedline.vn', '/coop/packing');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: path.join(screenshots, 'packing-360.png'), fullPage: true });

    await page.getByRole('checkbox', { name: /còn 5 \/ 60 kg/ }).check();
    await page.getByLabel('Số gói').fill('0');
    await page.getByLabel('Khối lượng tịnh mỗi gói').fill('1000');
    const before = await shop.database.prisma.packLot.count();
    await page.getByRole('button', { name: 'Tạo lô hàng' }).click();
    await expect.poll(() => page.locator('#unitCount-error').textContent()).toContain('Nhập số gói');
    expect(await page.getByRole('checkbox', { name: /còn 5 \/ 60 kg/ }).isChecked()).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(await shop.database.prisma.packLot.count()).toBe(before);

    await page.getByLabel('Số gói').fill('4');
    await page.getByRole('button', { name: 'Tạo lô hàng' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Đã tạo lô hàng YD-\d{6}-\d{2}-\w\./);
    const lotCode = /YD-\d{6}-\d{2}-\w/.exec((await page.getByRole('status').textContent()) ?? '')![0];
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshots, 'packing-packed-360.png'), fullPage: true });

    const sheet = await download(page, `Tờ nhãn A4 (3 × 8 nhãn): ${lotCode}`);
    const sheetPages = renderPdf(sheet, dpi);
    fs.writeFileSync(path.join(screenshots, 'labels-a4.png'), sheetPages[0]!.png);
    const onSheet = decodeLabelGrid(sheetPages, { columns: 3, rows: 8 });
    // Four packs: the first four labels carry the code, the rest of the sheet is blank.
    expect(onSheet.slice(0, 4).every((code) => code !== null)).toBe(true);
    expect(onSheet.slice(4).every((code) => code === null)).toBe(true);
    const single = renderPdf(await download(page, `Nhãn cho máy in nhãn: ${lotCode}`), dpi);
    const onRoll = decodeLabelGrid(single, { columns: 1, rows: 1 });
    expect(onRoll).toHaveLength(4);

    const links = new Set([...onSheet, ...onRoll].filter((code) => code !== null));
    expect(links.size).toBe(1);
    for (const link of links) {
      expect(new URL(link).searchParams.get('13')).toBe(lotCode.slice(3, 9));
      const batch = await shop.browser.newPage({ viewport: { width: 360, height: 740 } });
      await batch.goto(link);
      expect(new URL(batch.url()).pathname).toBe(`/batches/${lotCode}`);
      expect(await batch.locator('body').textContent()).toContain(lotCode);
      await batch.close();
    }
    await page.close();
  });

  it('fits a desktop too, and refuses a buyer and a farmer', async () => {
    const page = await signedIn('nhanvien@seedline.vn', '/coop/packing', 1280);
    await page.screenshot({ path: path.join(screenshots, 'packing-desktop.png'), fullPage: true });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.close();
    for (const email of ['khachhang@example.vn', 'nongdan.xh@seedline.vn']) {
      const other = await shop.browser.newPage();
      await other.goto(`${shop.web.url}/login`);
      await other.getByLabel('Email').fill(email);
      await other.getByLabel('Mật khẩu').fill('seedline-demo');
      await other.getByRole('button', { name: 'Đăng nhập' }).click();
      await other.waitForURL((u) => u.pathname !== '/login');
      expect((await other.goto(`${shop.web.url}/coop/packing`))?.status()).toBe(403);
      await other.close();
    }
  });
});
