import fs from 'node:fs';
import path from 'node:path';
import { addDays, calendarDay } from '@seedline/db';
import type { Database } from '@seedline/db/setup';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../web/server/start.ts';
import { refusedPhotos, sidewaysPhoneJpeg } from './support/phone-photos.ts';
import { openDemoApp } from './support/shop.ts';
import { signedInVisitor, visibleText } from './support/web.ts';

// The farmer records a seed lot received, with a photo of the packet, from the farm area. The
// photo goes through sharp: turned upright, stripped of EXIF and GPS, stored at fixed widths.

let database: Database;
let web: RunningServer;
let dataDir: string;
const now = new Date();
const today = calendarDay(now);

let close: () => Promise<void>;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'seedline-seed-lots-'));
  ({ database, web, close } = await openDemoApp(now, { SEEDLINE_DATA_DIR: dataDir }));
});

afterAll(() => close?.());

const farmId = async (email: string) =>
  (await database.prisma.user.findUniqueOrThrow({ where: { email }, select: { farmId: true } })).farmId!;

const melon = () => database.prisma.product.findFirstOrThrow({ where: { nameVi: { contains: 'Dưa lưới' } } });

let lotSerial = 0;
async function seedLotForm(change: Record<string, string> = {}, photo?: Blob) {
  const form = new FormData();
  const fields = {
    productId: (await melon()).id,
    variety: 'Taki 1',
    supplier: 'Công ty Giống cây trồng Miền Nam',
    lotNumber: `TK-${++lotSerial}`,
    quantity: '500',
    quantityUnit: 'seeds',
    receivedOn: today,
    certificateNumber: 'CN-2026-118',
    ...change,
  };
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  // A browser sends an empty file part when no photo is chosen.
  form.append('photo', photo ?? new Blob([]), photo ? 'goi-hat.jpg' : '');
  return form;
}

const written = async () => ({
  seedLots: await database.prisma.seedLot.count(),
  photos: await database.prisma.recordPhoto.count(),
  files: fs.existsSync(path.join(dataDir, 'record-photos'))
    ? fs.readdirSync(path.join(dataDir, 'record-photos')).length
    : 0,
});

describe("a farmer's seed lot with a photo of the packet", () => {
  it('is recorded, and the photo is stored upright at 320 and 1280 px in WebP and JPEG with no EXIF or GPS', async () => {
    const farm = await farmId('nongdan.xh@seedline.vn');
    const v = await signedInVisitor(web.url, 'nongdan.xh@seedline.vn');
    const photo = await sidewaysPhoneJpeg();
    const response = await v.postMultipart(
      `/farm/farms/${farm}/seed-lots`,
      await seedLotForm({ lotNumber: 'TK-PHOTO' }, new Blob([photo], { type: 'image/jpeg' })),
    );
    expect(response.status).toBe(302);
    const lot = await database.prisma.seedLot.findFirstOrThrow({
      where: { lotNumber: 'TK-PHOTO' },
      include: { photo: true },
    });
    expect(lot).toMatchObject({ farmId: farm, quantity: 500, quantityUnit: 'seeds', variety: 'Taki 1' });
    expect(lot.receivedOn.toISOString().slice(0, 10)).toBe(today);
    expect(lot.photo).toMatchObject({
      farmId: farm,
      subject: 'SEED_LOT',
      widths: [320, 1280],
      width: 400,
      height: 600,
    });
    expect(response.headers.get('location')).toBe(`/farm/farms/${farm}/seed-lots?recorded=${lot.id}`);

    const page = await (await v.get(response.headers.get('location')!)).text();
    expect(visibleText(page)).toContain('Đã ghi lô hạt giống TK-PHOTO.');
    expect(page).toContain(`/farm/photos/${lot.photoId}/320.jpeg`);

    for (const [width, height] of [
      [320, 480],
      // 1280 is wider than the photo: stored at its own width, never enlarged.
      [1280, 600],
    ] as const) {
      for (const format of ['webp', 'jpeg'] as const) {
        const served = await v.get(`/farm/photos/${lot.photoId}/${width}.${format}`);
        expect(served.status).toBe(200);
        expect(served.headers.get('content-type')).toBe(`image/${format}`);
        const bytes = Buffer.from(await served.arrayBuffer());
        const meta = await sharp(bytes).metadata();
        expect(meta).toMatchObject({ format, width: Math.min(width, 400), height: Math.min(height, 600) });
        expect(meta.exif).toBeUndefined();
        expect(meta.xmp).toBeUndefined();
        expect(meta.orientation).toBeUndefined();
        expect(bytes.includes(Buffer.from('SeedlinePhone'))).toBe(false);
        if (format === 'jpeg') {
          // Upright: the band that was on the left of the sideways photo is now along its top.
          const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
          const pixel = (x: number, y: number) => [
            ...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3),
          ];
          expect(pixel(info.width / 2, 5)[0]).toBeGreaterThan(200);
          expect(pixel(info.width / 2, info.height - 5)[0]).toBeLessThan(120);
        }
      }
    }
  });

  it("is not served to another farm's farmer, nor to a visitor who is not signed in", async () => {
    const lot = await database.prisma.seedLot.findFirstOrThrow({ where: { lotNumber: 'TK-PHOTO' } });
    const other = await signedInVisitor(web.url, 'nongdan.yd@seedline.vn');
    expect((await other.get(`/farm/photos/${lot.photoId}/320.jpeg`)).status).toBe(404);
    const anonymous = await fetch(new URL(`/farm/photos/${lot.photoId}/320.jpeg`, web.url), { redirect: 'manual' });
    expect(anonymous.status).not.toBe(200);
    // Only the stored widths: a URL cannot ask for another size.
    const farmer = await signedInVisitor(web.url, 'nongdan.xh@seedline.vn');
    expect((await farmer.get(`/farm/photos/${lot.photoId}/640.jpeg`)).status).toBe(404);
  });
});

describe('a seed lot photo that is refused', () => {
  it.each(refusedPhotos)(
    '%s: with a message beside the photo field, and nothing is written',
    async (_what, photo, message) => {
      const farm = await farmId('nongdan.xh@seedline.vn');
      const before = await written();
      const response = await (
        await signedInVisitor(web.url, 'nongdan.xh@seedline.vn')
      ).postMultipart(`/farm/farms/${farm}/seed-lots`, await seedLotForm({ lotNumber: 'TK-REFUSED' }, await photo()));
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain('id="photo-error"');
      expect(visibleText(html)).toContain(message);
      // What was typed comes back.
      expect(html).toContain('value="TK-REFUSED"');
      expect(await written()).toEqual(before);
    },
    30_000,
  );
});

describe("a farmer's seed lot", () => {
  it.each([
    [{ receivedOn: '' }, 'receivedOn', 'Chọn ngày nhận.'],
    [{ receivedOn: '2026-02-31' }, 'receivedOn', 'Chọn ngày nhận.'],
    [{ receivedOn: addDays(today, 1) }, 'receivedOn', 'Ngày nhận không được ở tương lai.'],
    [{ lotNumber: ' ' }, 'lotNumber', 'Nhập số lô in trên bao bì.'],
    [{ quantity: '-5' }, 'quantity', 'Nhập số lượng là số nguyên dương'],
    [{ quantityUnit: 'kg' }, 'quantityUnit', 'Chọn đơn vị: hạt hoặc gam.'],
    [{ productId: 'no-such-product' }, 'productId', 'Chọn cây trồng.'],
  ])('refuses %o with the message beside its field, and writes nothing', async (change, field, message) => {
    const farm = await farmId('nongdan.xh@seedline.vn');
    const before = await written();
    const response = await (
      await signedInVisitor(web.url, 'nongdan.xh@seedline.vn')
    ).postMultipart(`/farm/farms/${farm}/seed-lots`, await seedLotForm(change));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(`id="${field}-error"`);
    expect(visibleText(html)).toContain(message);
    expect(await written()).toEqual(before);
  });

  it('is recorded without a photo, and the same supplier lot twice is refused beside the lot number', async () => {
    const farm = await farmId('nongdan.xh@seedline.vn');
    const v = await signedInVisitor(web.url, 'nongdan.xh@seedline.vn');
    const form = () => seedLotForm({ lotNumber: 'TK-TWICE', quantity: '25', quantityUnit: 'g' });
    expect((await v.postMultipart(`/farm/farms/${farm}/seed-lots`, await form())).status).toBe(302);
    const again = await v.postMultipart(`/farm/farms/${farm}/seed-lots`, await form());
    expect(again.status).toBe(400);
    expect(visibleText(await again.text())).toContain('Lô này của nhà cung cấp này đã được ghi rồi.');
    expect(await database.prisma.seedLot.count({ where: { lotNumber: 'TK-TWICE' } })).toBe(1);
    // Another farm may buy from the same supplier's lot.
    const yd = await farmId('nongdan.yd@seedline.vn');
    const other = await signedInVisitor(web.url, 'nongdan.yd@seedline.vn');
    expect((await other.postMultipart(`/farm/farms/${yd}/seed-lots`, await form())).status).toBe(302);
  });

  it('sent twice with the same clientId (a double tap, a retry) is stored once and answers the same', async () => {
    const farm = await farmId('nongdan.xh@seedline.vn');
    const v = await signedInVisitor(web.url, 'nongdan.xh@seedline.vn');
    const clientId = '0b7e4c2a-1f3d-4a6b-8c9e-5d2f1a7b3c40';
    const form = () => seedLotForm({ lotNumber: 'TK-RESENT', clientId });
    const first = await v.postMultipart(`/farm/farms/${farm}/seed-lots`, await form());
    const before = await written();
    const second = await v.postMultipart(`/farm/farms/${farm}/seed-lots`, await form());
    expect(first.status).toBe(302);
    expect(second.status).toBe(302);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(await written()).toEqual(before);
    expect(await database.prisma.seedLot.count({ where: { lotNumber: 'TK-RESENT' } })).toBe(1);
    // The same id from another farmer is not theirs to resend: refused, nothing written.
    const yd = await farmId('nongdan.yd@seedline.vn');
    const other = await signedInVisitor(web.url, 'nongdan.yd@seedline.vn');
    const clash = await other.postMultipart(`/farm/farms/${yd}/seed-lots`, await seedLotForm({ clientId }));
    expect(clash.status).toBe(409);
    expect(await written()).toEqual(before);
  });

  it('for another farm is a 404 to the page and to the form, and writes nothing', async () => {
    const yd = await farmId('nongdan.yd@seedline.vn');
    const v = await signedInVisitor(web.url, 'nongdan.xh@seedline.vn');
    const before = await written();
    expect((await v.get(`/farm/farms/${yd}/seed-lots`)).status).toBe(404);
    expect((await v.postMultipart(`/farm/farms/${yd}/seed-lots`, await seedLotForm())).status).toBe(404);
    expect(await written()).toEqual(before);
  });

  it('is also recorded from a form without a file (urlencoded), as the contract reads it', async () => {
    const farm = await farmId('nongdan.xh@seedline.vn');
    const v = await signedInVisitor(web.url, 'nongdan.xh@seedline.vn');
    const response = await v.post(`/farm/farms/${farm}/seed-lots`, {
      productId: (await melon()).id,
      variety: 'Taki 2',
      supplier: 'Công ty Giống cây trồng Miền Nam',
      lotNumber: 'TK-PLAIN',
      quantity: '100',
      quantityUnit: 'seeds',
      receivedOn: today,
    });
    expect(response.status).toBe(302);
  });
});

describe('a correction of a seed lot', () => {
  const correction = (change: Record<string, string> = {}) => ({
    corrects: '0',
    variety: 'Taki 1',
    supplier: 'Công ty Giống cây trồng Miền Nam',
    lotNumber: 'TK-CORRECTED',
    quantity: '450',
    quantityUnit: 'seeds',
    receivedOn: today,
    certificateNumber: '',
    reason: 'Số lô in mờ, đọc lại trên hóa đơn',
    ...change,
  });

  it('keeps the lot as recorded and lists the correction beside it; a second one of the same version is refused', async () => {
    const farm = await farmId('nongdan.xh@seedline.vn');
    const v = await signedInVisitor(web.url, 'nongdan.xh@seedline.vn');
    await v.postMultipart(`/farm/farms/${farm}/seed-lots`, await seedLotForm({ lotNumber: 'TK-TYPO' }));
    const lot = await database.prisma.seedLot.findFirstOrThrow({ where: { lotNumber: 'TK-TYPO' } });
    const response = await v.post(`/farm/seed-lots/${lot.id}/correct`, correction());
    expect(response.status).toBe(302);
    expect(await database.prisma.seedLot.findUniqueOrThrow({ where: { id: lot.id } })).toEqual(lot);
    const page = visibleText(await (await v.get(response.headers.get('location')!)).text());
    expect(page).toContain('lô TK-CORRECTED của Công ty Giống cây trồng Miền Nam, 450 hạt');
    expect(page).toContain('Lý do: Số lô in mờ, đọc lại trên hóa đơn');
    expect(page).toContain('lô TK-TYPO, 500 hạt');
    expect((await v.post(`/farm/seed-lots/${lot.id}/correct`, correction({ quantity: '1' }))).status).toBe(409);
    // Without a reason: refused beside it.
    const noReason = await v.post(`/farm/seed-lots/${lot.id}/correct`, correction({ corrects: '1', reason: '' }));
    expect(noReason.status).toBe(400);
    expect(visibleText(await noReason.text())).toContain('Nhập lý do sửa.');
    // Another farm's farmer cannot reach it.
    const other = await signedInVisitor(web.url, 'nongdan.yd@seedline.vn');
    expect((await other.post(`/farm/seed-lots/${lot.id}/correct`, correction({ corrects: '1' }))).status).toBe(404);
    expect(await database.prisma.seedLotCorrection.count({ where: { seedLotId: lot.id } })).toBe(1);
  });
});
