import { type Database, demoPassword, seedDemo } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../web/server/start.ts';
import { seriousAccessibilityViolations } from './support/axe.ts';
import { launchBrowser } from './support/browser.ts';
import { startTestWeb } from './support/web.ts';

// The farm's service worker (web/public/sw.js) in Chromium at 360×740: installed from
// /farm/notifications, it keeps the last farm overview readable with no network, and shows a
// pushed notice (delivered through the DevTools protocol, as a push service would) once per alarm.

let database: Database;
let web: RunningServer;
let browser: Browser;

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemo(database.prisma, new Date(), { demoLogins: true });
  [web, browser] = await Promise.all([startTestWeb(database), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
  await database?.close();
});

/** A farmer's phone, signed in, with the service worker installed from the notifications page. */
async function farmerPhone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
  const page = await context.newPage();
  await page.goto(`${web.url}/login`);
  await page.getByLabel('Email').fill('nongdan.xh@seedline.vn');
  await page.getByLabel('Mật khẩu').fill(demoPassword);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/login'),
    page.locator('main button[type=submit]').click(),
  ]);
  await page.goto(`${web.url}/farm/notifications`);
  await page.getByRole('button', { name: 'Nhận thông báo trên thiết bị này' }).waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  return { context, page };
}

describe('the notifications page on a phone', () => {
  it('has no serious accessibility violation, before and after saving', async () => {
    const { context, page } = await farmerPhone();
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.getByLabel('Email', { exact: true }).uncheck();
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã lưu cách nhận cảnh báo.').waitFor();
    expect(await page.getByLabel('Email', { exact: true }).isChecked()).toBe(false);
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await context.close();
  });
});

describe('the service worker', () => {
  it('keeps the last farm overview readable offline', async () => {
    const { context, page } = await farmerPhone();
    await page.goto(`${web.url}/farm`);
    const online = await page.locator('main').innerText();
    await page.waitForFunction(async () => Boolean(await (await caches.open('seedline-farm-v2')).match('/farm')));

    await context.setOffline(true);
    await page.goto(`${web.url}/farm`);
    expect(await page.locator('h1').innerText()).toBe('Trang trại của tôi');
    expect(await page.locator('main').innerText()).toBe(online);
    // Only the overview is kept: another page is not there offline.
    await expect(page.goto(`${web.url}/account`)).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
    await context.close();
  });

  it('shows a pushed notice, and a second one of the same alarm replaces the first', async () => {
    const { context, page } = await farmerPhone();
    await context.grantPermissions(['notifications'], { origin: web.url });
    const cdp = await context.newCDPSession(page);
    const registered = new Promise<string>((resolve) =>
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const ours = registrations.find((r) => r.scopeURL === `${web.url}/` && !r.isDeleted);
        if (ours) resolve(ours.registrationId);
      }),
    );
    await cdp.send('ServiceWorker.enable');
    const registrationId = await registered;
    const push = (message: object) =>
      cdp.send('ServiceWorker.deliverPushMessage', { origin: web.url, registrationId, data: JSON.stringify(message) });
    const url = `${web.url}/farm/zones/z-1`;
    const shown = async () =>
      page.evaluate(async () =>
        (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
          title: n.title,
          body: n.body,
          tag: n.tag,
          url: (n.data as { url: string }).url,
        })),
      );
    await push({ title: 'Cảnh báo ở Nhà màng 1', body: 'Khu 1: van mở mà không có nước chảy', url, tag: 'alarm-a1' });
    await expect
      .poll(shown, { timeout: 5_000 })
      .toEqual([{ title: 'Cảnh báo ở Nhà màng 1', body: 'Khu 1: van mở mà không có nước chảy', tag: 'alarm-a1', url }]);
    // Hours later, the reminder of the same alarm: still one notice on the phone.
    await push({
      title: 'Nhắc lại: cảnh báo ở Nhà màng 1 vẫn còn',
      body: 'Khu 1: chưa ai xác nhận',
      url,
      tag: 'alarm-a1',
    });
    await expect
      .poll(shown, { timeout: 5_000 })
      .toEqual([
        { title: 'Nhắc lại: cảnh báo ở Nhà màng 1 vẫn còn', body: 'Khu 1: chưa ai xác nhận', tag: 'alarm-a1', url },
      ]);
    await context.close();
  });
});
