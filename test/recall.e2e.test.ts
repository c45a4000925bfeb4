// The recall in Chromium at 360×740 (the production build, email through a fake SMTP server): staff
// trace a lot, download its EPCIS and FSMA 204 files, are stopped until they tick the confirmation,
// then recall it; the lot's buyer gets an email naming the lot. Axe finds no serious violation on
// the recall page, traced, refused or done.
import fs from 'node:fs/promises';
import path from 'node:path';
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

describe('recalling a lot, on a phone', () => {
  it('traces, downloads both records, asks for confirmation, recalls and emails the buyer', async () => {
    // A published demo lot bought by a buyer with an email.
    const line = await shop.database.prisma.orderLine.findFirstOrThrow({
      where: { listing: { published: true }, order: { contactEmail: { not: null } } },
      include: { packLot: true, order: true },
    });
    const { lotCode } = line.packLot;
    const context = await shop.browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: 'vi-VN',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await logIn(page, shop.web.url, 'nhanvien@seedline.vn', '/coop');
    await page.getByLabel('Mã lô hàng').fill(lotCode);
    await page.getByRole('button', { name: 'Truy xuất', exact: true }).click();
    await page.getByRole('heading', { name: 'Thu hồi', exact: true }).waitFor();
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải EPCIS 2.0 (JSON-LD)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`epcis-${lotCode}.jsonld`);
    expect(JSON.parse(await fs.readFile((await download.path())!, 'utf8'))).toMatchObject({ type: 'EPCISDocument' });

    await page.getByRole('button', { name: 'Thu hồi ngay' }).click();
    expect(await page.locator('#confirm-error').textContent()).toBe('Hãy đánh dấu ô xác nhận trước khi thu hồi.');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    expect(smtp.received.some((m) => m.to.includes(line.order.contactEmail!))).toBe(false);

    await page.getByLabel('Tôi xác nhận thu hồi và báo cho người mua').check();
    await page.getByRole('button', { name: 'Thu hồi ngay' }).click();
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('status').textContent()).toContain(`Đã thu hồi ${lotCode}: gỡ 1 sản phẩm`);
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: path.join(screenshots, 'recall-done-360.png'), fullPage: true });

    await expect
      .poll(() => smtp.received.some((m) => m.to.includes(line.order.contactEmail!)), { timeout: 10_000 })
      .toBe(true);
    const mail = readMail(smtp.received.find((m) => m.to.includes(line.order.contactEmail!))!.data);
    expect(mail.subject).toContain(lotCode);
    expect(mail.text).toContain(`/orders/${line.order.reference}?t=`);
    await context.close();
  });
});
