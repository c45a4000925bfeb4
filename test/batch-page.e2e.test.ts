import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Database } from '@seedline/db/setup';
import type { Browser, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../web/server/start.ts';
import { seriousAccessibilityViolations } from './support/axe.ts';
import { type Shop, openShop, screenshots } from './support/shop.ts';

// The batch page as a buyer reaches it: by scanning the QR code on a pack (its GS1 Digital Link).

let shop: Shop;
let database: Database;
let web: RunningServer;
let browser: Browser;

beforeAll(async () => {
  // 12:00 on 28 November 2026 in Vietnam: the melons of Xuân Hòa were harvested on the 25th.
  shop = await openShop(new Date('2026-11-28T05:00:00Z'));
  ({ database, web, browser } = shop);
});

afterAll(() => shop?.close());

function melonLot() {
  return database.prisma.packLot.findFirstOrThrow({
    where: { product: { slug: 'dua-luoi' } },
    include: { product: true, listing: true },
  });
}

async function jsonLd(page: Page) {
  return JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '');
}

describe('the batch page', () => {
  it('opens from the Digital Link on a pack and tells the batch from seed lot to packing', async () => {
    const lot = await melonLot();
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${web.url}/01/${lot.product.gtin}/10/${lot.lotCode}`, { waitUntil: 'networkidle' });
    expect(new URL(page.url()).pathname).toBe(`/batches/${lot.lotCode}`);

    const timeline = page.locator('ol.timeline');
    const seed = await timeline.locator('[data-kind="SEED_LOT"]').innerText();
    expect(seed).toContain('Dưa lưới F1 TL3 — Công ty TNHH Hạt giống Trang Nông, lô TN-DL-2608-114');
    expect(seed).toContain('CN-GCT-2026/0871');
    const radiant = await timeline.locator('[data-kind="INPUT_APPLICATION"]', { hasText: 'Radiant 60SC' }).innerText();
    expect(radiant).toContain('Liều lượng: 25 ml/bình 16 lít');
    // Sprayed 24 days before the seed's day, harvested 3 days before it.
    expect(radiant).toContain('Thu hoạch 21 ngày sau khi phun; thời gian cách ly 7 ngày');
    expect(radiant).toContain('đã đủ thời gian cách ly');
    const kinds = await timeline
      .locator(':scope > li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')));
    expect(kinds[0]).toBe('SEED_LOT');
    expect(kinds.slice(-3)).toEqual(['IRRIGATION', 'HARVEST', 'PACK']);

    const irrigation = timeline.locator('[data-kind="IRRIGATION"]');
    const figures = await irrigation.locator('.figures').innerText();
    expect(figures).toMatch(/Lượng nước tưới\s+[\d.,]+ lít\/m² \(tổng [\d.,]+ lít\)/);
    expect(figures).toMatch(/Số lần tưới\s+\d+/);
    expect(figures).toMatch(/Độ ẩm trong dải đặt\s+\d+% thời gian có số liệu/);
    await expect(irrigation.locator('.chart-summary').innerText()).resolves.toContain(
      'Thiếu số liệu 27 giờ, để trống trên biểu đồ',
    );
    const chart = irrigation.locator('svg[role="img"]');
    await expect(chart.locator('title').textContent()).resolves.toMatch(/^Độ ẩm đất trung bình mỗi giờ/);
    await expect(chart.locator('desc').textContent()).resolves.toContain('Thiếu số liệu 27 giờ');
    // The gap is marked, and the line is two pieces either side of it: nothing drawn across.
    await expect(chart.locator('rect.gap').count()).resolves.toBe(1);
    const line = (await chart.locator('path.line').getAttribute('d')) ?? '';
    expect(line.match(/M/g)).toHaveLength(2);

    // The water footprint beside the price: the demo's gateway was off for 27 hours, so the
    // metered litres are a floor ("at least") with the share of hours they cover, as is the
    // FAO-56 estimate for the days whose temperatures were measured.
    const footprint = page.locator('section[aria-labelledby="water-footprint"]');
    await expect(footprint.isVisible()).resolves.toBe(true);
    await expect(footprint.locator('[data-figure="measured"]').innerText()).resolves.toMatch(
      /^Nước tưới đo được\s+ít nhất 55\slít\/kg\s\(có số liệu 98% số giờ\)$/,
    );
    await expect(footprint.locator('[data-figure="estimate"]').innerText()).resolves.toMatch(
      /^Ước tính FAO-56 cho cùng loại cây\s+ít nhất 55\slít\/kg\s\(có nhiệt độ 96% số ngày\)$/,
    );
    await expect(footprint.innerText()).resolves.toContain('chia cho 380 kg thu hoạch');

    const farm = await page.locator('section[aria-labelledby="origin"]').innerText();
    expect(farm).toContain('xã Thọ Xuân, Thanh Hóa');
    expect(farm).toContain('VietGAP-TT-24-05-38-0112');

    await page.screenshot({ path: path.join(screenshots, 'batch-page-360.png'), fullPage: true });
    await irrigation.screenshot({ path: path.join(screenshots, 'batch-page-irrigation-360.png') });
    // Hydration found the server's HTML as it would have drawn it: no mismatch, no error.
    expect(errors).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it("shows the pack's lot code and a QR code that carries its Digital Link URI", async () => {
    const lot = await melonLot();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${web.url}/batches/${lot.lotCode}`);
    const label = page.locator('.pack-label');
    await expect(label.locator('.lot code').textContent()).resolves.toBe(lot.lotCode);
    const uri = `${web.url}/01/${lot.product.gtin}/10/${lot.lotCode}`;
    await expect(label.locator('.digital-link a').textContent()).resolves.toBe(uri);
    await expect(label.locator('[role="img"]').getAttribute('aria-label')).resolves.toContain(uri);
    // The modules drawn are those of the URI encoded as the shop encodes it.
    const expected = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
    const expectedModules = /stroke="#000000" d="([^"]+)"/.exec(expected)?.[1];
    expect(expectedModules).toBeTruthy();
    await expect(label.locator('.qr svg path[stroke]').getAttribute('d')).resolves.toBe(expectedModules);

    await page.screenshot({ path: path.join(screenshots, 'batch-page-desktop.png'), fullPage: true });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('publishes schema.org Product JSON-LD with the price in VND, in stock and then sold out', async () => {
    const lot = await melonLot();
    const page = await browser.newPage();
    await page.goto(`${web.url}/batches/${lot.lotCode}`);
    expect(await jsonLd(page)).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Product',
      name: 'Dưa lưới',
      gtin14: lot.product.gtin,
      offers: {
        '@type': 'Offer',
        price: String(lot.listing!.priceVnd),
        priceCurrency: 'VND',
        availability: 'https://schema.org/InStock',
        seller: { '@type': 'Organization', name: 'Seedline' },
      },
    });
    // The listing's photos, as absolute URLs a search engine can fetch.
    const images: unknown = (await jsonLd(page)).image;
    expect(images).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${web.url}/photos/`))]));
    await database.prisma.listing.update({ where: { id: lot.listing!.id }, data: { stock: 0 } });
    try {
      await page.reload();
      expect((await jsonLd(page)).offers.availability).toBe('https://schema.org/SoldOut');
    } finally {
      await database.prisma.listing.update({ where: { id: lot.listing!.id }, data: { stock: lot.listing!.stock } });
    }
    await page.close();
  });

  it('tells the same story in English', async () => {
    const lot = await melonLot();
    const page = await browser.newPage();
    await page.goto(`${web.url}/batches/${lot.lotCode}`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'The story of this batch' }).waitFor();
    const story = await page.locator('ol.timeline').innerText();
    expect(story).toContain('Harvested 21 days after application; interval 7 days');
    expect(story).toContain('Irrigation measured in the zone');
    expect(story).toContain('27 hours without data, left blank on the chart');
    const footprint = await page.locator('section[aria-labelledby="water-footprint"]').innerText();
    expect(footprint).toContain('Water footprint');
    expect(footprint).toMatch(/Irrigation measured\s+at least 55\sL\/kg\s\(98% of hours measured\)/);
    expect((await jsonLd(page)).name).toBe('Netted melon');
    await page.close();
  });

  it('ships at most 100 KB of gzipped JavaScript', async () => {
    const lot = await melonLot();
    const page = await browser.newPage();
    const scripts: Promise<[string, number]>[] = [];
    page.on('response', (response) => {
      const file = new URL(response.url()).pathname;
      // The service worker's script runs beside the page, not in it, and is fetched after the page
      // has rendered: it counts in the page's transfer (bench:web), not in its JavaScript.
      if (file.endsWith('.js') && file !== '/sw.js') {
        scripts.push(response.body().then((body) => [file, gzipSync(body).length]));
      }
    });
    await page.goto(`${web.url}/batches/${lot.lotCode}`, { waitUntil: 'networkidle' });
    const sizes = await Promise.all(scripts);
    expect(sizes.length).toBeGreaterThan(0);
    const total = sizes.reduce((sum, [, size]) => sum + size, 0);
    // On failure, say which files weigh what.
    expect(total, JSON.stringify(sizes)).toBeLessThanOrEqual(100 * 1024);
    await page.close();
  });

  it('opens again with no network, from its Digital Link too, saying from when the phone kept it', async () => {
    const lot = await melonLot();
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const link = `${web.url}/01/${lot.product.gtin}/10/${lot.lotCode}`;
    const notice = page.locator('.kept-copy');

    // The first visit: the page (and what it loaded) is kept as the service worker takes over.
    await page.goto(link, { waitUntil: 'networkidle' });
    await page.waitForFunction(async () =>
      Boolean(await (await caches.open('seedline-batches-v1')).match(location.href)),
    );
    expect(await notice.isVisible()).toBe(false);

    // As if the minute the browser itself may keep the page had passed, and the signal gone.
    await (await context.newCDPSession(page)).send('Network.clearBrowserCache');
    await context.setOffline(true);
    await page.goto(link, { waitUntil: 'load' });
    expect(new URL(page.url()).pathname).toBe(`/batches/${lot.lotCode}`);
    expect(await page.locator('h1').innerText()).toBe('Dưa lưới');
    expect(await page.locator('ol.timeline').innerText()).toContain('TN-DL-2608-114');
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(
      /^Không có mạng: đây là trang lưu trên máy lúc .*\d{1,2}:\d{2}.*\. Giá và số lượng còn lại có thể đã khác\.$/,
    );
    // Styled and running as online: its stylesheet and scripts were kept with it, and the notice
    // the worker wrote outlives hydration.
    expect(await notice.evaluate((p) => getComputedStyle(p).borderLeftStyle)).toBe('solid');
    await page.waitForFunction(() => '__remixRouter' in window);
    expect(await notice.isVisible()).toBe(true);
    await page.screenshot({ path: path.join(screenshots, 'batch-offline-360.png') });

    // The signal back: the page as it is now, no notice.
    await context.setOffline(false);
    await page.goto(link, { waitUntil: 'networkidle' });
    expect(await notice.isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });
});
