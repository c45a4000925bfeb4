// The farmer records with no signal (Chromium at 360×740, the production build, the service
// worker): records made offline are kept on the phone and listed as waiting, survive a reload
// while offline, and are stored exactly once when the network returns; one the server refuses
// when it finally arrives stays on the phone with the reason, to fix and send again.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './support/axe.ts';
import { sidewaysPhoneJpeg } from './support/phone-photos.ts';
import { type Shop, openShop } from './support/shop.ts';
import { logIn } from './support/web.ts';

let shop: Shop;

beforeAll(async () => {
  shop = await openShop(new Date());
}, 90_000);
afterAll(() => shop?.close());

/** A signed-in farmer's phone whose service worker runs (installed on the first farm page). */
async function farmerPhone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await shop.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
  const page = await context.newPage();
  await logIn(page, shop.web.url, 'nongdan.xh@seedline.vn', '/farm');
  // Installed by the first farm page; a page loaded once it is active goes through it.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  // (The overview holds a live stream open: "load", not "networkidle".)
  await page.reload({ waitUntil: 'load' });
  expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
  return { context, page };
}

const melon = () =>
  shop.database.prisma.planting.findFirstOrThrow({
    where: { zone: { key: 'z2', greenhouse: { thingName: 'seedline-xh-nm1' } } },
  });

const waiting = (page: Page) => page.locator('.outbox li');

async function observe(page: Page, text: string, photo?: Buffer) {
  await page.getByLabel('Sâu hại').check();
  await page.getByLabel('Nội dung').fill(text);
  if (photo)
    await page
      .getByLabel('Ảnh (không bắt buộc)')
      .setInputFiles({ name: 'bo-tri.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.getByRole('button', { name: 'Lưu bản ghi' }).click();
}

async function spray(page: Page, dose: string) {
  await page
    .getByLabel('Vật tư')
    .selectOption({ label: 'Radiant 60SC (spinetoram) — tối đa 1,9 ml/L, cách ly 7 ngày' });
  await page.getByLabel('Liều lượng').fill(dose);
  await page.getByRole('button', { name: 'Lưu bản ghi' }).click();
}

describe('records made with no signal', () => {
  it('are kept as waiting, survive a reload offline, and are stored once when the network returns', async () => {
    const { id } = await melon();
    const { context, page } = await farmerPhone();
    const forms = {
      observation: `${shop.web.url}/farm/plantings/${id}/observation`,
      input: `${shop.web.url}/farm/plantings/${id}/input`,
    };
    // Opened once with a network: the phone keeps both forms.
    await page.goto(forms.input, { waitUntil: 'networkidle' });
    await page.goto(forms.observation, { waitUntil: 'networkidle' });
    const before = await shop.database.prisma.farmLog.count({ where: { plantingId: id } });
    const since = new Date();

    await context.setOffline(true);
    // With a photo of the thrips: kept on the phone with the record, sent with it.
    await observe(page, 'Bọ trĩ ở mặt dưới lá, hàng 3', await sidewaysPhoneJpeg());
    await page.getByText('Không có mạng: đã lưu ghi chép trên điện thoại').waitFor();
    expect(await page.getByLabel('Nội dung').inputValue()).toBe('');
    await page.goto(forms.input, { waitUntil: 'networkidle' });
    await spray(page, '1,5');
    await page.getByText('Không có mạng: đã lưu ghi chép trên điện thoại').waitFor();
    await expect
      .poll(() => waiting(page).allInnerTexts())
      .toEqual([
        expect.stringMatching(/^Quan sát · Dưa lưới · .*Chờ gửi$/s),
        expect.stringMatching(/^Bón phân, phun thuốc · Dưa lưới · .*Chờ gửi$/s),
      ]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.reload();
    await page.getByRole('heading', { name: 'Chờ gửi (2)' }).waitFor();
    expect(await shop.database.prisma.farmLog.count({ where: { plantingId: id } })).toBe(before);

    await context.setOffline(false);
    await page.getByRole('heading', { name: /Chờ gửi/ }).waitFor({ state: 'detached', timeout: 20_000 });
    const stored = await shop.database.prisma.farmLog.findMany({
      where: { plantingId: id, recordedAt: { gte: since } },
      orderBy: { recordedAt: 'asc' },
    });
    expect(stored.map((log) => [log.kind, log.note ?? log.dose])).toEqual([
      ['OBSERVATION', 'Bọ trĩ ở mặt dưới lá, hàng 3'],
      ['INPUT_APPLICATION', '1,5 ml/L'],
    ]);
    expect(new Set(stored.map((log) => log.clientId)).size).toBe(2);
    const photo = await shop.database.prisma.recordPhoto.findUniqueOrThrow({ where: { id: stored[0]?.photoId ?? '' } });
    expect(photo).toMatchObject({ subject: 'OBSERVATION', width: 400, height: 600 });
    await context.close();
  });

  it('keeps a record the server refuses when it arrives, with the reason, to fix and send again', async () => {
    const { id } = await melon();
    const { context, page } = await farmerPhone();
    const form = `${shop.web.url}/farm/plantings/${id}/input`;
    await page.goto(form, { waitUntil: 'networkidle' });
    await context.setOffline(true);
    // Over the register's maximum: the phone cannot know, the server refuses it when it arrives.
    await spray(page, '2,5');
    await page.getByText('Không có mạng: đã lưu ghi chép trên điện thoại').waitFor();
    const before = await shop.database.prisma.farmLog.count({ where: { plantingId: id } });

    await context.setOffline(false);
    const refused = waiting(page).filter({ hasText: 'Không được nhận' });
    await refused.waitFor({ timeout: 20_000 });
    expect(await refused.innerText()).toContain('tối đa 1,9 ml/L');
    // The form's own notice follows it: no longer "will be sent".
    await page.getByText('Ghi chép vừa lưu trên điện thoại không được nhận').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // Still there after a reload: never dropped.
    await page.reload();
    await refused.waitFor();

    await refused.getByRole('link', { name: 'Sửa và gửi lại' }).click();
    await expect.poll(() => page.getByLabel('Liều lượng').inputValue()).toBe('2,5');
    await page.getByLabel('Liều lượng').fill('1,2');
    await page.getByRole('button', { name: 'Lưu bản ghi' }).click();
    await page.waitForURL((url) => url.pathname === `/farm/plantings/${id}/records`);
    await expect.poll(() => waiting(page).count()).toBe(0);
    const logs = await shop.database.prisma.farmLog.findMany({
      where: { plantingId: id },
      orderBy: { recordedAt: 'desc' },
      take: 1,
    });
    expect(logs[0]?.dose).toBe('1,2 ml/L');
    expect(await shop.database.prisma.farmLog.count({ where: { plantingId: id } })).toBe(before + 1);
    await context.close();
  });

  it('sends again a record whose answer was lost on the way, and the server stores it once', async () => {
    const { id } = await melon();
    const { context, page } = await farmerPhone();
    await page.goto(`${shop.web.url}/farm/plantings/${id}/observation`, { waitUntil: 'networkidle' });
    await context.setOffline(true);
    await observe(page, 'Lá vàng ở đầu luống, nghi thiếu đạm');
    await page.getByText('Không có mạng: đã lưu ghi chép trên điện thoại').waitFor();
    // The first delivery reaches the server, but its answer never reaches the phone.
    let deliveries = 0;
    await page.route('**/farm/outbox?*', async (route) => {
      deliveries += 1;
      if (deliveries > 1) return route.continue();
      await route.fetch();
      await route.abort('connectionreset');
    });
    await context.setOffline(false);
    await waiting(page).first().waitFor();
    await page.getByRole('button', { name: 'Gửi ngay' }).click();
    await page.getByRole('heading', { name: /Chờ gửi/ }).waitFor({ state: 'detached', timeout: 20_000 });
    expect(deliveries).toBe(2);
    await page.getByText('Đã có mạng: ghi chép vừa lưu trên điện thoại đã được gửi.').waitFor();
    const stored = await shop.database.prisma.farmLog.findMany({
      where: { plantingId: id, note: 'Lá vàng ở đầu luống, nghi thiếu đạm' },
    });
    expect(stored).toHaveLength(1);
    await context.close();
  });
});
