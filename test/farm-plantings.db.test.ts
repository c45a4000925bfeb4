import { addDays, calendarDay } from '@seedline/db';
import type { Database } from '@seedline/db/setup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../web/server/start.ts';
import { openDemoApp } from './support/shop.ts';
import { signedInVisitor, visibleText } from './support/web.ts';

// The farmer records a planting: seeds sown or seedlings transplanted into a zone of their farm,
// from a seed lot of their farm. Xuân Hòa's demo farm has two zones (Luống A 120 m², Luống B 90 m²)
// and seed lots received days ago; Yên Định's are another farmer's.

let database: Database;
let web: RunningServer;
const now = new Date();
const today = calendarDay(now);

let close: () => Promise<void>;

beforeAll(async () => {
  ({ database, web, close } = await openDemoApp(now));
});

afterAll(() => close?.());

const farmOf = async (email: string) =>
  (await database.prisma.user.findUniqueOrThrow({ where: { email }, select: { farmId: true } })).farmId!;
const zoneOf = (farmId: string, key: string) =>
  database.prisma.zone.findFirstOrThrow({ where: { key, greenhouse: { farmId } }, select: { id: true } });
const seedLotOf = (farmId: string) =>
  database.prisma.seedLot.findFirstOrThrow({
    where: { farmId },
    select: { id: true, productId: true, receivedOn: true },
  });

async function plantingForm(farmId: string, change: Record<string, string> = {}) {
  return {
    method: 'TRANSPLANTING',
    zoneId: (await zoneOf(farmId, 'z1')).id,
    seedLotId: (await seedLotOf(farmId)).id,
    plantedOn: today,
    quantity: '240',
    areaM2: '60,5',
    note: 'Trồng 2 hàng/luống',
    ...change,
  };
}

const written = async () => ({
  plantings: await database.prisma.planting.count(),
  logs: await database.prisma.farmLog.count(),
});

describe("a farmer's planting", () => {
  it('is recorded growing in the zone, with its quantity, unit and area, and opens its story with a log', async () => {
    const xh = await farmOf('nongdan.xh@seedline.vn');
    const v = await signedInVisitor(web.url, 'nongdan.xh@seedline.vn');
    const response = await v.post(`/farm/farms/${xh}/plantings`, await plantingForm(xh));
    expect(response.status).toBe(302);
    const planting = await database.prisma.planting.findFirstOrThrow({
      where: { zone: { greenhouse: { farmId: xh } } },
      orderBy: { createdAt: 'desc' },
      include: { logs: true },
    });
    const lot = await seedLotOf(xh);
    expect(planting).toMatchObject({
      zoneId: (await zoneOf(xh, 'z1')).id,
      seedLotId: lot.id,
      productId: lot.productId,
      status: 'GROWING',
      sownOn: null,
      quantity: 240,
      quantityUnit: 'plants',
      areaM2: 60.5,
    });
    expect(planting.transplantedOn?.toISOString().slice(0, 10)).toBe(today);
    expect(planting.logs).toMatchObject([{ kind: 'TRANSPLANTING', note: 'Trồng 2 hàng/luống', areaM2: 60.5 }]);
    expect(response.headers.get('location')).toBe(`/farm/farms/${xh}/plantings?recorded=${planting.id}`);
    const page = visibleText(await (await v.get(response.headers.get('location')!)).text());
    expect(page).toContain('Đã ghi:');
    expect(page).toContain('240 cây trên 60,5 m²');
  });

  it('sown from seed counts seeds and sets the day sown', async () => {
    const xh = await farmOf('nongdan.xh@seedline.vn');
    const v = await signedInVisitor(web.url, 'nongdan.xh@seedline.vn');
    const response = await v.post(
      `/farm/farms/${xh}/plantings`,
      await plantingForm(xh, { method: 'SOWING', quantity: '1200', areaM2: '90', zoneId: (await zoneOf(xh, 'z2')).id }),
    );
    expect(response.status).toBe(302);
    const id = new URL(response.headers.get('location')!, web.url).searchParams.get('recorded')!;
    const planting = await database.prisma.planting.findUniqueOrThrow({ where: { id }, include: { logs: true } });
    expect(planting).toMatchObject({ quantity: 1200, quantityUnit: 'seeds', transplantedOn: null });
    expect(planting.sownOn?.toISOString().slice(0, 10)).toBe(today);
    expect(planting.logs.map((l) => l.kind)).toEqual(['SOWING']);
  });

  it('sent twice with the same clientId (a double tap, a retry) is stored once and answers the same', async () => {
    const xh = await farmOf('nongdan.xh@seedline.vn');
    const v = await signedInVisitor(web.url, 'nongdan.xh@seedline.vn');
    const clientId = '6f1c2a4e-8b7d-4c3e-9a21-0d5e7f3b9c11';
    const form = await plantingForm(xh, { clientId });
    const first = await v.post(`/farm/farms/${xh}/plantings`, form);
    const before = await written();
    const second = await v.post(`/farm/farms/${xh}/plantings`, form);
    expect(first.status).toBe(302);
    expect(second.status).toBe(302);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(await written()).toEqual(before);
    // The same id from another farmer is not theirs to resend: refused, nothing written.
    const yd = await farmOf('nongdan.yd@seedline.vn');
    const other = await signedInVisitor(web.url, 'nongdan.yd@seedline.vn');
    const clash = await other.post(`/farm/farms/${yd}/plantings`, {
      ...(await plantingForm(yd)),
      clientId,
    });
    expect(clash.status).toBe(409);
    expect(await written()).toEqual(before);
  });

  it.each([
    [{ plantedOn: '' }, 'plantedOn', 'Chọn ngày gieo/trồng.'],
    [{ plantedOn: addDays(today, 1) }, 'plantedOn', 'Ngày gieo/trồng không được ở tương lai.'],
    [{ plantedOn: '2020-01-01' }, 'plantedOn', 'Ngày gieo/trồng không được trước ngày nhận lô hạt giống'],
    [{ quantity: '0' }, 'quantity', 'Nhập số hạt hoặc số cây là số nguyên dương'],
    [{ areaM2: '-3' }, 'areaM2', 'Nhập diện tích bằng m²'],
    [{ areaM2: '500' }, 'areaM2', 'Khu Luống A chỉ rộng 120 m².'],
    [{ method: 'GRAFTING' }, 'method', 'Chọn gieo hạt hoặc trồng cây con.'],
    [{ zoneId: '' }, 'zoneId', 'Chọn khu trồng.'],
  ])('refuses %o with the message beside its field, and writes nothing', async (change, field, message) => {
    const xh = await farmOf('nongdan.xh@seedline.vn');
    const before = await written();
    const response = await (
      await signedInVisitor(web.url, 'nongdan.xh@seedline.vn')
    ).post(`/farm/farms/${xh}/plantings`, await plantingForm(xh, change));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(`id="${field}-error"`);
    expect(visibleText(html)).toContain(message);
    expect(await written()).toEqual(before);
  });

  it("into another farm's zone, or from another farm's seed lot, is refused beside the field, and writes nothing", async () => {
    const xh = await farmOf('nongdan.xh@seedline.vn');
    const yd = await farmOf('nongdan.yd@seedline.vn');
    const v = await signedInVisitor(web.url, 'nongdan.xh@seedline.vn');
    const before = await written();
    const intoTheirZone = await v.post(
      `/farm/farms/${xh}/plantings`,
      await plantingForm(xh, { zoneId: (await zoneOf(yd, 'z1')).id }),
    );
    expect(intoTheirZone.status).toBe(400);
    expect(visibleText(await intoTheirZone.text())).toContain('Chọn khu trồng.');
    const fromTheirLot = await v.post(
      `/farm/farms/${xh}/plantings`,
      await plantingForm(xh, { seedLotId: (await seedLotOf(yd)).id }),
    );
    expect(fromTheirLot.status).toBe(400);
    expect(visibleText(await fromTheirLot.text())).toContain('Chọn lô hạt giống.');
    expect(await written()).toEqual(before);
  });

  it('on another farm is a 404 to the page and to the form, and writes nothing', async () => {
    const yd = await farmOf('nongdan.yd@seedline.vn');
    const v = await signedInVisitor(web.url, 'nongdan.xh@seedline.vn');
    const before = await written();
    expect((await v.get(`/farm/farms/${yd}/plantings`)).status).toBe(404);
    expect((await v.post(`/farm/farms/${yd}/plantings`, await plantingForm(yd))).status).toBe(404);
    expect(await written()).toEqual(before);
  });

  it('is refused to staff and buyers, who are not in the farm area', async () => {
    const xh = await farmOf('nongdan.xh@seedline.vn');
    const before = await written();
    for (const email of ['nhanvien@seedline.vn', 'khachhang@example.vn']) {
      const response = await (
        await signedInVisitor(web.url, email)
      ).post(`/farm/farms/${xh}/plantings`, await plantingForm(xh));
      expect(response.status).toBe(403);
    }
    expect(await written()).toEqual(before);
  });
});

describe('the farm overview', () => {
  it("links each of the farmer's farms to its seed lot and planting forms", async () => {
    const xh = await farmOf('nongdan.xh@seedline.vn');
    const html = await (await (await signedInVisitor(web.url, 'nongdan.xh@seedline.vn')).get('/farm')).text();
    expect(html).toContain(`href="/farm/farms/${xh}/seed-lots"`);
    expect(html).toContain(`href="/farm/farms/${xh}/plantings"`);
    const text = visibleText(html);
    expect(text).toContain('Ghi chép: Nhận hạt giống Gieo/trồng');
  });

  it('preselects the only seed lot and today on the planting form', async () => {
    const xh = await farmOf('nongdan.xh@seedline.vn');
    const html = await (
      await (await signedInVisitor(web.url, 'nongdan.xh@seedline.vn')).get(`/farm/farms/${xh}/plantings`)
    ).text();
    expect(html).toContain(`value="${today}"`);
    expect(html).toContain(`max="${today}"`);
  });
});

describe("a correction of a farmer's planting", () => {
  async function newPlanting() {
    const xh = await farmOf('nongdan.xh@seedline.vn');
    const v = await signedInVisitor(web.url, 'nongdan.xh@seedline.vn');
    const response = await v.post(`/farm/farms/${xh}/plantings`, await plantingForm(xh));
    const id = new URL(response.headers.get('location')!, web.url).searchParams.get('recorded')!;
    return { xh, v, id, lot: await seedLotOf(xh) };
  }
  const correction = (seedLotId: string, change: Record<string, string> = {}) => ({
    corrects: '0',
    seedLotId,
    plantedOn: today,
    quantity: '230',
    areaM2: '55',
    reason: 'Đếm lại số cây',
    ...change,
  });

  it('keeps the planting as recorded and lists the correction beside it, with what it said before', async () => {
    const { xh, v, id, lot } = await newPlanting();
    const before = await database.prisma.planting.findUniqueOrThrow({ where: { id } });
    const response = await v.post(`/farm/plantings/${id}/correct`, correction(lot.id));
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`/farm/farms/${xh}/plantings?corrected=${id}`);
    expect(await database.prisma.planting.findUniqueOrThrow({ where: { id } })).toEqual(before);
    const page = visibleText(await (await v.get(response.headers.get('location')!)).text());
    expect(page).toContain('Đã lưu bản sửa. Bản ghi cũ vẫn được giữ bên cạnh.');
    expect(page).toContain('230 cây trên 55 m²');
    expect(page).toContain('Lý do: Đếm lại số cây');
    expect(page).toContain('240 cây, 60,5 m²');
  });

  it.each([
    [{ areaM2: '500' }, 'areaM2', 'Khu Luống A chỉ rộng 120 m².'],
    [{ plantedOn: '2020-01-01' }, 'plantedOn', 'Ngày gieo/trồng không được trước ngày nhận lô hạt giống'],
    [{ reason: ' ' }, 'reason', 'Nhập lý do sửa.'],
  ])('refuses %o beside its field, and writes nothing', async (change, field, message) => {
    const { v, id, lot } = await newPlanting();
    const response = await v.post(`/farm/plantings/${id}/correct`, correction(lot.id, change));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(`id="${field}-error"`);
    expect(visibleText(html)).toContain(message);
    expect(await database.prisma.plantingCorrection.count({ where: { plantingId: id } })).toBe(0);
  });

  it("of another farm's planting, or from another farm's seed lot, writes nothing", async () => {
    const { id } = await newPlanting();
    const yd = await farmOf('nongdan.yd@seedline.vn');
    const other = await signedInVisitor(web.url, 'nongdan.yd@seedline.vn');
    const ydLot = await seedLotOf(yd);
    expect((await other.get(`/farm/plantings/${id}/correct`)).status).toBe(404);
    expect((await other.post(`/farm/plantings/${id}/correct`, correction(ydLot.id))).status).toBe(404);
    const own = await signedInVisitor(web.url, 'nongdan.xh@seedline.vn');
    expect((await own.post(`/farm/plantings/${id}/correct`, correction(ydLot.id))).status).toBe(400);
    expect(await database.prisma.plantingCorrection.count({ where: { plantingId: id } })).toBe(0);
  });
});
