import { demoPassword, seedDemo } from '@seedline/db/setup';
import type { Database } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsTopic, telemetryTopic } from '@seedline/firmware-bridge/protocol';
import { ingestBatch } from '../web/app/ingest/store.server.ts';
import { eventPayload, telemetryPayload } from '../web/app/ingest/testkit.ts';
import type { RunningServer } from '../web/server/start.ts';
import { linkIn, mailsTo } from './support/mail.ts';
import { signedInVisitor, startTestWeb, visibleText, visitor } from './support/web.ts';

let database: Database;
let web: RunningServer;

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemo(database.prisma, new Date('2026-11-20T03:00:00Z'), { demoLogins: true });
  web = await startTestWeb(database);
});

afterAll(async () => {
  await web?.close();
  await database?.close();
});

const signedIn = (email: string) => signedInVisitor(web.url, email);

describe('sign-up', () => {
  it.each([
    [{ name: 'An', email: 'not-an-email', password: 'long enough password' }, 'Email không hợp lệ.'],
    [{ name: '', email: 'an@example.vn', password: 'long enough password' }, 'Vui lòng nhập trường này.'],
    [{ name: 'An', email: 'an@example.vn', password: 'short' }, 'Mật khẩu cần ít nhất 10 ký tự.'],
    [
      { name: 'An', email: 'an@example.vn', password: 'long enough password', phone: '12345' },
      'Số điện thoại Việt Nam không hợp lệ',
    ],
  ])('refuses %o with the field message and writes nothing', async (form, message) => {
    const before = await Promise.all([database.prisma.user.count(), database.prisma.signupRequest.count()]);
    const response = await visitor(web.url).post('/signup', form);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(message);
    expect(await Promise.all([database.prisma.user.count(), database.prisma.signupRequest.count()])).toEqual(before);
    expect(await mailsTo(database.prisma, form.email)).toEqual([]);
  });

  it('makes a buyer account from the link mailed to the address, signs it in and hashes the password', async () => {
    const v = visitor(web.url);
    const response = await v.post('/signup', {
      name: 'Trần Minh Anh',
      email: 'Minh.Anh@Example.vn',
      phone: '+84 912 345 678',
      password: 'a long enough password',
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/signup/sent');
    expect(visibleText(await (await v.get('/signup/sent')).text())).toContain('Kiểm tra email của bạn');
    expect(await database.prisma.user.count({ where: { email: 'minh.anh@example.vn' } })).toBe(0);

    const [mail] = await mailsTo(database.prisma, 'minh.anh@example.vn');
    expect(mail!.subject).toContain('Xác nhận email để tạo tài khoản');
    const link = linkIn(mail!, '/signup/confirm/');
    // Opening the link (a mail scanner does too) only asks; the button makes the account.
    expect((await v.get(link)).status).toBe(200);
    expect(await database.prisma.user.count({ where: { email: 'minh.anh@example.vn' } })).toBe(0);
    const made = await v.post(link, {});
    expect(made.status).toBe(302);
    expect(made.headers.get('location')).toBe('/account');
    const user = await database.prisma.user.findUniqueOrThrow({ where: { email: 'minh.anh@example.vn' } });
    expect(user).toMatchObject({ role: 'BUYER', phone: '0912345678', name: 'Trần Minh Anh' });
    expect(user.passwordHash).not.toContain('a long enough password');
    const account = await v.get('/account');
    expect(account.status).toBe(200);
    expect(await account.text()).toContain('Trần Minh Anh');

    // Used once: the link now says so, and makes nothing.
    const again = await visitor(web.url).get(link);
    expect(again.status).toBe(404);
    expect(visibleText(await again.text())).toContain('Đường dẫn này đã hết hạn hoặc đã được dùng.');
  });
});

describe('log-in', () => {
  it('sends a visitor whose session expired to log in, and shows them the site as a visitor', async () => {
    const v = await signedIn('khachhang@example.vn');
    expect((await v.get('/account')).status).toBe(200);
    const user = await database.prisma.user.findUniqueOrThrow({ where: { email: 'khachhang@example.vn' } });
    await database.prisma.session.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await v.get('/account');
    expect(expired.status).toBe(302);
    expect(expired.headers.get('location')).toMatch(/^\/login/);
    // The header shows a visitor, not the buyer the cookie once named.
    const home = visibleText(await (await v.get('/')).text());
    expect(home).toContain('Đăng nhập');
    expect(home).not.toContain('Đăng xuất');
  });

  it('answers a missing email with the field message and starts no session', async () => {
    const before = await database.prisma.session.count();
    const response = await visitor(web.url).post('/login', { email: '', password: 'x' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Vui lòng nhập trường này.');
    expect(await database.prisma.session.count()).toBe(before);
  });

  it('answers a wrong password without saying whether the email exists', async () => {
    const before = await database.prisma.session.count();
    const known = await visitor(web.url).post('/login', { email: 'khachhang@example.vn', password: 'wrong password' });
    const unknown = await visitor(web.url).post('/login', { email: 'nobody@example.vn', password: 'wrong password' });
    expect(known.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(await known.text()).toContain('Email hoặc mật khẩu không đúng.');
    expect(await unknown.text()).toContain('Email hoặc mật khẩu không đúng.');
    expect(await database.prisma.session.count()).toBe(before);
  });

  it('logs out: the session is gone and protected pages ask to log in again', async () => {
    const v = await signedIn('khachhang@example.vn');
    expect((await v.get('/account')).status).toBe(200);
    expect((await v.post('/logout', {})).status).toBe(302);
    const again = await v.get('/account');
    expect(again.status).toBe(302);
    expect(again.headers.get('location')).toBe('/login?redirectTo=%2Faccount');
  });

  it('does not follow a redirect to another site after log-in', async () => {
    const response = await visitor(web.url).post('/login', {
      email: 'khachhang@example.vn',
      password: demoPassword,
      redirectTo: '//evil.example/steal',
    });
    expect(response.headers.get('location')).toBe('/');
  });
});

describe('roles', () => {
  it('sends an anonymous visitor of a protected page to log-in', async () => {
    for (const path of ['/coop', '/farm', '/account']) {
      const response = await visitor(web.url).get(path);
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
  });

  it.each([
    ['khachhang@example.vn', { '/coop': 403, '/farm': 403, '/account': 200 }],
    ['nongdan.xh@seedline.vn', { '/coop': 403, '/farm': 200, '/account': 200 }],
    ['nhanvien@seedline.vn', { '/coop': 200, '/farm': 403, '/account': 200 }],
    ['admin@seedline.vn', { '/coop': 200, '/farm': 200, '/account': 200 }],
  ])('%s gets exactly the pages of their role', async (email, expected) => {
    const v = await signedIn(email);
    for (const [path, status] of Object.entries(expected)) {
      const response = await v.get(path);
      expect({ path, status: response.status }).toEqual({ path, status });
      if (status === 403) expect(await response.text()).toContain('Không có quyền truy cập');
    }
  });

  it('shows a farmer only their own farm', async () => {
    const page = await (await (await signedIn('nongdan.xh@seedline.vn')).get('/farm')).text();
    expect(page).toContain('seedline-xh-nm1');
    expect(page).not.toContain('seedline-yd-nl1');
    // The demo database has heard nothing from the bridge yet.
    expect(page).toContain('Bộ điều khiển chưa từng gửi dữ liệu');
  });

  it('shows the farmer each zone as the bridge last reported it, once ingest has stored it', async () => {
    const thing = 'seedline-xh-nm1';
    const payload = telemetryPayload(thing, 1, Date.now() - 30_000, ['z1', 'z2']);
    payload.zones[0] = { ...payload.zones[0]!, moisture: 27.4, valveOpen: true, flowLpm: 4.5, litresToday: 36 };
    const stored = await ingestBatch(database.prisma, [
      { topic: telemetryTopic(thing), payload: JSON.stringify(payload), receivedAt: new Date() },
    ]);
    expect(stored.stored).toBe(1);

    const page = await (await (await signedIn('nongdan.xh@seedline.vn')).get('/farm')).text();
    expect(page).toContain('Bộ điều khiển đang kết nối');
    expect(page).toContain('Độ ẩm 27,4 % · van mở · 4,5 L/phút · hôm nay 36 L · tự động');
  });
});

describe('the farm overview', () => {
  it("puts a greenhouse's open alarms above its zones, the whole greenhouse's first, each with what to do", async () => {
    const thing = 'seedline-xh-nm1';
    const at = Date.now() - 20_000;
    const raised = (seq: number, zoneId: string | null, alarm: string) => ({
      topic: eventsTopic(thing),
      payload: JSON.stringify(
        eventPayload(thing, seq, at, { type: 'alarm-raised', at, zoneId, alarm, message: alarm, needsAck: true }),
      ),
      receivedAt: new Date(),
    });
    const stored = await ingestBatch(database.prisma, [raised(101, 'z1', 'no-flow'), raised(102, null, 'leak')]);
    expect(stored).toMatchObject({ stored: 2, rejected: [] });
    const zone = await database.prisma.zone.findFirstOrThrow({
      where: { key: 'z1', greenhouse: { thingName: thing } },
    });

    const page = visibleText(await (await (await signedIn('nongdan.xh@seedline.vn')).get('/farm')).text());
    const leak = page.indexOf('Cả nhà màng: nước chảy khi mọi van đóng');
    const noFlow = page.indexOf(`${zone.name}: van mở mà không có nước chảy`);
    const zones = page.search(new RegExp(`${zone.name} \\(\\s*z1`));
    expect(leak).toBeGreaterThan(-1);
    expect([leak < noFlow, noFlow < zones]).toEqual([true, true]);
    expect(page).toContain('Kiểm tra đường ống; van tổng đã đóng và giữ đóng đến khi cảnh báo được xác nhận.');
    expect(page).toContain('Kiểm tra bơm, nguồn nước và van của khu.');
  });
});

describe('public pages', () => {
  it('opens the batch page of every seeded pack lot from its Digital Link URI', async () => {
    const lots = await database.prisma.packLot.findMany({ include: { product: true } });
    expect(lots.length).toBeGreaterThan(0);
    for (const lot of lots) {
      const v = visitor(web.url);
      const response = await v.get(`/01/${lot.product.gtin}/10/${encodeURIComponent(lot.lotCode)}`);
      expect(response.status).toBe(307);
      const page = await v.get(response.headers.get('location')!);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(lot.lotCode);
      expect(html).toContain(lot.product.nameVi);
    }
  });

  it('answers 404 to a Digital Link with a wrong check digit or an unknown lot', async () => {
    const lot = await database.prisma.packLot.findFirstOrThrow({ include: { product: true } });
    const badGtin = lot.product.gtin.slice(0, -1) + String((Number(lot.product.gtin.at(-1)) + 1) % 10);
    expect((await visitor(web.url).get(`/01/${badGtin}/10/${lot.lotCode}`)).status).toBe(404);
    expect((await visitor(web.url).get(`/01/${lot.product.gtin}/10/XH-000000-01-0`)).status).toBe(404);
  });

  it('tells the melon batch story: seed lot, inputs with their intervals, and the correction beside the original', async () => {
    const lot = await database.prisma.packLot.findFirstOrThrow({ where: { product: { slug: 'dua-luoi' } } });
    const html = await (await visitor(web.url).get(`/batches/${lot.lotCode}`)).text();
    expect(html).toContain('TN-DL-2608-114');
    expect(html).toContain('Công ty TNHH Hạt giống Trang Nông');
    expect(html).toContain('Radiant 60SC');
    // Sprayed 24 days before the day of the seed, harvested 3 days before it.
    expect(html).toContain('Thu hoạch 21 ngày sau khi phun; thời gian cách ly 7 ngày');
    expect(html).toContain('10 ml/bình 16 lít');
    expect(html).toContain('8 ml/bình 16 lít');
    expect(html).toContain('Đã được sửa bởi bản ghi sau');
  });

  it('lists only published batches with stock, and switches to English on request', async () => {
    const v = visitor(web.url);
    const vi = await (await v.get('/')).text();
    expect(vi).toContain('<html lang="vi"');
    expect(vi).toContain('Dưa lưới');
    expect(vi).not.toContain('Xà lách'); // growing, not harvested
    const switched = await v.post('/lang', { locale: 'en', redirectTo: '/' });
    expect(switched.headers.get('location')).toBe('/');
    const en = await (await v.get('/')).text();
    expect(en).toContain('<html lang="en"');
    expect(en).toContain('Batches for sale');
    expect(en).toContain('Netted melon');
  });

  it('reports health from asking the database: 200 while it answers, 503 once it is gone', async () => {
    const response = await visitor(web.url).get('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: database.kind });

    const doomed = await openTestDatabase();
    const orphan = await startTestWeb(doomed);
    try {
      expect((await visitor(orphan.url).get('/health')).status).toBe(200);
      await doomed.close(); // PGlite shut down; on PostgreSQL, the test database dropped
      const down = await visitor(orphan.url).get('/health');
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ status: 'error', database: doomed.kind });
    } finally {
      await orphan.close();
    }
  });
});
