import { localDateTime } from '@seedline/db';
import type { Database } from '@seedline/db/setup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../web/server/start.ts';
import { openDemoApp } from './support/shop.ts';
import { signedInVisitor, visibleText } from './support/web.ts';

// The farmer records inputs and observations for a planting of their farm from the phone, through
// the served app as a browser without JavaScript sends them. The demo's register has Radiant 60SC
// at most 1.9 ml/L (7-day interval), and Regent 800WG retired.

let database: Database;
let web: RunningServer;
const now = new Date();

let close: () => Promise<void>;

beforeAll(async () => {
  ({ database, web, close } = await openDemoApp(now));
});

afterAll(() => close?.());

const farmer = 'nongdan.xh@seedline.vn';
const planting = (thing = 'seedline-xh-nm1', zone = 'z2') =>
  database.prisma.planting.findFirstOrThrow({
    where: { zone: { key: zone, greenhouse: { thingName: thing } } },
    select: { id: true },
  });
const product = (name: string) => database.prisma.inputProduct.findUniqueOrThrow({ where: { name } });

async function inputForm(change: Record<string, string> = {}) {
  return {
    clientId: crypto.randomUUID(),
    productId: (await product('Radiant 60SC')).id,
    dose: '1,5',
    areaM2: '500',
    appliedAt: localDateTime(new Date(now.getTime() - 3_600_000)),
    appliedBy: 'Lê Văn Hòa',
    note: '',
    ...change,
  };
}

const observationForm = (change: Record<string, string> = {}) => ({
  clientId: crypto.randomUUID(),
  observation: 'PEST',
  text: 'Rệp xuất hiện ở hàng 3, khoảng 10% số cây',
  observedAt: localDateTime(new Date(now.getTime() - 3_600_000)),
  ...change,
});

describe('an input applied, from the phone', () => {
  it("is stored as an input application with the register's name, active ingredient and interval copied, and the product referenced", async () => {
    const { id } = await planting();
    const form = await inputForm();
    const v = await signedInVisitor(web.url, farmer);
    const response = await v.post(`/farm/plantings/${id}/input`, form);
    expect(response.status).toBe(302);
    const log = await database.prisma.farmLog.findUniqueOrThrow({ where: { clientId: form.clientId } });
    expect(log).toMatchObject({
      plantingId: id,
      kind: 'INPUT_APPLICATION',
      inputType: 'PESTICIDE',
      inputProduct: 'Radiant 60SC',
      activeIngredient: 'spinetoram',
      phiDays: 7,
      registerProductId: form.productId,
      doseAmount: 1.5,
      doseUnit: 'ML_PER_L',
      dose: '1,5 ml/L',
      areaM2: 500,
      appliedBy: 'Lê Văn Hòa',
    });
    expect(response.headers.get('location')).toBe(`/farm/plantings/${id}/records?recorded=${log.id}`);
    const page = visibleText(await (await v.get(response.headers.get('location')!)).text());
    expect(page).toContain('Đã lưu bản ghi.');
    expect(page).toContain('Radiant 60SC');
  });

  it('above the register\'s maximum is refused beside the dose, naming the limit ("tối đa 1,9 ml/L"), and nothing is written', async () => {
    const { id } = await planting();
    const before = await database.prisma.farmLog.count();
    const response = await (
      await signedInVisitor(web.url, farmer)
    ).post(`/farm/plantings/${id}/input`, await inputForm({ dose: '2,5' }));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('id="dose-error"');
    expect(visibleText(html)).toContain('tối đa 1,9 ml/L');
    expect(html).toContain('value="2,5"');
    expect(await database.prisma.farmLog.count()).toBe(before);
  });

  it.each([
    [{ appliedAt: localDateTime(new Date(now.getTime() + 86_400_000)) }, 'appliedAt', 'không được ở tương lai'],
    [{ dose: '' }, 'dose', 'Nhập liều lượng'],
    [{ dose: '-1' }, 'dose', 'Nhập liều lượng'],
    [{ areaM2: '0' }, 'areaM2', 'Nhập diện tích'],
    [{ productId: '' }, 'productId', 'Chọn vật tư đã dùng.'],
    [{ appliedBy: ' ' }, 'appliedBy', 'Nhập tên người phun/bón.'],
  ])('refuses %o beside its field, and writes nothing', async (change, field, message) => {
    const { id } = await planting();
    const before = await database.prisma.farmLog.count();
    const response = await (
      await signedInVisitor(web.url, farmer)
    ).post(`/farm/plantings/${id}/input`, await inputForm(change));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(`id="${field}-error"`);
    expect(visibleText(html)).toContain(message);
    expect(await database.prisma.farmLog.count()).toBe(before);
  });

  it('of a retired product is refused beside the product, and nothing is written', async () => {
    const { id } = await planting();
    const before = await database.prisma.farmLog.count();
    const response = await (
      await signedInVisitor(web.url, farmer)
    ).post(`/farm/plantings/${id}/input`, await inputForm({ productId: (await product('Regent 800WG')).id }));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('id="productId-error"');
    expect(await database.prisma.farmLog.count()).toBe(before);
  });

  it('sent twice with the same clientId is stored once, and both answers send the farmer to the same place', async () => {
    const { id } = await planting();
    const form = await inputForm();
    const v = await signedInVisitor(web.url, farmer);
    const before = await database.prisma.farmLog.count();
    const first = await v.post(`/farm/plantings/${id}/input`, form);
    const second = await v.post(`/farm/plantings/${id}/input`, form);
    expect([first.status, second.status]).toEqual([302, 302]);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(await database.prisma.farmLog.count()).toBe(before + 1);
  });

  it('offers the register without retired products, the farmer named as who applied it, and a fresh clientId', async () => {
    const { id } = await planting();
    const html = await (await (await signedInVisitor(web.url, farmer)).get(`/farm/plantings/${id}/input`)).text();
    expect(html).toContain('Radiant 60SC (spinetoram) — tối đa 1,9 ml/L, cách ly 7 ngày');
    expect(html).not.toContain('Regent 800WG');
    expect(html).toContain('value="Lê Văn Hòa"');
    expect(html).toMatch(/name="clientId" value="[0-9a-f-]{36}"/);
  });
});

describe('an observation, from the phone', () => {
  it('is stored with what it is about and its text, once per clientId', async () => {
    const { id } = await planting();
    const form = observationForm();
    const v = await signedInVisitor(web.url, farmer);
    const first = await v.post(`/farm/plantings/${id}/observation`, form);
    const second = await v.post(`/farm/plantings/${id}/observation`, form);
    expect(first.status).toBe(302);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    const logs = await database.prisma.farmLog.findMany({ where: { clientId: form.clientId } });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ kind: 'OBSERVATION', observation: 'PEST', note: form.text });
  });

  it.each([
    [{ observedAt: localDateTime(new Date(now.getTime() + 86_400_000)) }, 'observedAt', 'không được ở tương lai'],
    [{ text: '' }, 'text', 'Nhập nội dung quan sát.'],
    [{ observation: 'WEATHER' }, 'observation', 'Chọn sâu hại, bệnh hại hay ghi chú.'],
  ])('refuses %o beside its field, and writes nothing', async (change, field, message) => {
    const { id } = await planting();
    const before = await database.prisma.farmLog.count();
    const response = await (
      await signedInVisitor(web.url, farmer)
    ).post(`/farm/plantings/${id}/observation`, observationForm(change));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(`id="${field}-error"`);
    expect(visibleText(html)).toContain(message);
    expect(await database.prisma.farmLog.count()).toBe(before);
  });
});

describe('a harvest, from the phone', () => {
  it('sent twice with the same clientId is stored once, and both answers send the farmer to the same place', async () => {
    // Xuân Hòa's melon of zone z1 is being harvested; its last input cleared a week ago.
    const { id } = await planting('seedline-xh-nm1', 'z1');
    const form = { clientId: crypto.randomUUID(), harvestedAt: localDateTime(now), weightKg: '12,5', note: '' };
    const v = await signedInVisitor(web.url, farmer);
    const before = await database.prisma.harvest.count();
    const first = await v.post(`/farm/plantings/${id}/harvest`, form);
    const second = await v.post(`/farm/plantings/${id}/harvest`, form);
    expect([first.status, second.status]).toEqual([302, 302]);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(await database.prisma.harvest.count()).toBe(before + 1);
    expect(await database.prisma.farmLog.count({ where: { clientId: form.clientId } })).toBe(1);
  });
});

describe('a correction, from the planting’s records', () => {
  it('keeps the original beside the correction with its reason, and needs a reason', async () => {
    const { id } = await planting();
    const v = await signedInVisitor(web.url, farmer);
    const original = await inputForm();
    await v.post(`/farm/plantings/${id}/input`, original);
    const log = await database.prisma.farmLog.findUniqueOrThrow({ where: { clientId: original.clientId } });

    const form = await (await v.get(`/farm/plantings/${id}/input?correct=${log.id}`)).text();
    expect(form).toContain('value="1,5"');
    expect(form).toContain(`name="corrects" value="${log.id}"`);

    const correction = { ...original, clientId: crypto.randomUUID(), corrects: log.id, dose: '1,2' };
    const noReason = await v.post(`/farm/plantings/${id}/input`, { ...correction, reason: '' });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('id="reason-error"');

    const saved = await v.post(`/farm/plantings/${id}/input`, {
      ...correction,
      reason: 'Ghi nhầm liều, thực tế pha 1,2 ml/L',
    });
    expect(saved.status).toBe(302);
    const corrected = await database.prisma.farmLog.findUniqueOrThrow({ where: { clientId: correction.clientId } });
    expect(corrected).toMatchObject({
      correctsId: log.id,
      dose: '1,2 ml/L',
      reason: 'Ghi nhầm liều, thực tế pha 1,2 ml/L',
    });
    expect(await database.prisma.farmLog.findUniqueOrThrow({ where: { id: log.id } })).toEqual(log);

    const page = visibleText(await (await v.get(saved.headers.get('location')!)).text());
    expect(page).toContain('Đã lưu bản sửa.');
    expect(page).toContain('Lý do sửa: Ghi nhầm liều, thực tế pha 1,2 ml/L');
    expect(page).toContain('Liều lượng: 1,5 ml/L');
    expect(page).toContain('Liều lượng: 1,2 ml/L');
  });
});

describe('a correction that puts a lot on sale inside an interval', () => {
  it("unpublishes the lot's listing and queues a notice to the co-op's staff by email (not to a deactivated one)", async () => {
    await database.prisma.user.create({
      data: {
        email: 'nhanvien.cu@seedline.vn',
        name: 'Nhân viên cũ',
        role: 'STAFF',
        passwordHash: '-',
        deactivatedAt: now,
      },
    });
    // Yên Định's cucumbers: Ridomil Gold 68WG (7 days) sprayed nine days ago, harvested and listed yesterday.
    const { id } = await planting('seedline-yd-nl1', 'z2');
    const ridomil = await database.prisma.farmLog.findFirstOrThrow({
      where: { plantingId: id, inputProduct: 'Ridomil Gold 68WG', correctsId: null },
    });
    const listing = await database.prisma.listing.findFirstOrThrow({
      where: { packLot: { harvest: { plantingId: id } } },
      select: { id: true, published: true, packLot: { select: { lotCode: true } } },
    });
    expect(listing.published).toBe(true);
    const v = await signedInVisitor(web.url, 'nongdan.yd@seedline.vn');
    const response = await v.post(`/farm/plantings/${id}/input`, {
      ...(await inputForm()),
      productId: (await product('Ridomil Gold 68WG')).id,
      dose: '3',
      appliedBy: 'Nguyễn Thị Lan',
      // Sprayed three days ago, not nine: the harvest of yesterday was inside its 7 days.
      appliedAt: localDateTime(new Date(now.getTime() - 3 * 86_400_000)),
      corrects: ridomil.id,
      reason: 'Ghi nhầm ngày phun',
    });
    expect(response.status).toBe(302);
    expect((await database.prisma.listing.findUniqueOrThrow({ where: { id: listing.id } })).published).toBe(false);
    const mail = await database.prisma.outgoingEmail.findMany({
      where: { subject: { contains: listing.packLot.lotCode } },
    });
    expect(mail.map((m) => m.to)).toEqual(['nhanvien@seedline.vn']);
    expect(mail[0]!.subject).toContain('Đã ngừng bán lô');
  });
});

describe("another farm's planting", () => {
  it('is refused (404) for every record page and form, and nothing is written', async () => {
    // Yên Định's cucumbers, not Xuân Hòa's.
    const { id } = await planting('seedline-yd-nl1', 'z2');
    const v = await signedInVisitor(web.url, farmer);
    const before = await database.prisma.farmLog.count();
    for (const path of ['records', 'input', 'observation', 'harvest']) {
      expect((await v.get(`/farm/plantings/${id}/${path}`)).status, path).toBe(404);
    }
    expect((await v.post(`/farm/plantings/${id}/input`, await inputForm())).status).toBe(404);
    expect((await v.post(`/farm/plantings/${id}/observation`, observationForm())).status).toBe(404);
    expect(
      (await v.post(`/farm/plantings/${id}/harvest`, { harvestedAt: localDateTime(now), weightKg: '1' })).status,
    ).toBe(404);
    expect(await database.prisma.farmLog.count()).toBe(before);
  });

  it("cannot be reached by correcting one of its records through the farmer's own planting", async () => {
    const own = await planting();
    const other = await planting('seedline-yd-nl1', 'z2');
    const foreign = await database.prisma.farmLog.findFirstOrThrow({
      where: { plantingId: other.id },
    });
    const v = await signedInVisitor(web.url, farmer);
    const before = await database.prisma.farmLog.count();
    const response = await v.post(
      `/farm/plantings/${own.id}/observation`,
      observationForm({ corrects: foreign.id, reason: 'thử' }),
    );
    expect(response.status).toBe(404);
    expect(await database.prisma.farmLog.count()).toBe(before);
  });
});
