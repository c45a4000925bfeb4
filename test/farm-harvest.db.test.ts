import { addDays, calendarDay, localDateTime } from '@seedline/db';
import type { Database } from '@seedline/db/setup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../web/server/start.ts';
import { openDemoApp } from './support/shop.ts';
import { signedInVisitor, visibleText } from './support/web.ts';

// The farmer records a harvest from the farm area. The demo is seeded as of now: the melon of
// Xuân Hòa's zone z2 was sprayed with Radiant 60SC (7-day interval) two days ago, the melon of
// zone z1 is being harvested and its last input cleared a week ago.

let database: Database;
let web: RunningServer;
const now = new Date();

let close: () => Promise<void>;

beforeAll(async () => {
  ({ database, web, close } = await openDemoApp(now));
});

afterAll(() => close?.());

const planting = (thing: string, zone: string) =>
  database.prisma.planting.findFirstOrThrow({
    where: { zone: { key: zone, greenhouse: { thingName: thing } }, status: { in: ['GROWING', 'HARVESTING'] } },
    select: { id: true },
  });

const harvestForm = (weightKg: string) => ({ harvestedAt: localDateTime(now), weightKg, note: '' });

describe("a farmer's harvest inside a pre-harvest interval", () => {
  const firstDay = addDays(calendarDay(now), 5);
  const day = (locale: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${firstDay}T00:00:00Z`));

  it('is refused in Vietnamese, naming the input and the first allowed day, and nothing is written', async () => {
    const { id } = await planting('seedline-xh-nm1', 'z2');
    const before = await database.prisma.harvest.count();
    const response = await (
      await signedInVisitor(web.url, 'nongdan.xh@seedline.vn')
    ).post(`/farm/plantings/${id}/harvest`, harvestForm('12,5'));
    expect(response.status).toBe(409);
    const html = await response.text();
    const text = visibleText(html);
    expect(text).toContain('Chưa hết thời gian cách ly: Radiant 60SC (spinetoram) dùng ngày');
    expect(text).toContain(`nên chỉ được thu hoạch từ ngày ${day('vi-VN')}.`);
    // The form comes back as it was typed.
    expect(html).toContain('value="12,5"');
    expect(await database.prisma.harvest.count()).toBe(before);
  });

  it('is refused in English for a farmer who reads English', async () => {
    const { id } = await planting('seedline-xh-nm1', 'z2');
    const response = await (
      await signedInVisitor(web.url, 'nongdan.xh@seedline.vn', 'en')
    ).post(`/farm/plantings/${id}/harvest`, harvestForm('12.5'));
    expect(response.status).toBe(409);
    const text = visibleText(await response.text());
    expect(text).toContain('The pre-harvest interval has not passed: Radiant 60SC (spinetoram) applied on');
    expect(text).toContain(`so harvest is allowed from ${day('en-GB')}.`);
    expect(text).not.toContain('Chưa hết thời gian cách ly');
  });

  it('is announced on the page before the farmer types anything', async () => {
    const { id } = await planting('seedline-xh-nm1', 'z2');
    const page = visibleText(
      await (
        await (await signedInVisitor(web.url, 'nongdan.xh@seedline.vn')).get(`/farm/plantings/${id}/harvest`)
      ).text(),
    );
    expect(page).toContain('Thời gian cách ly chưa hết');
    expect(page).toContain(`Radiant 60SC (spinetoram): cách ly 7 ngày, được thu hoạch từ ngày ${day('vi-VN')}`);
  });
});

describe("a farmer's harvest", () => {
  it('is recorded with its weight in grams and shown on the page once saved', async () => {
    const { id } = await planting('seedline-xh-nm1', 'z1');
    const v = await signedInVisitor(web.url, 'nongdan.xh@seedline.vn');
    const response = await v.post(`/farm/plantings/${id}/harvest`, harvestForm('42,75'));
    expect(response.status).toBe(302);
    const harvest = await database.prisma.harvest.findFirstOrThrow({
      where: { plantingId: id },
      orderBy: { createdAt: 'desc' },
      select: { id: true, weightGrams: true, recordedBy: { select: { email: true } }, log: { select: { kind: true } } },
    });
    expect(harvest).toMatchObject({
      weightGrams: 42_750,
      recordedBy: { email: 'nongdan.xh@seedline.vn' },
      log: { kind: 'HARVEST' },
    });
    expect(response.headers.get('location')).toBe(`/farm/plantings/${id}/harvest?recorded=${harvest.id}`);
    const page = visibleText(await (await v.get(response.headers.get('location')!)).text());
    expect(page).toContain('Đã ghi thu hoạch 42,8 kg.');
  });

  it.each([
    [{ weightKg: '' }, 'weightKg', 'Nhập khối lượng bằng kg, ví dụ 12,5.'],
    [{ weightKg: '-3' }, 'weightKg', 'Nhập khối lượng bằng kg, ví dụ 12,5.'],
    [{ weightKg: '60000' }, 'weightKg', 'Mỗi lần ghi tối đa 50000 kg.'],
    [{ harvestedAt: '2026-02-31T08:00' }, 'harvestedAt', 'Chọn ngày và giờ thu hoạch.'],
    [{ harvestedAt: localDateTime(new Date(now.getTime() + 86_400_000)) }, 'harvestedAt', 'không được ở tương lai'],
  ])('refuses %o with the message beside its field, and writes nothing', async (change, field, message) => {
    const { id } = await planting('seedline-xh-nm1', 'z1');
    const before = await database.prisma.harvest.count();
    const response = await (
      await signedInVisitor(web.url, 'nongdan.xh@seedline.vn')
    ).post(`/farm/plantings/${id}/harvest`, {
      ...harvestForm('10'),
      ...change,
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(`id="${field}-error"`);
    expect(visibleText(html)).toContain(message);
    expect(await database.prisma.harvest.count()).toBe(before);
  });

  it("of another farm's planting is a 404 to the page and to the form, and writes nothing", async () => {
    const { id } = await planting('seedline-yd-nl1', 'z2');
    const v = await signedInVisitor(web.url, 'nongdan.xh@seedline.vn');
    const before = await database.prisma.harvest.count();
    expect((await v.get(`/farm/plantings/${id}/harvest`)).status).toBe(404);
    expect((await v.post(`/farm/plantings/${id}/harvest`, harvestForm('10'))).status).toBe(404);
    expect(await database.prisma.harvest.count()).toBe(before);
  });

  it('is refused to staff and buyers, who are not in the farm area', async () => {
    const { id } = await planting('seedline-xh-nm1', 'z1');
    const before = await database.prisma.harvest.count();
    for (const email of ['nhanvien@seedline.vn', 'khachhang@example.vn']) {
      const response = await (
        await signedInVisitor(web.url, email)
      ).post(`/farm/plantings/${id}/harvest`, harvestForm('10'));
      expect(response.status).toBe(403);
    }
    expect(await database.prisma.harvest.count()).toBe(before);
  });
});

describe('a correction of a harvest, from the phone', () => {
  async function harvestOfZ1() {
    const { id } = await planting('seedline-xh-nm1', 'z1');
    const v = await signedInVisitor(web.url, 'nongdan.xh@seedline.vn');
    expect((await v.post(`/farm/plantings/${id}/harvest`, harvestForm('20'))).status).toBe(302);
    const harvest = await database.prisma.harvest.findFirstOrThrow({
      where: { plantingId: id },
      orderBy: { createdAt: 'desc' },
    });
    return { v, plantingId: id, harvest };
  }
  const correction = (change: Record<string, string>) => ({
    corrects: '0',
    harvestedAt: localDateTime(now),
    weightKg: '19,5',
    reason: 'Cân lại cả thùng',
    ...change,
  });

  it('keeps the harvest as recorded and shows the correction beside it, with the reason and who', async () => {
    const { v, plantingId, harvest } = await harvestOfZ1();
    const response = await v.post(`/farm/harvests/${harvest.id}/correct`, correction({}));
    expect(response.status).toBe(302);
    expect(await database.prisma.harvest.findUniqueOrThrow({ where: { id: harvest.id } })).toEqual(harvest);
    const page = visibleText(await (await v.get(`/farm/plantings/${plantingId}/records`)).text());
    expect(page).toContain('19,5 kg');
    expect(page).toContain('Lý do: Cân lại cả thùng');
    expect(page).toContain('Trước khi sửa:');
    expect(page).toContain('20 kg');
    // A second correction of the harvest as recorded (not of its correction) is refused.
    expect((await v.post(`/farm/harvests/${harvest.id}/correct`, correction({ weightKg: '18' }))).status).toBe(409);
  });

  it("moved inside an input's interval is refused naming the product, and writes nothing", async () => {
    const { v, plantingId, harvest } = await harvestOfZ1();
    const spray = await database.prisma.farmLog.findFirstOrThrow({
      where: { plantingId, kind: 'INPUT_APPLICATION', phiDays: { gt: 0 } },
      orderBy: { occurredAt: 'desc' },
    });
    const inside = localDateTime(new Date(spray.occurredAt.getTime() + 3_600_000));
    const response = await v.post(`/farm/harvests/${harvest.id}/correct`, correction({ harvestedAt: inside }));
    expect(response.status).toBe(409);
    expect(visibleText(await response.text())).toContain(`Chưa hết thời gian cách ly: ${spray.inputProduct}`);
    expect(await database.prisma.harvestCorrection.count({ where: { harvestId: harvest.id } })).toBe(0);
  });

  it('without a reason is refused beside the reason; of another farm it is a 404; nothing is written', async () => {
    const { harvest } = await harvestOfZ1();
    const before = await database.prisma.harvestCorrection.count();
    const response = await (
      await signedInVisitor(web.url, 'nongdan.xh@seedline.vn')
    ).post(`/farm/harvests/${harvest.id}/correct`, correction({ reason: ' ' }));
    expect(response.status).toBe(400);
    expect(visibleText(await response.text())).toContain('Nhập lý do sửa.');
    const other = await signedInVisitor(web.url, 'nongdan.yd@seedline.vn');
    expect((await other.get(`/farm/harvests/${harvest.id}/correct`)).status).toBe(404);
    expect((await other.post(`/farm/harvests/${harvest.id}/correct`, correction({}))).status).toBe(404);
    expect(await database.prisma.harvestCorrection.count()).toBe(before);
  });
});
