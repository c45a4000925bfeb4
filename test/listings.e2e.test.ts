import path from 'node:path';
import { createPackLot } from '@seedline/db';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phonePhoto } from '../web/bench/phone-photo.ts';
import { seriousAccessibilityViolations } from './support/axe.ts';
import { type Shop, openShop, screenshots } from './support/shop.ts';
import { logIn } from './support/web.ts';

// Staff list a new pack lot from a phone (Chromium at 360×740): a listing with two photos, the
// second made the cover, published; the shop shows it with that cover and a buyer can add it.

let shop: Shop;
let lotCode: string;
const title = 'Cải xanh lô mới Hoằng Hóa';

beforeAll(async () => {
  shop = await openShop(new Date());
  const harvest = await shop.database.prisma.harvest.findFirstOrThrow({
    where: { planting: { zone: { key: 'z1', greenhouse: { thingName: 'seedline-hh-nl1' } } } },
  });
  const lot = await createPackLot(shop.database.prisma, {
    harvestId: harvest.id,
    unitCount: 24,
    unitWeightGrams: 300,
    packedAt: new Date(),
    bestBeforeDays: 4,
  });
  lotCode = lot.lotCode;
});

afterAll(() => shop?.close());

async function staffPhone(to: string): Promise<Page> {
  const page = await shop.browser.newPage({ viewport: { width: 360, height: 740 } });
  await logIn(page, shop.web.url, 'nhanvien@seedline.vn', to);
  return page;
}

const photoFile = async (name: string, frame: { width: number; height: number }) => ({
  name,
  mimeType: 'image/jpeg',
  buffer: await phonePhoto(frame),
});

const noWiderThanPhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= 360);

describe('a listing made on a phone', () => {
  it('is created from a pack lot, gets two photos and a cover, is published, and a buyer adds it to the cart', async () => {
    const prisma = shop.database.prisma;
    const page = await staffPhone('/coop/listings');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: new RegExp(`^${lotCode} — `) }).click();
    await page.waitForURL((u) => u.searchParams.has('lot'));
    // The address changes a moment before the page shows the lot's form: wait for the form.
    await expect.poll(() => page.getByLabel('Tên (tiếng Việt)').inputValue()).toBe('Cải xanh');
    await expect.poll(() => page.getByLabel('Số lượng bán').inputValue()).toBe('24');

    // A price left empty and a negative one: said beside the price, nothing written.
    const listings = await prisma.listing.count();
    await page.getByLabel('Tên (tiếng Việt)').fill(title);
    await page.getByLabel('Giá mỗi đơn vị (đồng)').fill('-30000');
    await page.getByRole('button', { name: 'Tạo tin bán' }).click();
    await page.locator('#priceVnd-error').getByText('Giá: nhập số đồng nguyên dương').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(await prisma.listing.count()).toBe(listings);
    await page.screenshot({ path: path.join(screenshots, 'listings-new-refused-360.png'), fullPage: true });

    await page.getByLabel('Giá mỗi đơn vị (đồng)').fill('32.000');
    await page.getByRole('button', { name: 'Tạo tin bán' }).click();
    await page.waitForURL((u) => /^\/coop\/listings\/[^/]+$/.test(u.pathname));
    await page.getByRole('status').getByText('Đã tạo tin bán.').waitFor();

    // Not a photo: refused beside the field, naming the file.
    await page
      .getByLabel('Chọn ảnh')
      .setInputFiles([{ name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('xin chào') }]);
    await page.getByRole('button', { name: 'Tải ảnh lên' }).click();
    await page.locator('#photos-error').getByText('Tệp “ghi-chu.txt” không phải là ảnh.').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page
      .getByLabel('Chọn ảnh')
      .setInputFiles([
        await photoFile('vuon.jpg', { width: 1200, height: 1600 }),
        await photoFile('bo-xa-lach.jpg', { width: 1600, height: 1200 }),
      ]);
    await page.getByRole('button', { name: 'Tải ảnh lên' }).click();
    await page.getByRole('status').getByText('Đã thêm ảnh.').waitFor();
    const listing = await prisma.listing.findFirstOrThrow({
      where: { packLot: { lotCode } },
      include: { photos: { orderBy: { position: 'asc' } } },
    });
    expect(listing.photos).toHaveLength(2);
    const second = listing.photos[1]!.id;

    await page.getByRole('listitem', { name: 'Ảnh 2' }).getByRole('button', { name: 'Đặt làm ảnh bìa' }).click();
    await page.getByRole('status').getByText('Đã chọn ảnh bìa.').waitFor();
    await expect
      .poll(() => page.getByRole('listitem', { name: 'Ảnh 1' }).locator('img').getAttribute('src'))
      .toContain(second);
    expect(await noWiderThanPhone(page)).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshots, 'listing-photos-360.png'), fullPage: true });

    await page.getByRole('button', { name: 'Đăng bán' }).click();
    await page.getByRole('status').getByText('Đã đăng bán.').waitFor();
    await page.close();

    // The buyer's shop: the new batch with its cover photo; added to the cart from its page.
    const buyer = await shop.browser.newPage({ viewport: { width: 360, height: 740 } });
    await buyer.goto(shop.web.url);
    const card = buyer.locator('.batch-card', { hasText: title });
    await expect(card.locator('img').getAttribute('src')).resolves.toContain(`/photos/${second}/`);
    await expect(card.locator('source[type="image/avif"]').getAttribute('srcset')).resolves.toContain(
      `/photos/${second}/320.avif`,
    );
    await card.getByRole('link', { name: title }).click();
    await buyer.waitForURL((u) => u.pathname === `/batches/${lotCode}`);
    await buyer.getByRole('button', { name: 'Thêm vào giỏ' }).click();
    await buyer.getByRole('status').getByText('Đã thêm vào giỏ hàng.').waitFor();
    const cart = await prisma.cartLine.findFirst({ where: { listingId: listing.id } });
    expect(cart?.quantity).toBe(1);
    await buyer.close();
  });
});
