import fs from 'node:fs';
import path from 'node:path';
import { type Database, demoPassword, seedDemo } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import { digitalLinkPath } from '@seedline/db';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableByListing } from '../web/app/shop/stock.server.ts';
import type { RunningServer } from '../web/server/start.ts';
import { launchBrowser } from './support/browser.ts';
import { seriousAccessibilityViolations } from './support/axe.ts';
import { type FakeStripe, event, sendWebhook, startFakeStripe } from './support/fake-stripe.ts';
import { screenshots } from './support/shop.ts';
import { logIn, startTestWeb } from './support/web.ts';

// Checkout, payment and the order queue, in the browser, against a fake Stripe that the real SDK
// talks to. Every journey starts from a cart filled through the cart's own form.

const webhookSecret = 'whsec_test_seedline_checkout';
let database: Database;
let web: RunningServer;
let browser: Browser;
let stripe: FakeStripe;
let dataDir: string;
const db = () => database.prisma;

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemo(database.prisma, new Date(), { demoLogins: true });
  stripe = await startFakeStripe();
  dataDir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'seedline-checkout-'));
  [web, browser] = await Promise.all([
    startTestWeb(database, {
      STRIPE_SECRET_KEY: 'sk_test_seedline',
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_BASE: stripe.url,
      VIETQR_BANK_BIN: '970436',
      VIETQR_ACCOUNT: '1023456789',
      SEEDLINE_DATA_DIR: dataDir,
    }),
    launchBrowser(),
  ]);
  stripe.webhook = { url: `${web.url}/webhooks/stripe`, secret: webhookSecret };
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await stripe?.close();
  await database?.close();
});

/** A published listing with exactly `stock` units and nothing held or in carts. */
async function listing(stock: number, index = 0) {
  const all = await db().listing.findMany({
    where: { published: true },
    orderBy: { id: 'asc' },
    include: { packLot: { include: { product: true } } },
  });
  const chosen = all[index]!;
  await db().stockReservation.deleteMany({ where: { listingId: chosen.id } });
  await db().cartLine.deleteMany({ where: { listingId: chosen.id } });
  await db().listing.update({ where: { id: chosen.id }, data: { stock } });
  return chosen;
}

/** A new shopper whose cart holds `quantity` of the listing, added through the cart's form. */
async function shopperWithCart(listingId: string, quantity: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const added = await page.request.post(`${web.url}/cart`, {
    form: { intent: 'add', listingId, quantity: String(quantity), redirectTo: '/cart' },
    maxRedirects: 0,
  });
  expect(added.status()).toBe(302);
  return { context, page };
}

async function fillContact(page: Page, name = 'Lê Thị Hoa', phone = '+84 912.345.678', email = 'hoa@example.vn') {
  await page.getByLabel('Họ và tên').fill(name);
  await page.getByLabel('Số điện thoại di động').fill(phone);
  await page.getByLabel('Email (không bắt buộc)').fill(email);
}

async function fillDelivery(page: Page) {
  await page.getByLabel('Giao tận nơi').check();
  await page.getByLabel('Địa chỉ giao hàng').fill('12 Lê Lai, phường Hạc Thành, Thanh Hóa');
}

/** A new shopper with `quantity` of the listing, through the checkout form with card payment, on Stripe's (fake) page. */
async function atStripeCheckout(listingId: string, quantity: number) {
  const opened = await shopperWithCart(listingId, quantity);
  const { page } = opened;
  await page.goto(`${web.url}/checkout`);
  await fillContact(page);
  await fillDelivery(page);
  await page.getByLabel('Thẻ ngân hàng (Stripe)').check();
  await page.getByRole('button', { name: 'Đặt hàng' }).click();
  await page.waitForURL(new RegExp(`^${stripe.url}/pay/`));
  return opened;
}

const orderOf = (reference: string) =>
  db().order.findUniqueOrThrow({
    where: { reference },
    include: { events: { orderBy: { at: 'asc' } }, payments: true, lines: { include: { packLot: true } } },
  });

const referenceIn = (url: string) => decodeURIComponent(new URL(url).pathname.split('/').at(-1)!);

/** A signed-in page of a demo account. */
async function signedIn(email: string, redirectTo = '/account') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, web.url, email, redirectTo);
  return { context, page };
}

describe('checkout in the browser', () => {
  it('goes from a pack’s Digital Link to its batch page, the cart and a card payment at Stripe, and lands on a paid order with its lot code', async () => {
    const chosen = await listing(10);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    // The QR code on the pack: GS1 Digital Link, resolved to the batch page.
    await page.goto(`${web.url}${digitalLinkPath(chosen.packLot.product.gtin, chosen.packLot.lotCode)}`);
    await page.waitForURL(new RegExp(`/batches/${chosen.packLot.lotCode}$`));
    await page.getByLabel('Số lượng').fill('2');
    await page.getByRole('button', { name: 'Thêm vào giỏ' }).click();
    await page.getByRole('link', { name: 'Giỏ hàng (2)' }).click();
    await page.waitForURL(/\/cart$/);
    await page.getByRole('link', { name: 'Thanh toán' }).click();
    await page.waitForURL(/\/checkout$/);
    await fillContact(page);
    await fillDelivery(page);
    await page.getByLabel('Thẻ ngân hàng (Stripe)').check();
    await page.screenshot({ path: path.join(screenshots, 'checkout-390.png'), fullPage: true });
    await page.getByRole('button', { name: 'Đặt hàng' }).click();
    // Stripe's hosted page (the fake's), then back to the order page once paid.
    await page.waitForURL(new RegExp(`^${stripe.url}/pay/cs_test_`));
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.waitForURL(/\/orders\/SL-/);
    await page.getByText('đã thanh toán').first().waitFor();
    const reference = referenceIn(page.url());
    const lot = page.getByRole('link', { name: `lô ${chosen.packLot.lotCode}` });
    await expect(lot.getAttribute('href')).resolves.toBe(`/batches/${chosen.packLot.lotCode}`);
    await page.screenshot({ path: path.join(screenshots, 'order-paid-390.png'), fullPage: true });

    const order = await orderOf(reference);
    expect(order.status).toBe('PAID');
    expect(order.contactPhone).toBe('0912345678');
    expect(order.events.map((e) => e.status)).toEqual(['PLACED', 'PAID']);
    expect(order.payments[0]).toMatchObject({
      method: 'CARD',
      status: 'SUCCEEDED',
      amountVnd: BigInt(2 * chosen.priceVnd),
    });
    expect(order.lines[0]!.packLot.lotCode).toBe(chosen.packLot.lotCode);
    expect((await db().listing.findUniqueOrThrow({ where: { id: chosen.id } })).stock).toBe(8);
    // VND is zero-decimal at Stripe: the session's amount is the price in dong as it is.
    const session = stripe.sessions.get(order.payments[0]!.providerRef!)!;
    expect(session.amount_total).toBe(2 * chosen.priceVnd);
    expect(session.line_items[0]).toMatchObject({ quantity: 2, unit_amount: chosen.priceVnd });
    expect(stripe.calls.find((c) => c.path === '/v1/checkout/sessions')?.idempotencyKey).toBe(
      `seedline-checkout-${order.id}`,
    );
    expect(await db().cartLine.count({ where: { listingId: chosen.id } })).toBe(0);
    // The confirmation went through the email outbox (no SMTP here: an .eml preview).
    await expect
      .poll(async () => (await db().outgoingEmail.findFirst({ where: { orderId: order.id } }))?.status)
      .toBe('SENT');
    const mail = fs.readdirSync(path.join(dataDir, 'mail')).filter((f) => f.includes(reference));
    expect(mail).toHaveLength(1);
    await context.close();
  });

  it('holds a cash-on-delivery pickup, in a window the buyer chose, until the co-op confirms it by phone', async () => {
    const chosen = await listing(5);
    const { context, page } = await shopperWithCart(chosen.id, 1);
    await page.goto(`${web.url}/checkout`);
    await fillContact(page, 'Trần Văn Nam', '0351 234 567', '');
    await page.getByLabel('Nhận tại điểm của HTX').check();
    const windows = page.getByRole('group', { name: 'Điểm và khung giờ nhận hàng' });
    // Each point with its address and opening hours, each window with the places it has left.
    await windows.getByText('Giờ mở cửa: Thứ Hai – Thứ Bảy, 7:00–19:00').waitFor();
    await windows
      .getByRole('radio', { name: /còn 30 chỗ/ })
      .nth(2)
      .check();
    await page.getByLabel('Tiền mặt khi nhận hàng').check();
    await page.getByRole('button', { name: 'Đặt hàng' }).click();
    await page.waitForURL(/\/orders\/SL-/);
    await page.getByText('HTX sẽ gọi điện cho bạn để xác nhận đơn.').waitFor();
    const reference = referenceIn(page.url());
    const order = await orderOf(reference);
    expect(order).toMatchObject({ status: 'PLACED', fulfilment: 'PICKUP', paymentMethod: 'CASH_ON_DELIVERY' });
    expect(order.pickupPointId).not.toBeNull();
    expect(order.windowEnd!.getTime() - order.windowStart!.getTime()).toBe(3 * 3_600_000);
    // Its last place taken, the window is still shown to the next buyer, but cannot be chosen.
    await db().fulfilmentWindow.update({ where: { id: order.windowId! }, data: { capacity: 1 } });
    const next = await shopperWithCart(chosen.id, 1);
    await next.page.goto(`${web.url}/checkout`);
    const full = next.page.locator(`input[name="windowId"][value="${order.windowId}"]`);
    await expect(full.isDisabled()).resolves.toBe(true);
    await next.page
      .getByRole('radio', { name: /đã đủ chỗ/ })
      .first()
      .waitFor({ state: 'attached' });
    await next.context.close();
    await db().fulfilmentWindow.update({ where: { id: order.windowId! }, data: { capacity: 30 } });
    // Held, not sold: the unit is out of reach of other buyers but still in stock.
    expect((await db().listing.findUniqueOrThrow({ where: { id: chosen.id } })).stock).toBe(5);

    const staff = await signedIn('nhanvien@seedline.vn', '/coop/orders');
    await staff.page.getByRole('button', { name: `Khách đã xác nhận qua điện thoại ${reference}` }).click();
    await staff.page.getByText(`Đơn ${reference}: đã xác nhận.`).waitFor();
    expect((await orderOf(reference)).status).toBe('CONFIRMED');
    expect((await db().listing.findUniqueOrThrow({ where: { id: chosen.id } })).stock).toBe(4);
    await page.reload();
    await page.getByText('đã xác nhận').first().waitFor();
    await staff.context.close();
    await context.close();
  });

  it('shows a VietQR for a bank transfer, and the order is confirmed when staff record the money', async () => {
    const chosen = await listing(5);
    const { context, page } = await shopperWithCart(chosen.id, 1);
    await page.goto(`${web.url}/checkout`);
    await fillContact(page);
    await fillDelivery(page);
    await page.getByLabel('Chuyển khoản ngân hàng (VietQR)').check();
    await page.getByRole('button', { name: 'Đặt hàng' }).click();
    await page.waitForURL(/\/orders\/SL-/);
    const reference = referenceIn(page.url());
    const qr = page.getByRole('img', { name: `VietQR ${reference}` });
    await qr.locator('svg').waitFor();
    const payload = (await qr.getAttribute('data-payload'))!;
    expect(payload).toContain('0006970436011010234567890208QRIBFTTA');
    expect(payload).toContain(`54${String(chosen.priceVnd).length.toString().padStart(2, '0')}${chosen.priceVnd}`);
    expect(payload).toContain(reference);
    await page.screenshot({ path: path.join(screenshots, 'order-transfer-390.png'), fullPage: true });
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    expect((await orderOf(reference)).status).toBe('PLACED');

    const { context: staff, page: office } = await signedIn('nhanvien@seedline.vn', '/coop/orders');
    await office.getByRole('button', { name: `Đã nhận chuyển khoản ${reference}` }).click();
    await office.getByText(`Đơn ${reference}: đã xác nhận.`).waitFor();
    await office.screenshot({ path: path.join(screenshots, 'coop-orders.png'), fullPage: true });
    await expect(seriousAccessibilityViolations(office)).resolves.toEqual([]);
    await staff.close();

    await page.reload();
    await page.getByText('đã xác nhận').first().waitFor();
    const order = await orderOf(reference);
    expect(order.status).toBe('CONFIRMED');
    expect(order.payments[0]!.status).toBe('SUCCEEDED');
    expect(order.events.at(-1)!.byUserId).not.toBeNull();
    await context.close();
  });

  it('refunds a paid card order from the back office through Stripe, once', async () => {
    const chosen = await listing(4);
    const { context, page } = await atStripeCheckout(chosen.id, 1);
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.waitForURL(/\/orders\/SL-/);
    const reference = referenceIn(page.url());
    expect((await db().listing.findUniqueOrThrow({ where: { id: chosen.id } })).stock).toBe(3);

    const staff = await signedIn('nhanvien@seedline.vn', '/coop/orders');
    await expect(staff.page.getByRole('button', { name: `Hủy đơn ${reference}` }).count()).resolves.toBe(0);
    await staff.page.getByRole('button', { name: `Hoàn tiền ${reference}` }).click();
    await staff.page.getByText(`Đơn ${reference}: đã hoàn tiền.`).waitFor();
    const order = await orderOf(reference);
    expect(stripe.refunds).toContainEqual(
      expect.objectContaining({ payment_intent: order.payments[0]!.paymentIntentId, amount: chosen.priceVnd }),
    );
    expect(stripe.calls.filter((c) => c.path === '/v1/refunds').at(-1)?.idempotencyKey).toBe(
      `seedline-refund-${order.id}`,
    );
    expect(order.status).toBe('REFUNDED');
    expect(order.payments[0]!.status).toBe('REFUNDED');
    expect((await db().listing.findUniqueOrThrow({ where: { id: chosen.id } })).stock).toBe(4);

    // Stripe then reports the refund: it is already recorded, so nothing more happens.
    const charge = {
      id: 'ch_test_1',
      object: 'charge',
      payment_intent: order.payments[0]!.paymentIntentId,
      amount_refunded: chosen.priceVnd,
      metadata: { orderId: order.id },
    };
    const reported = await sendWebhook(`${web.url}/webhooks/stripe`, webhookSecret, event('charge.refunded', charge));
    expect(reported.status).toBe(200);
    expect(await db().refund.count({ where: { orderId: order.id } })).toBe(1);
    expect((await orderOf(reference)).events.map((e) => e.status)).toEqual(['PLACED', 'PAID', 'REFUNDED']);
    await staff.context.close();
    await context.close();
  });

  it("lists a signed-in buyer's order on their account, and opens it without the private link", async () => {
    const chosen = await listing(5);
    const buyer = await signedIn('khachhang@example.vn');
    const added = await buyer.page.request.post(`${web.url}/cart`, {
      form: { intent: 'add', listingId: chosen.id, quantity: '1', redirectTo: '/cart' },
      maxRedirects: 0,
    });
    expect(added.status()).toBe(302);
    await buyer.page.goto(`${web.url}/checkout`);
    await expect(buyer.page.getByLabel('Họ và tên').inputValue()).resolves.toBe('Lê Thị Hoa');
    await buyer.page.getByLabel('Số điện thoại di động').fill('0987 654 321');
    await fillDelivery(buyer.page);
    await buyer.page.getByLabel('Tiền mặt khi nhận hàng').check();
    await buyer.page.getByRole('button', { name: 'Đặt hàng' }).click();
    await buyer.page.waitForURL(/\/orders\/SL-/);
    const reference = referenceIn(buyer.page.url());
    expect((await orderOf(reference)).userId).not.toBeNull();
    await buyer.page.goto(`${web.url}/account`);
    await buyer.page.getByRole('link', { name: reference }).click();
    await buyer.page.waitForURL(new RegExp(`/orders/${reference}$`));
    await buyer.page.getByRole('heading', { name: `Đơn hàng ${reference}` }).waitFor();
    // Without the token or the account, the order does not exist for anyone else.
    const stranger = await fetch(`${web.url}/orders/${reference}`);
    expect(stranger.status).toBe(404);
    const wrongToken = await fetch(`${web.url}/orders/${reference}?t=guessed`);
    expect(wrongToken.status).toBe(404);
    await buyer.context.close();
  });

  it('keeps the back office to staff: a buyer gets 403, a visitor the log-in page', async () => {
    const visitor = await fetch(`${web.url}/coop/orders`, { redirect: 'manual' });
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get('location')).toMatch(/^\/login/);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${web.url}/login`);
    await page.getByLabel('Email').fill('khachhang@example.vn');
    await page.getByLabel('Mật khẩu').fill(demoPassword);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    const forbidden = await page.request.post(`${web.url}/coop/orders`, { form: { orderId: 'x', action: 'cancel' } });
    expect(forbidden.status()).toBe(403);
    await context.close();
  });

  it('tells the second buyer of the last unit that it is sold out, and writes nothing for them', async () => {
    const chosen = await listing(1);
    const first = await shopperWithCart(chosen.id, 1);
    const second = await shopperWithCart(chosen.id, 1);
    await second.page.goto(`${web.url}/checkout`);
    await fillContact(second.page, 'Đỗ Thị Mai', '0987 111 222', '');
    await fillDelivery(second.page);
    await second.page.getByLabel('Tiền mặt khi nhận hàng').check();

    await first.page.goto(`${web.url}/checkout`);
    await fillContact(first.page);
    await fillDelivery(first.page);
    await first.page.getByLabel('Tiền mặt khi nhận hàng').check();
    await first.page.getByRole('button', { name: 'Đặt hàng' }).click();
    await first.page.waitForURL(/\/orders\/SL-/);

    const orders = await db().order.count();
    await second.page.getByRole('button', { name: 'Đặt hàng' }).click();
    await second.page.getByText('Rất tiếc, đã hết hàng').waitFor();
    expect(await second.page.getByRole('alert').first().textContent()).toContain(chosen.packLot.lotCode);
    expect(await db().order.count()).toBe(orders);
    // The first buyer's order holds the unit until the co-op confirms it: none is left for sale.
    expect((await availableByListing(db(), [chosen.id], new Date())).get(chosen.id)).toBe(0);
    await first.context.close();
    await second.context.close();
  });

  it('gives the units back when a card order is not paid in time', async () => {
    const chosen = await listing(1);
    const { context, page } = await atStripeCheckout(chosen.id, 1);
    await page.getByRole('link', { name: 'Back' }).click();
    await page.waitForURL(/\/orders\/SL-/);
    const reference = referenceIn(page.url());
    await page.getByText('Hàng được giữ cho bạn đến').waitFor();
    const held = await db().stockReservation.findFirstOrThrow({ where: { order: { reference } } });
    expect(held.expiresAt.getTime() - held.createdAt.getTime()).toBeCloseTo(15 * 60_000, -3);

    // Fifteen minutes pass: the hold's end is moved into the past instead of waiting for it.
    await db().stockReservation.update({ where: { id: held.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const other = await shopperWithCart(chosen.id, 1);
    await other.page.goto(`${web.url}/cart`);
    await other.page.getByRole('link', { name: 'Thanh toán' }).waitFor();
    await page.reload();
    await page.getByText('đã hủy').first().waitFor();
    await page.getByText('Hết thời gian giữ hàng mà chưa thanh toán').waitFor();
    expect((await orderOf(reference)).payments[0]!.status).toBe('EXPIRED');
    await context.close();
    await other.context.close();
  });

  it('refuses a forged webhook and applies a replayed one only once', async () => {
    const chosen = await listing(3);
    const { context, page } = await atStripeCheckout(chosen.id, 1);
    const session = stripe.sessions.get(page.url().split('/').at(-1)!)!;
    const paid = event('checkout.session.completed', {
      ...session,
      status: 'complete',
      payment_status: 'paid',
      payment_intent: 'pi_test_replayed',
    });
    const url = `${web.url}/webhooks/stripe`;

    const forged = await sendWebhook(url, 'whsec_not_the_shops_secret', paid);
    expect(forged.status).toBe(400);
    const unsigned = await fetch(url, { method: 'POST', body: JSON.stringify(paid) });
    expect(unsigned.status).toBe(400);
    const order = await db().order.findFirstOrThrow({ where: { id: session.metadata.orderId } });
    expect(order.status).toBe('PLACED');

    const delivered = await sendWebhook(url, webhookSecret, paid);
    expect(delivered.status).toBe(200);
    await expect(delivered.json()).resolves.toMatchObject({ outcome: 'applied' });
    const replayed = await sendWebhook(url, webhookSecret, paid);
    expect(replayed.status).toBe(200);
    await expect(replayed.json()).resolves.toMatchObject({ outcome: 'duplicate' });
    const stored = await orderOf(order.reference);
    expect(stored.status).toBe('PAID');
    expect(stored.events.map((e) => e.status)).toEqual(['PLACED', 'PAID']);
    expect((await db().listing.findUniqueOrThrow({ where: { id: chosen.id } })).stock).toBe(2);
    await context.close();
  });

  it('answers bad input in every checkout field beside the field, and writes nothing', async () => {
    const chosen = await listing(5);
    const { context, page } = await shopperWithCart(chosen.id, 1);
    const before = await db().order.count();
    await page.goto(`${web.url}/checkout`);
    await fillContact(page, '', '024 3825 1234', 'hoa-at-example');
    await page.getByLabel('Giao tận nơi').check();
    await page.getByLabel('Tiền mặt khi nhận hàng').check();
    await page.getByRole('button', { name: 'Đặt hàng' }).click();
    await page.getByText('Vui lòng nhập trường này.').waitFor();
    await page.getByText('Cần số di động Việt Nam gồm 10 chữ số').waitFor();
    await page.getByText('Email không hợp lệ.').waitFor();
    await expect(page.getByLabel('Số điện thoại di động').getAttribute('aria-invalid')).resolves.toBe('true');

    await fillContact(page);
    await page.getByLabel('Địa chỉ giao hàng').fill('');
    await page.getByRole('button', { name: 'Đặt hàng' }).click();
    await page.getByText('Vui lòng nhập địa chỉ giao hàng đầy đủ').waitFor();

    await page.getByLabel('Nhận tại điểm của HTX').check();
    await page.getByRole('button', { name: 'Đặt hàng' }).click();
    await page.getByText('Vui lòng chọn một khung giờ nhận hàng còn trống.').waitFor();
    await page.screenshot({ path: path.join(screenshots, 'checkout-errors-390.png'), fullPage: true });
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);

    // Values a browser form would not send: a made-up window, payment method and fulfilment.
    const base = { name: 'Lê Thị Hoa', phone: '0912345678', email: '', address: '12 Lê Lai, Hạc Thành, Thanh Hóa' };
    const post = (form: Record<string, string>) => page.request.post(`${web.url}/checkout`, { form });
    const cases: [Record<string, string>, string][] = [
      [
        { ...base, fulfilment: 'PICKUP', windowId: '', paymentMethod: 'CASH_ON_DELIVERY' },
        'Vui lòng chọn một khung giờ nhận hàng còn trống.',
      ],
      [{ ...base, fulfilment: 'DELIVERY', paymentMethod: 'BITCOIN' }, 'Vui lòng chọn cách thanh toán.'],
      [{ ...base, fulfilment: 'DRONE', paymentMethod: 'CASH_ON_DELIVERY' }, 'Vui lòng chọn cách nhận hàng.'],
      [
        { ...base, name: 'x'.repeat(101), fulfilment: 'DELIVERY', paymentMethod: 'CASH_ON_DELIVERY' },
        'Nội dung quá dài.',
      ],
    ];
    for (const [form, message] of cases) {
      const response = await post(form);
      expect(response.status()).toBe(400);
      expect(await response.text()).toContain(message);
    }
    // A window that does not exist, and a pickup window sent with a delivery: refused beside the field.
    const pickupWindow = await page
      .getByRole('radio', { name: /còn 30 chỗ/ })
      .first()
      .getAttribute('value');
    for (const form of [
      { ...base, fulfilment: 'PICKUP', windowId: 'nope', paymentMethod: 'CASH_ON_DELIVERY' },
      { ...base, fulfilment: 'DELIVERY', windowId: pickupWindow!, paymentMethod: 'CASH_ON_DELIVERY' },
    ]) {
      const response = await post(form);
      expect(response.status()).toBe(409);
      expect(await response.text()).toContain('Khung giờ đã chọn không còn nhận đơn');
    }
    expect(await db().order.count()).toBe(before);
    expect(await db().stockReservation.count({ where: { listingId: chosen.id } })).toBe(0);
    await context.close();
  });
});
