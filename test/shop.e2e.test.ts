import path from 'node:path';
import type { Database } from '@seedline/db/setup';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageJavaScript } from '../web/bench/web/javascript.ts';
import type { RunningServer } from '../web/server/start.ts';
import { seriousAccessibilityViolations } from './support/axe.ts';
import { type Shop, openShop, screenshots } from './support/shop.ts';

declare global {
  interface Window {
    /** Cumulative layout shift so far, counted by the page's observer (the catalogue test). */
    layoutShift: number;
  }
}

let shop: Shop;
let database: Database;
let web: RunningServer;
let browser: Browser;

beforeAll(async () => {
  shop = await openShop(new Date('2026-11-20T03:00:00Z'));
  ({ database, web, browser } = shop);
});

afterAll(() => shop?.close());

const cardNames = (page: Page) => page.locator('.batch-card h2').allInnerTexts();

/** How each card's photo is asked to load, and the frame it keeps before it arrives. */
const photoLoading = (page: Page) =>
  page.locator('.batch-card img').evaluateAll((imgs) =>
    imgs.map((img) => ({
      loading: img.getAttribute('loading'),
      fetchpriority: img.getAttribute('fetchpriority'),
      width: img.getAttribute('width'),
      height: img.getAttribute('height'),
    })),
  );

/** Submits the catalogue's search form and waits for the URL of its query (the cards follow it). */
async function search(page: Page, fields: { q?: string; category?: string }) {
  if (fields.q !== undefined) await page.getByLabel('Tìm kiếm').fill(fields.q);
  if (fields.category !== undefined) await page.getByLabel('Loại sản phẩm').selectOption(fields.category);
  await Promise.all([
    page.waitForURL((url) => Object.entries(fields).every(([name, value]) => url.searchParams.get(name) === value)),
    page.getByRole('button', { name: 'Tìm', exact: true }).click(),
  ]);
}

describe('a buyer with JavaScript', () => {
  it('finds the melon by typing without marks, filters by category, and works the cart', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    // The shop's Content-Security-Policy must not block anything the pages themselves do.
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) blocked.push(message.text());
    });
    await page.goto(web.url);
    expect(await cardNames(page)).toHaveLength(4);

    await search(page, { q: 'dua luoi' });
    expect(new URL(page.url()).searchParams.get('q')).toBe('dua luoi');
    await expect.poll(() => cardNames(page)).toEqual(['Dưa lưới']);

    await search(page, { q: '', category: 'FRUIT_VEGETABLE' });
    expect(new URL(page.url()).searchParams.get('category')).toBe('FRUIT_VEGETABLE');
    await expect.poll(async () => (await cardNames(page)).sort()).toEqual(['Cà chua bi', 'Dưa chuột']);

    await search(page, { category: 'FRUIT' });
    await expect.poll(() => cardNames(page)).toEqual(['Dưa lưới']);
    await page.getByRole('link', { name: 'Dưa lưới' }).click();
    await page.waitForURL(/\/batches\/XH-/);
    const batchUrl = page.url();

    // A bad quantity: the field says what is wrong, and nothing is added.
    await page.getByLabel('Số lượng').fill('0');
    await page.getByRole('button', { name: 'Thêm vào giỏ' }).click();
    await page.getByRole('alert').getByText('Số lượng phải là số nguyên từ 1 đến 99.').waitFor();
    await expect(page.getByLabel('Số lượng').getAttribute('aria-invalid')).resolves.toBe('true');

    // Added without leaving the page; the header's count follows.
    await page.getByLabel('Số lượng').fill('2');
    await page.getByRole('button', { name: 'Thêm vào giỏ' }).click();
    await page.getByRole('status').getByText('Đã thêm vào giỏ hàng.').waitFor();
    await page.getByRole('link', { name: 'Giỏ hàng (2)' }).waitFor();
    expect(page.url()).toBe(batchUrl);
    await page.screenshot({ path: path.join(screenshots, 'batch-added-360.png') });

    await page.getByRole('link', { name: 'Giỏ hàng (2)' }).click();
    await page.waitForURL(/\/cart$/);
    const line = page.getByRole('listitem', { name: 'Dưa lưới' });
    await expect(line.getByLabel('Số lượng').inputValue()).resolves.toBe('2');
    await expect(page.locator('.cart-total').innerText()).resolves.toMatch(/170\.000\s₫/);

    await line.getByLabel('Số lượng').fill('3');
    await line.getByRole('button', { name: 'Cập nhật' }).click();
    await page.getByRole('link', { name: 'Giỏ hàng (3)' }).waitFor();
    expect(blocked).toEqual([]);
    await expect(page.locator('.cart-total').innerText()).resolves.toMatch(/255\.000\s₫/);

    // Fewer units left than asked: the quantity field says so.
    const melon = await database.prisma.listing.findFirstOrThrow({
      where: { packLot: { product: { slug: 'dua-luoi' } } },
    });
    await database.prisma.listing.update({ where: { id: melon.id }, data: { stock: 4 } });
    await line.getByLabel('Số lượng').fill('5');
    await line.getByRole('button', { name: 'Cập nhật' }).click();
    await line.getByRole('alert').getByText('Số lượng vượt quá số hàng còn lại (4).').waitFor();
    await expect(line.getByLabel('Số lượng').getAttribute('aria-invalid')).resolves.toBe('true');
    await database.prisma.listing.update({ where: { id: melon.id }, data: { stock: melon.stock } });

    await page.getByRole('link', { name: 'Thanh toán' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshots, 'cart-360.png'), fullPage: true });

    await line.getByRole('button', { name: 'Xóa' }).click();
    await page.getByText('Giỏ hàng đang trống.').waitFor();
    await page.getByRole('link', { name: 'Giỏ hàng (0)' }).waitFor();
    await page.close();
  });

  it('shows the catalogue with photos that keep their space, at 360 px and on a desktop', async () => {
    for (const [name, viewport] of [
      ['catalogue-360.png', { width: 360, height: 740 }],
      ['catalogue-desktop.png', { width: 1280, height: 900 }],
    ] as const) {
      const page = await browser.newPage({ viewport });
      // Layout shift as Core Web Vitals counts it, from the first paint on.
      await page.addInitScript(() => {
        window.layoutShift = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            const recentInput = 'hadRecentInput' in entry && entry.hadRecentInput === true;
            if ('value' in entry && typeof entry.value === 'number' && !recentInput) window.layoutShift += entry.value;
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(web.url);
      const first = page.locator('.batch-card img').first();
      // The first photo is the phone's largest paint: fetched first; the second is in the first
      // screenful too; the rest wait until they are scrolled near.
      expect(await photoLoading(page)).toEqual([
        { loading: 'eager', fetchpriority: 'high', width: '640', height: '480' },
        { loading: 'eager', fetchpriority: null, width: '640', height: '480' },
        { loading: 'lazy', fetchpriority: null, width: '640', height: '480' },
        { loading: 'lazy', fetchpriority: null, width: '640', height: '480' },
      ]);
      // Every card photo is loaded for the screenshot (lazy ones load once scrolled to).
      for (const img of await page.locator('.batch-card img').all()) {
        await img.scrollIntoViewIfNeeded();
        await img.evaluate((el: HTMLImageElement) =>
          el.complete ? undefined : new Promise((resolve) => el.addEventListener('load', resolve, { once: true })),
        );
        const size = await img.evaluate((el: HTMLImageElement) => ({
          natural: el.naturalWidth,
          ratio: el.getBoundingClientRect().width / el.getBoundingClientRect().height,
          src: el.currentSrc,
        }));
        expect(size.natural).toBeGreaterThan(0);
        expect(size.ratio).toBeCloseTo(4 / 3, 1);
        // AVIF first: the smallest of the three formats, and Chromium reads it.
        expect(size.src).toMatch(/\/photos\/\w+\/\d+\.avif$/);
      }
      // Every photo came in where its card had kept room for it: nothing moved.
      expect(await page.evaluate(() => window.layoutShift)).toBeLessThan(0.01);
      await page.evaluate(() => window.scrollTo(0, 0));
      const src = await first.evaluate((el: HTMLImageElement) => el.currentSrc);
      const photo = await fetch(src);
      expect(photo.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await fetch(src.replace(/\/\d+\.avif$/, '/500.avif'))).status).toBe(404);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.screenshot({ path: path.join(screenshots, name), fullPage: true });
      await page.close();
    }
  });

  it('lets each screen take the photo width it needs: a phone no desktop size, a grid of three small ones', async () => {
    for (const [viewport, deviceScaleFactor, width] of [
      [{ width: 360, height: 740 }, 1, 640],
      [{ width: 360, height: 740 }, 2, 960],
      // Three columns from 52rem: a small laptop's card is under 320 px wide.
      [{ width: 900, height: 800 }, 1, 320],
      [{ width: 1280, height: 800 }, 1, 320],
    ] as const) {
      const context = await browser.newContext({ viewport, deviceScaleFactor });
      const page = await context.newPage();
      await page.goto(web.url);
      const first = page.locator('.batch-card img').first();
      // currentSrc is the candidate the browser chose (naturalWidth is scaled back to CSS pixels).
      const chosen = await first.evaluate((el: HTMLImageElement) => el.decode().then(() => el.currentSrc));
      expect(chosen, `${viewport.width} px at ${deviceScaleFactor}×`).toMatch(
        new RegExp(`/photos/\\w+/${width}\\.avif$`),
      );
      await context.close();
    }
  });

  it('ships no more JavaScript than the batch page may (100 KB gzipped): its photos need no script', async () => {
    const files = await pageJavaScript(web.url, '/');
    const total = files.reduce((sum, file) => sum + file.gzipBytes, 0);
    // On failure, say which files weigh what.
    expect(total, JSON.stringify(files)).toBeLessThanOrEqual(100 * 1024);
  });

  it('shows prices for English readers in VND too, sorted dearest first', async () => {
    const context = await browser.newContext();
    await context.addCookies([{ name: 'sl_lang', value: 'ImVuIg%3D%3D', url: web.url }]);
    const page = await context.newPage();
    await page.goto(`${web.url}/?sort=price-desc`);
    await page.getByRole('heading', { name: 'Batches for sale' }).waitFor();
    expect(await cardNames(page)).toEqual(['Netted melon', 'Cherry tomato', 'Cucumber', 'Mustard greens']);
    await expect(page.locator('.batch-card .price').first().innerText()).resolves.toMatch(/85\.000\s₫/);
    await context.close();
  });
});

describe('a buyer without JavaScript', () => {
  it('searches, adds a batch to the cart through the plain form, and changes and removes it', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(web.url);
    // The photos are plain HTML: they come without any script.
    const first = page.locator('.batch-card img').first();
    await expect(
      first.evaluate((el: HTMLImageElement) => el.decode().then(() => el.naturalWidth)),
    ).resolves.toBeGreaterThan(0);
    await page.getByLabel('Tìm kiếm').fill('ca chua');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.waitForURL(/q=ca\+chua/);
    expect(await cardNames(page)).toEqual(['Cà chua bi']);
    await page.getByRole('link', { name: 'Cà chua bi' }).click();
    await page.waitForURL(/\/batches\//);

    await page.getByLabel('Số lượng').fill('2');
    await page.getByRole('button', { name: 'Thêm vào giỏ' }).click();
    await page.waitForURL(/\/cart$/);
    const line = page.getByRole('listitem', { name: 'Cà chua bi' });
    await expect(line.getByLabel('Số lượng').inputValue()).resolves.toBe('2');
    await page.getByRole('link', { name: 'Giỏ hàng (2)' }).waitFor();

    await line.getByLabel('Số lượng').fill('100');
    await line.getByRole('button', { name: 'Cập nhật' }).click();
    await page
      .getByRole('listitem', { name: 'Cà chua bi' })
      .getByText('Số lượng phải là số nguyên từ 0 đến 99 (0 để xóa).')
      .waitFor();

    await page.getByRole('listitem', { name: 'Cà chua bi' }).getByRole('button', { name: 'Xóa' }).click();
    await page.getByText('Giỏ hàng đang trống.').waitFor();
    await context.close();
  });
});
