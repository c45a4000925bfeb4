// Issue 12 in Chromium at 360×740 (the production build, email through a fake SMTP server): the
// admin invites a farmer; the farmer opens the link from the email, sets a password and is signed
// in; the link does not work twice; the admin deactivates them and their open session ends. Axe
// finds no serious violation on the back office's member, farm and order pages, empty or refused.
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMail } from '../web/app/mail/testkit.ts';
import { seriousAccessibilityViolations } from './support/axe.ts';
import { type FakeSmtp, startFakeSmtp } from './support/fake-smtp.ts';
import { type Shop, openShop, screenshots } from './support/shop.ts';
import { logIn } from './support/web.ts';

let shop: Shop;
let smtp: FakeSmtp;

beforeAll(async () => {
  smtp = await startFakeSmtp();
  shop = await openShop(new Date(), { SMTP_URL: smtp.url });
}, 90_000);

afterAll(async () => {
  await shop?.close();
  await smtp?.close();
});

async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await shop.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
  return { context, page: await context.newPage() };
}

/** The /invite/ link of the email the SMTP server received for `to` (waits for the outbox to send it). */
async function invitationLink(to: string): Promise<string> {
  await expect.poll(() => smtp.received.some((m) => m.to.includes(to)), { timeout: 10_000 }).toBe(true);
  const { subject, text } = readMail(smtp.received.find((m) => m.to.includes(to))!.data);
  expect(subject).toContain('Lời mời tham gia hợp tác xã');
  const link = text.split(/\s+/).find((word) => word.includes('/invite/'));
  if (!link) throw new Error(`no invitation link in:\n${text}`);
  return link;
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(screenshots, `members-${name}-360.png`), fullPage: true });

describe('inviting a farmer, on a phone', () => {
  it('invites, the farmer sets a password from the email once, and deactivation ends their session', async () => {
    const { context: office, page: admin } = await phone();
    await logIn(admin, shop.web.url, 'admin@seedline.vn', '/coop/members');
    await expect(seriousAccessibilityViolations(admin)).resolves.toEqual([]);

    // Nothing typed: each field says what it needs, and nobody is invited.
    const before = await shop.database.prisma.user.count();
    await admin.getByRole('button', { name: 'Gửi lời mời' }).click();
    await admin.getByText('Nông dân cần có trang trại: vui lòng chọn.').waitFor();
    expect(await admin.getByRole('textbox', { name: 'Họ và tên' }).getAttribute('aria-invalid')).toBe('true');
    expect(await shop.database.prisma.user.count()).toBe(before);
    await shot(admin, 'invite-refused');
    await expect(seriousAccessibilityViolations(admin)).resolves.toEqual([]);

    await admin.getByRole('textbox', { name: 'Họ và tên' }).fill('Bùi Thị Hạnh');
    await admin.getByRole('textbox', { name: 'Email' }).fill('hanh.bui@example.vn');
    await admin.getByLabel('Trang trại', { exact: true }).selectOption({ label: 'Trang trại dưa lưới Xuân Hòa' });
    await admin.getByRole('button', { name: 'Gửi lời mời' }).click();
    await admin.getByText('Đã gửi lời mời đến Bùi Thị Hạnh (hanh.bui@example.vn).').waitFor();

    const link = await invitationLink('hanh.bui@example.vn');
    const { context: farmerPhone, page: farmer } = await phone();
    await farmer.goto(link);
    await farmer.getByRole('heading', { name: 'Chào Bùi Thị Hạnh' }).waitFor();
    await expect(seriousAccessibilityViolations(farmer)).resolves.toEqual([]);
    await farmer.getByLabel('Mật khẩu', { exact: true }).fill('mật khẩu của Hạnh');
    await farmer.getByLabel('Nhập lại mật khẩu').fill('mật khẩu khác');
    await farmer.getByRole('button', { name: 'Đặt mật khẩu và đăng nhập' }).click();
    await farmer.getByText('Hai mật khẩu không giống nhau.').waitFor();
    await shot(farmer, 'set-password-refused');
    await expect(seriousAccessibilityViolations(farmer)).resolves.toEqual([]);
    await farmer.getByLabel('Mật khẩu', { exact: true }).fill('mật khẩu của Hạnh');
    await farmer.getByLabel('Nhập lại mật khẩu').fill('mật khẩu của Hạnh');
    await farmer.getByRole('button', { name: 'Đặt mật khẩu và đăng nhập' }).click();
    await farmer.waitForURL((url) => url.pathname === '/farm');
    await farmer.getByText('Trang trại dưa lưới Xuân Hòa').first().waitFor();

    // The link is spent: opened again, in another browser, it says so and sets nothing.
    const { context: stranger, page: again } = await phone();
    await again.goto(link);
    await again.getByText('Đường dẫn mời này đã hết hạn hoặc đã được dùng.').waitFor();
    expect(await again.getByLabel('Mật khẩu', { exact: true }).count()).toBe(0);
    await expect(seriousAccessibilityViolations(again)).resolves.toEqual([]);
    await stranger.close();

    // The admin deactivates her: her next page asks her to log in, and her password no longer works.
    await admin.goto(`${shop.web.url}/coop/members`);
    await admin.getByRole('link', { name: 'Bùi Thị Hạnh' }).click();
    await admin.getByRole('button', { name: 'Ngừng hoạt động tài khoản' }).click();
    await admin.getByText('Đã ngừng hoạt động tài khoản Bùi Thị Hạnh').waitFor();
    await shot(admin, 'member-deactivated');
    await expect(seriousAccessibilityViolations(admin)).resolves.toEqual([]);
    await farmer.reload();
    await farmer.waitForURL((url) => url.pathname === '/login');
    await farmer.getByLabel('Email').fill('hanh.bui@example.vn');
    await farmer.getByLabel('Mật khẩu').fill('mật khẩu của Hạnh');
    await farmer.getByRole('button', { name: 'Đăng nhập' }).click();
    await farmer.getByText('Email hoặc mật khẩu không đúng.').waitFor();
    await farmerPhone.close();
    await office.close();
  });
});

describe('the back office pages, on a phone', () => {
  it('have no serious accessibility violation, nor a refused form on them', async () => {
    const { context, page } = await phone();
    await logIn(page, shop.web.url, 'admin@seedline.vn', '/coop/farms');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.getByRole('button', { name: 'Thêm trang trại' }).click();
    await page.getByText('Mã gồm 2–4 chữ cái hoặc chữ số').waitFor();
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.getByRole('link', { name: 'Trang trại dưa lưới Xuân Hòa' }).click();
    await page.getByRole('button', { name: 'Thêm chứng nhận' }).click();
    await page.getByText('Vui lòng chọn loại chứng nhận.').waitFor();
    await shot(page, 'farm-refused');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.goto(`${shop.web.url}/coop/orders?show=all`);
    // Every order's buttons are on the screen: nothing runs off its right edge.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, 'orders');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await context.close();
  });
});
