import { seedDemo } from '@seedline/db/setup';
import type { Database } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import { eventsTopic } from '@seedline/firmware-bridge/protocol';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ingestBatch } from '../web/app/ingest/store.server.ts';
import { eventPayload } from '../web/app/ingest/testkit.ts';
import type { RunningServer } from '../web/server/start.ts';
import { type FakePush, startFakePush } from './support/fake-push.ts';
import { type FakeZalo, startFakeZalo } from './support/fake-zalo.ts';
import { signedInVisitor, startTestWeb, visibleText, visitor } from './support/web.ts';

// /farm/notifications through the served app, as a phone without JavaScript uses it: the channels
// form (its field errors in Vietnamese), a device's push subscription, who may open it; then an
// alarm stored by ingest reaching that farmer's phone (decrypted by the fake push service) and
// Zalo, sent by the app's own worker. Also the manifest and the service worker the phone installs.

let database: Database;
let web: RunningServer;
let push: FakePush;
let zalo: FakeZalo;
const farmer = 'nongdan.xh@seedline.vn';

beforeAll(async () => {
  [database, push, zalo] = await Promise.all([openTestDatabase(), startFakePush(), startFakeZalo()]);
  await seedDemo(database.prisma, new Date('2026-11-20T03:00:00Z'), { demoLogins: true });
  web = await startTestWeb(database, {
    ZALO_ZNS_ACCESS_TOKEN: 'oa-access-token',
    ZALO_ZNS_TEMPLATE_ID: '301234',
    ZALO_ZNS_API_BASE: zalo.url,
  });
});
afterAll(async () => {
  await web?.close();
  await Promise.all([push?.close(), zalo?.close()]);
  await database?.close();
});

const userId = async (email: string) =>
  (await database.prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
const channels = (form: Record<string, string>) => ({ intent: 'channels', ...form });

describe('the notifications page', () => {
  it('lets only farmers and admins in', async () => {
    expect((await visitor(web.url).get('/farm/notifications')).headers.get('location')).toMatch(/^\/login/);
    expect((await (await signedInVisitor(web.url, 'khachhang@example.vn')).get('/farm/notifications')).status).toBe(
      403,
    );
    expect((await (await signedInVisitor(web.url, 'admin@seedline.vn')).get('/farm/notifications')).status).toBe(200);
  });

  it("shows the farmer's channels: email until they choose, their account's phone for Zalo", async () => {
    const page = await (await signedInVisitor(web.url, farmer)).get('/farm/notifications');
    expect(page.status).toBe(200);
    const html = await page.text();
    const text = visibleText(html);
    expect(text).toContain('Nhận cảnh báo qua đâu');
    expect(text).toContain('nhắc lại sau mỗi 4 giờ');
    expect(text).toContain('Gửi đến nongdan.xh@seedline.vn.');
    expect(text).toContain('Chưa có thiết bị nào nhận thông báo.');
    expect(html).toMatch(/<input id="email" type="checkbox" name="email"[^>]*checked/);
    expect(html).not.toMatch(/<input id="zalo" type="checkbox" name="zalo"[^>]*checked/);
    expect(html).toContain('value="0912345671"');
    // Without JavaScript the page says what the device button needs.
    expect(html).toMatch(/<noscript>.*JavaScript/);
  });

  it.each([
    [{ zalo: 'on', zaloPhone: '12345' }, 'Số điện thoại Zalo: nhập số di động Việt Nam, ví dụ 0912 345 678.'],
    [{ zalo: 'on', zaloPhone: '' }, 'Số điện thoại Zalo: cần có số để nhận tin Zalo.'],
  ])('refuses %o with the field named in its message, and saves nothing', async (form, message) => {
    const v = await signedInVisitor(web.url, farmer);
    const response = await v.post('/farm/notifications', channels(form));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(visibleText(html)).toContain(message);
    expect(html).toMatch(/id="zaloPhone"[^>]*aria-invalid="true"/);
    expect(await database.prisma.notificationSettings.count({ where: { userId: await userId(farmer) } })).toBe(0);
  });

  it('saves the channels chosen, the Zalo number in its stored form, and says so', async () => {
    const v = await signedInVisitor(web.url, farmer);
    const saved = await v.post(
      '/farm/notifications',
      channels({ push: 'on', zalo: 'on', zaloPhone: '+84 912 345 671' }),
    );
    expect(saved.status).toBe(302);
    expect(saved.headers.get('location')).toBe('/farm/notifications?saved=1');
    expect(
      await database.prisma.notificationSettings.findUniqueOrThrow({ where: { userId: await userId(farmer) } }),
    ).toMatchObject({ push: true, zalo: true, email: false, zaloPhone: '0912345671' });
    const page = await (await v.get('/farm/notifications?saved=1')).text();
    expect(visibleText(page)).toContain('Đã lưu cách nhận cảnh báo.');
    expect(page).toMatch(/<input id="zalo" type="checkbox" name="zalo"[^>]*checked/);
    expect(page).not.toMatch(/<input id="email" type="checkbox" name="email"[^>]*checked/);
  });

  it("keeps a device's push subscription (https endpoints only) for the farmer who posted it", async () => {
    const v = await signedInVisitor(web.url, farmer);
    const { keys } = push.device('any').subscription;
    const refused = await v.post('/farm/notifications', {
      intent: 'subscribe',
      endpoint: 'http://169.254.169.254/latest',
      ...keys,
    });
    expect(refused.status).toBe(400);
    const endpoint = 'https://push.example.net/send/abc123';
    const kept = await v.post('/farm/notifications', { intent: 'subscribe', endpoint, ...keys });
    expect(kept.status).toBe(200);
    expect(await database.prisma.pushSubscription.findUniqueOrThrow({ where: { endpoint } })).toMatchObject({
      userId: await userId(farmer),
      ...keys,
    });
    expect(visibleText(await (await v.get('/farm/notifications')).text())).toContain('Số thiết bị đang nhận: 1');
    // Another farmer's page counts only their own devices.
    const other = await (await signedInVisitor(web.url, 'nongdan.yd@seedline.vn')).get('/farm/notifications');
    expect(visibleText(await other.text())).toContain('Chưa có thiết bị nào nhận thông báo.');
    await database.prisma.pushSubscription.delete({ where: { endpoint } });
  });
});

describe('an alarm reaching the farmer', () => {
  it("arrives once on the farmer's phone, decrypted, opening the zone, and once through Zalo", async () => {
    const farmerId = await userId(farmer);
    const phone = push.device('hoa-phone').subscription;
    await database.prisma.pushSubscription.create({
      data: { userId: farmerId, endpoint: phone.endpoint, ...phone.keys },
    });
    await database.prisma.notificationSettings.upsert({
      where: { userId: farmerId },
      create: { userId: farmerId, push: true, zalo: true, email: false, zaloPhone: '0912345671' },
      update: { push: true, zalo: true, email: false, zaloPhone: '0912345671' },
    });
    const zone = await database.prisma.zone.findFirstOrThrow({
      where: { key: 'z1', greenhouse: { thingName: 'seedline-xh-nm1' } },
    });
    const at = Date.now();
    const event = { type: 'alarm-raised', at, zoneId: 'z1', alarm: 'no-flow', message: 'no flow', needsAck: true };
    await ingestBatch(database.prisma, [
      {
        topic: eventsTopic('seedline-xh-nm1'),
        payload: JSON.stringify(eventPayload('seedline-xh-nm1', 900_001, at, event)),
        receivedAt: new Date(at),
      },
    ]);

    // The served app's worker sends it (every 5 s).
    await vi.waitFor(
      () => {
        expect(push.received.filter((p) => p.device === 'hoa-phone')).toHaveLength(1);
        expect(zalo.requests).toHaveLength(1);
      },
      { timeout: 15_000, interval: 200 },
    );
    const [received] = push.received.filter((p) => p.device === 'hoa-phone');
    expect(received!.message).toMatchObject({
      title: expect.stringMatching(/^Cảnh báo ở /),
      body: expect.stringContaining('van mở mà không có nước chảy'),
      url: `${web.url}/farm/zones/${zone.id}`,
    });
    expect(received!.vapid.signatureValid).toBe(true);
    expect(zalo.requests[0]).toMatchObject({
      accessToken: 'oa-access-token',
      body: { phone: '84912345671', template_id: '301234', template_data: { status: 'Mới' } },
    });
    const rows = await database.prisma.notification.findMany({ where: { userId: farmerId } });
    expect(rows.map((r) => [r.channel, r.status]).sort()).toEqual([
      ['push', 'SENT'],
      ['zalo', 'SENT'],
    ]);
  });
});

describe('the installable app', () => {
  it('links a manifest in Vietnamese with its icons, and serves the service worker', async () => {
    const home = await (await visitor(web.url).get('/')).text();
    expect(home).toContain('<link rel="manifest" href="/manifest.webmanifest"/>');
    const manifest = await visitor(web.url).get('/manifest.webmanifest');
    expect(manifest.headers.get('content-type')).toMatch(/application\/manifest\+json/);
    const body = (await manifest.json()) as { lang: string; start_url: string; icons: { src: string }[] };
    expect(body).toMatchObject({ lang: 'vi', start_url: '/farm' });
    for (const icon of body.icons) {
      const png = await visitor(web.url).get(icon.src);
      expect([icon.src, png.status, png.headers.get('content-type')]).toEqual([icon.src, 200, 'image/png']);
    }
    const sw = await visitor(web.url).get('/sw.js');
    expect(sw.status).toBe(200);
    expect(await sw.text()).toContain("addEventListener('push'");
  });
});
