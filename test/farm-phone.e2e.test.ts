// The farmer's greenhouse on a phone (360×740, Chromium), every part real: the bridge runtime on
// the virtual greenhouse, the local broker and shadow service, ingest, PostgreSQL (or PGlite) and
// the production web build. What a farmer does from the phone reaches the bridge through the shadow
// and comes back on the open page without a reload.
import path from 'node:path';
import { hashPassword } from '@seedline/db';
import type { Database } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawFor } from '../firmware-bridge/test/harness.ts';
import { testFarm } from '../web/app/ingest/testkit.ts';
import type { RunningServer } from '../web/server/start.ts';
import { seriousAccessibilityViolations } from './support/axe.ts';
import { launchBrowser } from './support/browser.ts';
import { type FakePush, startFakePush } from './support/fake-push.ts';
import { type FakeZalo, startFakeZalo } from './support/fake-zalo.ts';
import { type OpenGreenhouse, openGreenhouse } from './support/greenhouse.ts';
import { screenshots } from './support/shop.ts';
import { logIn, startTestWeb, visitor } from './support/web.ts';

const PASSWORD = 'mat-khau-cua-nong-dan';
let database: Database;
let greenhouse: OpenGreenhouse;
let web: RunningServer;
let browser: Browser;
let page: Page;
let zoneUrl: string;
let push: FakePush;
let zalo: FakeZalo;

async function farmer(email: string, farmCode: string) {
  const farm = await testFarm(database.prisma, farmCode);
  const passwordHash = await hashPassword(PASSWORD);
  return database.prisma.user.create({
    data: { email, name: `Nông dân ${farmCode}`, role: 'FARMER', farmId: farm.id, passwordHash },
  });
}

beforeAll(async () => {
  database = await openTestDatabase();
  greenhouse = await openGreenhouse(database);
  const me = await farmer('nong.dan@example.vn', 'TST');
  [push, zalo] = await Promise.all([startFakePush(), startFakeZalo()]);
  // This phone is subscribed to Web Push (Chromium here cannot reach a real push service).
  const phone = push.device('farmer-phone').subscription;
  await database.prisma.pushSubscription.create({ data: { userId: me.id, endpoint: phone.endpoint, ...phone.keys } });
  web = await startTestWeb(
    database,
    { ZALO_ZNS_ACCESS_TOKEN: 'oa-token', ZALO_ZNS_TEMPLATE_ID: '301234', ZALO_ZNS_API_BASE: zalo.url },
    greenhouse.ingest.publishDesired,
  );
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
  page = await context.newPage();
  zoneUrl = `${web.url}/farm/zones/${greenhouse.zoneIds.z1}`;
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await Promise.all([push?.close(), zalo?.close()]);
  await greenhouse?.close();
  await database?.close();
});

const patiently = { timeout: 15_000, interval: 100 };
const zoneName = () => greenhouse.config.zones[0]!.name;
/** A mark on the window: still there means the page was never reloaded. */
const markWindow = () => page.evaluate(() => ((window as unknown as { mark: number }).mark = 1));
const stillSamePage = () => page.evaluate(() => (window as unknown as { mark?: number }).mark === 1);

describe('the farmer’s phone', () => {
  it('logs in, opens a zone from the farm, and sees new reports arrive without reloading', async () => {
    await logIn(page, web.url, 'nong.dan@example.vn', '/farm', PASSWORD);
    await page.screenshot({ path: path.join(screenshots, 'farm-360.png'), fullPage: true });

    await page.getByRole('link', { name: zoneName() }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/farm/zones/'));
    await expect.poll(() => page.locator('[data-live="at"]').count(), patiently).toBe(1);
    await markWindow();
    const first = await page.locator('.zone-now').getAttribute('data-live-at');
    // The bridge reports every second: a newer report replaces the shown one, the page stays.
    await expect.poll(() => page.locator('.zone-now').getAttribute('data-live-at'), patiently).not.toBe(first);
    expect(await stillSamePage()).toBe(true);
    await page.screenshot({ path: path.join(screenshots, 'zone-360.png'), fullPage: true });
  });

  it('changes the band: the bridge applies it and the page shows it confirmed, with who asked', async () => {
    await page.goto(zoneUrl);
    await page.getByLabel('Tưới khi độ ẩm dưới').fill('24,5');
    await page.getByLabel('Ngừng tưới khi độ ẩm đạt').fill('33');
    await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await page.waitForURL((url) => url.searchParams.get('sent') === 'settings');
    await markWindow();
    await expect
      .poll(() => page.locator('.settings-state').textContent(), patiently)
      .toBe('Bộ điều khiển đang chạy các cài đặt này.');
    expect(await stillSamePage()).toBe(true);
    expect(greenhouse.bridge.settings().z1).toMatchObject({ moistureLow: 24.5, moistureHigh: 33 });
    await expect(page.locator('.requests li').first().textContent()).resolves.toMatch(
      /Nông dân TST: đổi cài đặt \(ngưỡng 24,5–33 %.*đã áp dụng/,
    );
  });

  it('refuses an upside-down band beside the field, and sends nothing', async () => {
    const before = await database.prisma.controlRequest.count();
    await page.goto(zoneUrl);
    await page.getByLabel('Tưới khi độ ẩm dưới').fill('40');
    await page.getByLabel('Ngừng tưới khi độ ẩm đạt').fill('30');
    await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await expect
      .poll(() => page.locator('#moistureHigh-error').textContent(), patiently)
      .toBe('Mức ngừng tưới phải cao hơn mức bắt đầu tưới.');
    await expect(page.getByLabel('Ngừng tưới khi độ ẩm đạt').inputValue()).resolves.toBe('30');
    expect(await database.prisma.controlRequest.count()).toBe(before);
    expect(greenhouse.bridge.settings().z1).toMatchObject({ moistureLow: 24.5, moistureHigh: 33 });
  });

  it('runs the zone for 5 minutes, sees its valve open, and stops it', async () => {
    // Wet, above the band set before: the zone waters only because the farmer asks.
    greenhouse.hardware.raw.z1 = rawFor(greenhouse.config, 'z1', 40);
    await expect.poll(() => greenhouse.bridge.state().zones.z1?.run, patiently).toBeNull();
    await page.goto(zoneUrl);
    await page.getByLabel('Tưới ngay trong').fill('5');
    await page.getByRole('button', { name: 'Tưới ngay' }).click();
    await page.waitForURL((url) => url.searchParams.get('sent') === 'run');
    await expect.poll(() => page.locator('[data-live="valve"]').textContent(), patiently).toMatch(/^mở/);
    await expect.poll(() => page.locator('[data-live="mode"]').textContent(), patiently).toBe('tưới tay');
    expect(greenhouse.bridge.state().zones.z1?.run?.kind).toBe('manual');
    await page.getByRole('button', { name: 'Dừng tưới' }).click();
    await expect.poll(() => page.locator('[data-live="valve"]').textContent(), patiently).toBe('đóng');
  });

  it('chooses to hear of alarms on the phone and through Zalo', async () => {
    await page.goto(`${web.url}/farm`);
    await page.getByRole('link', { name: 'Nhận cảnh báo' }).click();
    await page.getByLabel('Thông báo trên điện thoại (Web Push)').check();
    await page.getByLabel('Tin nhắn Zalo').check();
    await page.getByLabel('Email').uncheck();
    await page.getByLabel('Số điện thoại Zalo').fill('0912 345 678');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect.poll(() => page.getByText('Đã lưu cách nhận cảnh báo.').count(), patiently).toBe(1);
  });

  it('shows a leak as it happens, hears of it once on the phone and through Zalo, acknowledges it, and the bridge clears it', async () => {
    await page.goto(`${web.url}/farm`);
    await markWindow();
    greenhouse.hardware.leak(6);
    const acknowledge = page.getByRole('button', { name: 'Xác nhận đã xử lý' });
    await expect.poll(() => acknowledge.count(), patiently).toBe(1);
    expect(await stillSamePage()).toBe(true);
    await expect(page.locator('.alarms').textContent()).resolves.toMatch(/Cả nhà màng: nước chảy khi mọi van đóng/);
    await page.screenshot({ path: path.join(screenshots, 'farm-leak-360.png'), fullPage: true });

    greenhouse.hardware.leak(0);
    await acknowledge.click();
    await expect.poll(() => page.locator('.alarms').count(), patiently).toBe(0);
    expect(greenhouse.bridge.state().site.leak).toBe(false);
    const leak = await database.prisma.alarm.findFirstOrThrow({ where: { kind: 'leak' } });
    expect(leak.acknowledgedAt).toBeInstanceOf(Date);
    expect(leak.clearedAt).toBeInstanceOf(Date);

    // One notice when it opened and one when it cleared, on each channel (the worker sends every 5 s).
    // Both may leave in one round of the worker, in either order.
    const messages = () => push.received.map((p) => p.message as { title: string; body: string; url: string });
    await expect.poll(() => messages().length, { ...patiently, timeout: 20_000 }).toBe(2);
    const opened = messages().find((m) => m.title.startsWith('Cảnh báo ở '));
    expect(opened).toMatchObject({
      body: expect.stringContaining('nước chảy khi mọi van đóng'),
      url: `${web.url}/farm`,
    });
    expect(messages().filter((m) => m.title.startsWith('Hết cảnh báo ở '))).toHaveLength(1);
    await expect.poll(() => zalo.requests.length, patiently).toBe(2);
    const statuses = zalo.requests.map((r) => (r.body.template_data as { status: string }).status);
    expect(statuses.sort()).toEqual(['Mới', 'Đã hết'].sort());
    expect(zalo.requests.every((r) => r.body.phone === '84912345678')).toBe(true);
  });

  it('works as plain forms and links without JavaScript', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
    await context.addCookies(await page.context().cookies());
    const plain = await context.newPage();
    await plain.goto(`${web.url}/farm`);
    await plain.getByRole('link', { name: zoneName() }).click();
    await plain.getByLabel('Tưới ngay trong').fill('abc');
    await plain.getByRole('button', { name: 'Tưới ngay' }).click();
    await expect(plain.locator('#minutes-error').textContent()).resolves.toBe('Nhập số phút tưới, từ 1 đến 240.');
    await plain.getByRole('button', { name: 'Tắt khu này' }).click();
    await expect(plain.getByRole('status').first().textContent()).resolves.toBe(
      'Đã gửi tới bộ điều khiển: chờ xác nhận.',
    );
    await expect
      .poll(async () => (await database.prisma.controlRequest.findFirst({ where: { kind: 'off' } }))?.status, patiently)
      .toBe('CONFIRMED');
    // No live updates without JavaScript: the farmer reloads until the bridge reports the zone off.
    const turnOn = plain.getByRole('button', { name: 'Bật tưới tự động' });
    await expect.poll(async () => (await plain.reload(), await turnOn.count()), patiently).toBe(1);
    await turnOn.click();
    await expect.poll(() => greenhouse.bridge.state().zones.z1?.mode.kind, patiently).toBe('auto');
    await context.close();
  });

  it('has no serious accessibility problem on the farm and zone pages', async () => {
    for (const url of [`${web.url}/farm`, zoneUrl]) {
      await page.goto(url);
      expect(await seriousAccessibilityViolations(page), url).toEqual([]);
    }
  });

  it('looks right on a desktop too', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies(await page.context().cookies());
    const desktop = await context.newPage();
    await desktop.goto(`${web.url}/farm`);
    await desktop.screenshot({ path: path.join(screenshots, 'farm-desktop.png'), fullPage: true });
    await desktop.goto(zoneUrl);
    await desktop.screenshot({ path: path.join(screenshots, 'zone-desktop.png'), fullPage: true });
    await expect(desktop.locator('h1').textContent()).resolves.toContain(zoneName());
    await context.close();
  });
});

describe('another farm’s farmer', () => {
  it('gets 404 for the zone page, every action on it, and its live stream, and changes nothing', async () => {
    await farmer('hang.xom@example.vn', 'OTHER');
    const neighbour = visitor(web.url);
    expect((await neighbour.post('/login', { email: 'hang.xom@example.vn', password: PASSWORD })).status).toBe(302);
    const requests = await database.prisma.controlRequest.count();
    const zonePath = `/farm/zones/${greenhouse.zoneIds.z1}`;
    expect((await neighbour.get(zonePath)).status).toBe(404);
    expect((await neighbour.get(`/farm/live/${greenhouse.greenhouseId}`)).status).toBe(404);
    const forms: Record<string, string>[] = [
      { intent: 'run', minutes: '5' },
      { intent: 'off' },
      {
        intent: 'settings',
        moistureLow: '20',
        moistureHigh: '30',
        maxRunMinutes: '10',
        minSoakMinutes: '30',
        dailyBudgetLitres: '500',
      },
    ];
    for (const form of forms) {
      expect((await neighbour.post(zonePath, form)).status, form.intent).toBe(404);
    }
    const leak = await database.prisma.alarm.findFirstOrThrow({ where: { kind: 'leak' } });
    expect((await neighbour.post('/farm?index', { intent: 'acknowledge', alarmId: leak.id })).status).toBe(404);
    expect(await database.prisma.controlRequest.count()).toBe(requests);
  });
});
