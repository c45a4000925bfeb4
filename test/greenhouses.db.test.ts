import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoApp, openDemoApp } from './support/shop.ts';
import { signedInVisitor, visibleText } from './support/web.ts';

// Registering greenhouses and zones through the served app: each wrong field refused beside it with
// nothing written, a thing name or zone key taken refused, staff reading but not changing. The
// whole journey (provision, the bridge's first report) is greenhouse-provisioning.e2e.test.ts.

let app: DemoApp;
beforeAll(async () => {
  app = await openDemoApp(new Date());
});
afterAll(() => app?.close());

const db = () => app.database.prisma;
const admin = () => signedInVisitor(app.web.url, 'admin@seedline.vn');
const farmId = async () => (await db().farm.findUniqueOrThrow({ where: { code: 'XH' } })).id;
const counts = () => Promise.all([db().greenhouse.count(), db().zone.count()]);

function fieldError(html: string, name: string): string {
  const match = new RegExp(`id="${name}-error"[^>]*>([^<]*)<`).exec(html);
  return match ? match[1]!.replace(/&#x27;/g, "'") : `(no error beside ${name})`;
}

const zone = {
  key: 'z1',
  zoneName: 'Luống A',
  zoneAreaM2: '100',
  crop: '',
  moistureLow: '20',
  moistureHigh: '24',
  maxRunMinutes: '30',
  minSoakMinutes: '30',
  dailyBudgetLitres: '500',
  window1From: '05:00',
  window1To: '18:00',
};
const greenhouse = { name: 'Nhà màng thử', thingName: 'seedline-xh-test', areaM2: '200', ...zone };

describe('registering a greenhouse', () => {
  it.each([
    [{ name: '' }, 'name', 'Vui lòng nhập trường này.'],
    [{ thingName: 'nhà màng 1' }, 'thingName', 'Tên thiết bị chỉ gồm'],
    [{ thingName: 'seedline/xh/#' }, 'thingName', 'Tên thiết bị chỉ gồm'],
    [{ thingName: 'seedline-ingest' }, 'thingName', 'không phải tên dành cho dịch vụ'],
    [{ thingName: 'seedline-xh-nm1' }, 'thingName', 'Tên thiết bị seedline-xh-nm1 đã thuộc về một nhà màng khác.'],
    [{ areaM2: '0' }, 'areaM2', 'Hãy nhập diện tích lớn hơn 0'],
    [{ key: 'Z 1' }, 'key', 'Mã luống gồm 1–16 chữ thường'],
    [{ zoneName: '' }, 'zoneName', 'Vui lòng nhập trường này.'],
    [{ zoneAreaM2: 'abc' }, 'zoneAreaM2', 'Hãy nhập diện tích'],
    [{ moistureLow: '30', moistureHigh: '20' }, 'moistureHigh', ''],
    [{ maxRunMinutes: '500' }, 'maxRunMinutes', ''],
    [{ window1To: '' }, 'window1To', ''],
  ])('refuses %o beside the field %s and registers nothing', async (change, field, message) => {
    const before = await counts();
    const response = await (
      await admin()
    ).post(`/coop/farms/${await farmId()}/greenhouses`, { ...greenhouse, ...change });
    expect([400, 409]).toContain(response.status);
    const error = fieldError(await response.text(), field);
    expect(error).not.toMatch(/^\(no error/);
    expect(error).toContain(message);
    expect(await counts()).toEqual(before);
  });

  it('registers a greenhouse with its first zone and its starting settings as the bridge takes them', async () => {
    const response = await (
      await admin()
    ).post(`/coop/farms/${await farmId()}/greenhouses`, {
      ...greenhouse,
      thingName: 'seedline-xh-ok',
      zoneAreaM2: '95,5',
    });
    expect(response.status).toBe(302);
    const made = await db().greenhouse.findUniqueOrThrow({
      where: { thingName: 'seedline-xh-ok' },
      include: { zones: true },
    });
    expect(response.headers.get('location')).toBe(`/coop/greenhouses/${made.id}?done=registered`);
    expect(made.zones).toMatchObject([{ key: 'z1', name: 'Luống A', areaM2: 95.5, crop: null }]);
    expect(made.zones[0]!.desiredSettings).toEqual({
      moistureLow: 20,
      moistureHigh: 24,
      maxRunMinutes: 30,
      minSoakMinutes: 30,
      dailyBudgetLitres: 500,
      windows: [{ from: '05:00', to: '18:00' }],
      fallbackWatering: false,
    });
  });
});

describe("a greenhouse's page", () => {
  const page = async () =>
    `/coop/greenhouses/${(await db().greenhouse.findUniqueOrThrow({ where: { thingName: 'seedline-xh-nm1' } })).id}`;

  it.each([
    [{ key: 'z1' }, 'key', 'Nhà màng này đã có luống mã z1.'],
    [{ key: '' }, 'key', 'Mã luống gồm'],
    [{ zoneAreaM2: '100001' }, 'zoneAreaM2', 'Hãy nhập diện tích'],
    [{ dailyBudgetLitres: '-1' }, 'dailyBudgetLitres', ''],
  ])('refuses a zone %o beside the field %s and adds nothing', async (change, field, message) => {
    const before = await counts();
    const response = await (await admin()).post(await page(), { intent: 'zone', ...zone, ...change });
    expect([400, 409]).toContain(response.status);
    expect(fieldError(await response.text(), field)).toContain(message);
    expect(await counts()).toEqual(before);
  });

  it('adds a zone under a new key', async () => {
    const response = await (await admin()).post(await page(), { intent: 'zone', ...zone, key: 'z9', crop: 'Dưa lưới' });
    expect(response.status).toBe(302);
    const zones = await db().zone.findMany({ where: { greenhouse: { thingName: 'seedline-xh-nm1' }, key: 'z9' } });
    expect(zones).toMatchObject([{ name: 'Luống A', crop: 'Dưa lưới' }]);
  });

  it('says so when this server holds no local CA, and issues nothing', async () => {
    const response = await (await admin()).post(await page(), { intent: 'provision' });
    expect(response.status).toBe(409);
    expect(visibleText(await response.text())).toContain('biến LOCAL_PKI_DIR chưa đặt');
  });

  it('shows staff the greenhouse and the AWS command, but refuses their changes', async () => {
    const staff = await signedInVisitor(app.web.url, 'nhanvien@seedline.vn');
    const shown = visibleText(await (await staff.get(await page())).text());
    expect(shown).toContain('npm run provision -w @seedline/infra -- --thing seedline-xh-nm1');
    expect(shown).not.toContain('Thêm luống');
    const before = await counts();
    expect((await staff.post(await page(), { intent: 'zone', ...zone, key: 'z8' })).status).toBe(403);
    expect((await staff.post(await page(), { intent: 'provision' })).status).toBe(403);
    const farmPage = `/coop/farms/${await farmId()}/greenhouses`;
    expect((await staff.post(farmPage, { ...greenhouse, thingName: 'seedline-staff' })).status).toBe(403);
    expect(await counts()).toEqual(before);
  });
});
