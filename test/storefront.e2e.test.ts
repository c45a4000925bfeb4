import path from 'node:path';
import type { Database } from '@seedline/db/setup';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../web/server/start.ts';
import { type Shop, openShop, screenshots } from './support/shop.ts';
import { linkIn, mailsTo } from './support/mail.ts';

let shop: Shop;
let database: Database;
let web: RunningServer;
let browser: Browser;

beforeAll(async () => {
  shop = await openShop(new Date('2026-11-20T03:00:00Z'));
  ({ database, web, browser } = shop);
});

afterAll(() => shop?.close());

describe('a buyer in the browser', () => {
  it('goes from the batch list to a batch page and reads its story', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(web.url);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Lô hàng đang bán');
    await page.screenshot({ path: path.join(screenshots, 'home-360.png'), fullPage: true });
    await page.getByRole('link', { name: 'Dưa lưới' }).click();
    await page.waitForURL(/\/batches\/XH-/);
    await page.getByRole('heading', { name: 'Hành trình của lô hàng' }).waitFor();
    const story = await page.locator('ol.timeline').innerText();
    expect(story).toContain('Gieo hạt');
    expect(story).toContain('Radiant 60SC');
    expect(story).toContain('thời gian cách ly 7 ngày');
    expect(story).toContain('Thu hoạch');
    await page.screenshot({ path: path.join(screenshots, 'batch-360.png'), fullPage: true });
    await page.close();
  });

  it('scans a pack QR code (its Digital Link) and lands on that batch', async () => {
    const lot = await database.prisma.packLot.findFirstOrThrow({
      where: { product: { slug: 'ca-chua-bi' } },
      include: { product: true },
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${web.url}/01/${lot.product.gtin}/10/${lot.lotCode}`);
    expect(new URL(page.url()).pathname).toBe(`/batches/${lot.lotCode}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Cà chua bi');
    await expect(page.locator('.lot code').first().textContent()).resolves.toBe(lot.lotCode);
    await page.screenshot({ path: path.join(screenshots, 'batch-desktop.png'), fullPage: true });
    await page.close();
  });

  it('switches the shop to English and back with the language button', async () => {
    const page = await browser.newPage();
    await page.goto(web.url);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Batches for sale' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { name: 'Lô hàng đang bán' }).waitFor();
    await page.close();
  });

  it('signs up through the emailed link, and sees the field message for a bad email before that', async () => {
    const page = await browser.newPage();
    await page.goto(`${web.url}/signup`);
    await page.getByLabel('Họ và tên').fill('Đỗ Thị Mai');
    await page.getByLabel('Email').fill('mai-at-example');
    await page.getByLabel('Mật khẩu').fill('mật khẩu đủ dài');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByText('Email không hợp lệ.').waitFor();
    await page.getByLabel('Email').fill('mai@example.vn');
    await page.getByLabel('Mật khẩu').fill('mật khẩu đủ dài');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByRole('heading', { name: 'Kiểm tra email của bạn' }).waitFor();
    // The link in the email, opened in the same browser, then its button.
    const [mail] = await mailsTo(database.prisma, 'mai@example.vn');
    await page.goto(`${web.url}${linkIn(mail!, '/signup/confirm/')}`);
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByRole('heading', { name: 'Tài khoản của tôi' }).waitFor();
    expect(await database.prisma.user.count({ where: { email: 'mai@example.vn', role: 'BUYER' } })).toBe(1);
    await page.close();
  });
});
