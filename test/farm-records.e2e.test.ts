import { type Database, seedDemo } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../web/server/start.ts';
import { seriousAccessibilityViolations } from './support/axe.ts';
import { launchBrowser } from './support/browser.ts';
import { logIn, startTestWeb } from './support/web.ts';

// The record forms and the input register in Chromium at 360×740, with JavaScript.

let database: Database;
let web: RunningServer;
let browser: Browser;

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemo(database.prisma, new Date(), { demoLogins: true });
  web = await startTestWeb(database);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await database?.close();
});

async function signedIn(email: string, to: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await logIn(page, web.url, email, to);
  return page;
}

const melon = () =>
  database.prisma.planting.findFirstOrThrow({
    where: { zone: { key: 'z2', greenhouse: { thingName: 'seedline-xh-nm1' } } },
  });

describe('the input form on a phone', () => {
  it("shows the chosen product's unit, refuses a dose over its maximum beside the dose, and has no serious accessibility violation", async () => {
    const { id } = await melon();
    const page = await signedIn('nongdan.xh@seedline.vn', `/farm/plantings/${id}/input`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page
      .getByLabel('Vật tư')
      .selectOption({ label: 'Radiant 60SC (spinetoram) — tối đa 1,9 ml/L, cách ly 7 ngày' });
    await expect.poll(() => page.locator('.with-unit .unit').first().textContent()).toBe('ml/L');
    await page.getByLabel('Liều lượng').fill('2,5');
    const before = await database.prisma.farmLog.count();
    await page.getByRole('button', { name: 'Lưu bản ghi' }).click();
    await expect.poll(() => page.locator('#dose-error').textContent()).toContain('tối đa 1,9 ml/L');
    expect(await page.getByLabel('Liều lượng').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(await database.prisma.farmLog.count()).toBe(before);

    await page.getByLabel('Liều lượng').fill('1,5');
    await page.getByRole('button', { name: 'Lưu bản ghi' }).click();
    await page.waitForURL((u) => u.pathname === `/farm/plantings/${id}/records`);
    expect(await page.getByRole('status').textContent()).toContain('Đã lưu bản ghi.');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(await database.prisma.farmLog.count()).toBe(before + 1);
    await page.close();
  });

  it('the observation form has no serious accessibility violation, before and after a refusal', async () => {
    const { id } = await melon();
    const page = await signedIn('nongdan.xh@seedline.vn', `/farm/plantings/${id}/observation`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Lưu bản ghi' }).click();
    await page.locator('#text-error').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.close();
  });
});

describe('the input register', () => {
  it('has no serious accessibility violation, its list nor a product of it', async () => {
    const page = await signedIn('nhanvien@seedline.vn', '/coop/inputs');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Sửa: Radiant 60SC' }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/coop/inputs/'));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.close();
  });
});

describe('the harvest form on a phone, with JavaScript', () => {
  it('stores two harvests picked one after the other from the same page as two harvests', async () => {
    // Yên Định's cucumbers: their last spray's interval ended days ago.
    const { id } = await database.prisma.planting.findFirstOrThrow({
      where: { zone: { key: 'z2', greenhouse: { thingName: 'seedline-yd-nl1' } } },
    });
    const before = await database.prisma.harvest.count({ where: { plantingId: id } });
    const page = await signedIn('nongdan.yd@seedline.vn', `/farm/plantings/${id}/harvest`);
    for (const kg of ['12,5', '7']) {
      await page.getByLabel('Khối lượng').fill(kg);
      await page.getByRole('button', { name: 'Lưu thu hoạch' }).click();
      await page.getByText(`Đã ghi thu hoạch ${kg} kg.`).waitFor();
    }
    const harvests = await database.prisma.harvest.findMany({
      where: { plantingId: id },
      orderBy: { createdAt: 'asc' },
    });
    expect(harvests.slice(before).map((h) => h.weightGrams)).toEqual([12_500, 7_000]);
    await page.close();
  });
});
