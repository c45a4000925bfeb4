import fs from 'node:fs';
import path from 'node:path';
import { correctFarmLog, createPackLot } from '@seedline/db';
import type { Database } from '@seedline/db/setup';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeOrder } from '../web/app/checkout/place-order.server.ts';
import { guest } from '../web/app/checkout/testkit.ts';
import { phonePhoto } from '../web/bench/phone-photo.ts';
import type { RunningServer } from '../web/server/start.ts';
import { openDemoApp } from './support/shop.ts';
import { signedInVisitor, visibleText, visitor } from './support/web.ts';

// The co-op's staff make listings from pack lots, with photos, and publish them; a lot harvested
// inside a pre-harvest interval is refused at publishing and at ordering.

let database: Database;
let web: RunningServer;
let dataDir: string;
let close: () => Promise<void>;
const now = new Date();
const staff = 'nhanvien@seedline.vn';

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'seedline-listings-'));
  ({ database, web, close } = await openDemoApp(now, { SEEDLINE_DATA_DIR: dataDir }));
});

afterAll(() => close?.());

const prisma = () => database.prisma;

/** A new pack lot (no listing yet) of the harvest of the greenhouse `thingName`'s zone `zoneKey`. */
async function newLot(thingName: string, zoneKey: string, unitCount = 30) {
  const harvest = await prisma().harvest.findFirstOrThrow({
    where: { planting: { zone: { key: zoneKey, greenhouse: { thingName } } } },
  });
  return createPackLot(prisma(), {
    harvestId: harvest.id,
    unitCount,
    unitWeightGrams: 500,
    packedAt: now,
    bestBeforeDays: 5,
  });
}

const listingForm = (packLotId: string, change: Record<string, string> = {}) => ({
  packLotId,
  titleVi: 'Xà lách thủy canh Hoằng Hóa',
  titleEn: 'Hoằng Hóa hydroponic lettuce',
  descriptionVi: 'Hái sáng nay',
  descriptionEn: 'Picked this morning',
  unit: 'PACK',
  category: 'LEAFY_GREEN',
  priceVnd: '35.000',
  stock: '30',
  ...change,
});

const written = async () => ({
  listings: await prisma().listing.count(),
  photos: await prisma().listingPhoto.count(),
  files: fs.existsSync(path.join(dataDir, 'photos', 'variants'))
    ? fs.readdirSync(path.join(dataDir, 'photos', 'variants')).length
    : 0,
});

describe('a listing made by staff from a pack lot', () => {
  it('is created in both languages with its price and stock, and is on sale only once published', async () => {
    const lot = await newLot('seedline-hh-nl1', 'z1');
    const v = await signedInVisitor(web.url, staff);
    const made = await v.post('/coop/listings', listingForm(lot.id));
    expect(made.status).toBe(302);
    const listing = await prisma().listing.findUniqueOrThrow({ where: { packLotId: lot.id } });
    expect(listing).toMatchObject({
      titleVi: 'Xà lách thủy canh Hoằng Hóa',
      titleEn: 'Hoằng Hóa hydroponic lettuce',
      descriptionEn: 'Picked this morning',
      unit: 'PACK',
      category: 'LEAFY_GREEN',
      priceVnd: 35_000,
      stock: 30,
      published: false,
    });
    expect(made.headers.get('location')).toBe(`/coop/listings/${listing.id}?done=created`);
    expect(visibleText(await (await v.get('/')).text())).not.toContain('Xà lách thủy canh Hoằng Hóa');

    expect((await v.post(`/coop/listings/${listing.id}`, { intent: 'publish' })).status).toBe(302);
    expect(visibleText(await (await v.get('/')).text())).toContain('Xà lách thủy canh Hoằng Hóa');
    expect((await v.post(`/coop/listings/${listing.id}`, { intent: 'unpublish' })).status).toBe(302);
    expect(visibleText(await (await v.get('/')).text())).not.toContain('Xà lách thủy canh Hoằng Hóa');
  });

  it('names every empty field, a negative price and a stock over the lot, and writes nothing', async () => {
    const lot = await newLot('seedline-hh-nl1', 'z1', 10);
    const v = await signedInVisitor(web.url, staff);
    const before = await written();
    const empty = await v.post('/coop/listings', {});
    expect(empty.status).toBe(400);
    const emptyPage = await empty.text();
    for (const field of ['packLotId', 'titleVi', 'titleEn', 'unit', 'category', 'priceVnd', 'stock']) {
      expect(emptyPage).toContain(`id="${field}-error"`);
    }
    const negative = await v.post('/coop/listings', listingForm(lot.id, { priceVnd: '-35000', stock: '10' }));
    expect(negative.status).toBe(400);
    expect(visibleText(await negative.text())).toContain('Giá: nhập số đồng nguyên dương');
    const over = await v.post('/coop/listings', listingForm(lot.id, { stock: '11' }));
    expect(over.status).toBe(400);
    expect(visibleText(await over.text())).toContain(
      'Số lượng bán (11) nhiều hơn số đơn vị đã đóng gói trong lô (10).',
    );
    expect(await written()).toEqual(before);
  });

  it('refuses a second listing of the same lot beside the lot, and a bad edit beside its field', async () => {
    const lot = await newLot('seedline-hh-nl1', 'z1', 12);
    const v = await signedInVisitor(web.url, staff);
    expect((await v.post('/coop/listings', listingForm(lot.id, { stock: '12' }))).status).toBe(302);
    const again = await v.post('/coop/listings', listingForm(lot.id, { stock: '12' }));
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('id="packLotId-error"');
    const listing = await prisma().listing.findUniqueOrThrow({ where: { packLotId: lot.id } });
    const { packLotId: _lot, ...fields } = listingForm(lot.id);
    const bad = await v.post(`/coop/listings/${listing.id}`, {
      intent: 'save',
      ...fields,
      titleVi: ' ',
      priceVnd: '-1',
    });
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    expect(badPage).toContain('id="titleVi-error"');
    expect(badPage).toContain('id="priceVnd-error"');
    expect(await prisma().listing.findUniqueOrThrow({ where: { id: listing.id } })).toEqual(listing);
  });
});

/** A listing of its own for a test, made as staff make it. */
async function freshListing(unitCount = 20) {
  const lot = await newLot('seedline-hh-nl1', 'z1', unitCount);
  const v = await signedInVisitor(web.url, staff);
  await v.post('/coop/listings', listingForm(lot.id, { stock: String(unitCount) }));
  return { v, listing: await prisma().listing.findUniqueOrThrow({ where: { packLotId: lot.id } }) };
}

function photoForm(...files: { bytes: Buffer; name: string; type?: string }[]) {
  const form = new FormData();
  form.append('intent', 'upload');
  for (const f of files)
    form.append('photos', new Blob([new Uint8Array(f.bytes)], { type: f.type ?? 'image/jpeg' }), f.name);
  return form;
}

const gallery = (listingId: string) =>
  prisma()
    .listingPhoto.findMany({ where: { listingId }, orderBy: { position: 'asc' }, select: { id: true } })
    .then((r) => r.map((p) => p.id));

describe("a listing's photos", () => {
  // Stored 1200×1600 and turned a quarter: upright it is 1600×1200, the frame's shape, so no band is cut off.
  it('are stored upright with no EXIF or GPS at every shop width in AVIF, WebP and JPEG, and served', async () => {
    const { v, listing } = await freshListing();
    const upload = await v.postMultipart(
      `/coop/listings/${listing.id}`,
      photoForm(
        { bytes: await phonePhoto({ width: 1200, height: 1600 }), name: 'a.jpg' },
        { bytes: await phonePhoto({ width: 1200, height: 900 }), name: 'b.jpg' },
      ),
    );
    expect(upload.status).toBe(302);
    const ids = await gallery(listing.id);
    expect(ids).toHaveLength(2);
    for (const id of ids) {
      expect(fs.readdirSync(path.join(dataDir, 'photos', 'variants', id)).sort()).toEqual(
        ['1280', '320', '640', '960'].flatMap((w) => ['avif', 'jpeg', 'webp'].map((f) => `${w}.${f}`)).sort(),
      );
    }
    const served = await v.get(`/photos/${ids[0]}/1280.jpeg`);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await served.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ width: 1280, height: 960 });
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    // Held sideways with a red band on its stored left edge: upright, the band is along the top.
    const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3),
    ];
    expect(pixel(640, 5)[0]).toBeGreaterThan(200);
    expect(pixel(640, 5)[1]).toBeLessThan(60);
    expect(pixel(640, 955)[0]).toBeLessThan(200);
    expect((await v.get(`/photos/${ids[0]}/640.avif`)).headers.get('content-type')).toBe('image/avif');
  });

  it('can be reordered, one made the cover, and deleted with its files', async () => {
    const { v, listing } = await freshListing();
    const small = () => phonePhoto({ width: 800, height: 600 });
    await v.postMultipart(
      `/coop/listings/${listing.id}`,
      photoForm(
        { bytes: await small(), name: '1.jpg' },
        { bytes: await small(), name: '2.jpg' },
        { bytes: await small(), name: '3.jpg' },
      ),
    );
    const [a, b, c] = await gallery(listing.id);
    expect(
      (await v.post(`/coop/listings/${listing.id}`, { intent: 'move', photoId: a!, direction: 'down' })).status,
    ).toBe(302);
    expect(await gallery(listing.id)).toEqual([b, a, c]);
    await v.post(`/coop/listings/${listing.id}`, { intent: 'cover', photoId: c! });
    expect(await gallery(listing.id)).toEqual([c, b, a]);
    await v.post(`/coop/listings/${listing.id}`, { intent: 'move', photoId: a!, direction: 'up' });
    expect(await gallery(listing.id)).toEqual([c, a, b]);
    await v.post(`/coop/listings/${listing.id}`, { intent: 'delete', photoId: c! });
    expect(await gallery(listing.id)).toEqual([a, b]);
    expect(fs.existsSync(path.join(dataDir, 'photos', 'variants', c!))).toBe(false);
    expect((await v.get(`/photos/${c}/640.webp`)).status).toBe(404);
  });

  it('refuses a 50 MB file, a 100-megapixel photo, a non-image and no file beside the field, and writes nothing', async () => {
    const { v, listing } = await freshListing();
    const before = await written();
    const huge = Buffer.alloc(50 * 1024 * 1024, 1);
    const bomb = await sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: '#3a7a4a' } })
      .png()
      .toBuffer();
    const cases = [
      { form: photoForm({ bytes: huge, name: 'lon.jpg' }), text: 'Ảnh “lon.jpg” quá lớn: tối đa 25 MB.' },
      {
        form: photoForm({ bytes: bomb, name: 'bom.png', type: 'image/png' }),
        text: 'Ảnh “bom.png” có quá nhiều điểm ảnh: tối đa 64 triệu.',
      },
      {
        form: photoForm({ bytes: Buffer.from('không phải ảnh'), name: 'ghi-chu.txt', type: 'text/plain' }),
        text: 'Tệp “ghi-chu.txt” không phải là ảnh.',
      },
      {
        form: photoForm(
          { bytes: await phonePhoto({ width: 800, height: 600 }), name: 'tot.jpg' },
          { bytes: Buffer.from('%PDF-1.4'), name: 'hoa-don.pdf', type: 'application/pdf' },
        ),
        text: 'Tệp “hoa-don.pdf” không phải là ảnh.',
      },
      { form: photoForm(), text: 'Ảnh: hãy chọn ít nhất một ảnh.' },
    ];
    for (const { form, text } of cases) {
      const refused = await v.postMultipart(`/coop/listings/${listing.id}`, form);
      expect(refused.status).toBe(400);
      const page = await refused.text();
      expect(page).toContain('id="photos-error"');
      expect(visibleText(page)).toContain(text);
    }
    expect(await written()).toEqual(before);
  });
});

describe('buyers and farmers', () => {
  it('are refused every listing page, and their photo upload, create and publish write nothing', async () => {
    const { listing } = await freshListing();
    const lot = await newLot('seedline-hh-nl1', 'z1', 8);
    const before = await written();
    for (const email of ['khachhang@example.vn', 'nongdan.hh@seedline.vn']) {
      const v = await signedInVisitor(web.url, email);
      expect((await v.get('/coop/listings')).status).toBe(403);
      expect((await v.get(`/coop/listings/${listing.id}`)).status).toBe(403);
      expect((await v.post('/coop/listings', listingForm(lot.id, { stock: '8' }))).status).toBe(403);
      expect((await v.post(`/coop/listings/${listing.id}`, { intent: 'publish' })).status).toBe(403);
      const upload = photoForm({ bytes: await phonePhoto({ width: 800, height: 600 }), name: 'a.jpg' });
      expect((await v.postMultipart(`/coop/listings/${listing.id}`, upload)).status).toBe(403);
    }
    expect(await written()).toEqual(before);
    expect((await prisma().listing.findUniqueOrThrow({ where: { id: listing.id } })).published).toBe(false);
  });
});

describe('the pre-harvest interval', () => {
  /** Yên Định's cucumbers: Ridomil Gold (7 days) sprayed 9 days before "now", harvested a day ago. */
  async function lengthenRidomil() {
    const planting = await prisma().planting.findFirstOrThrow({
      where: { zone: { key: 'z2', greenhouse: { thingName: 'seedline-yd-nl1' } } },
    });
    const ridomil = await prisma().farmLog.findFirstOrThrow({
      where: { plantingId: planting.id, inputProduct: 'Ridomil Gold 68WG', correctsId: null },
    });
    const farmer = await prisma().user.findUniqueOrThrow({ where: { email: 'nongdan.yd@seedline.vn' } });
    await correctFarmLog(prisma(), ridomil.id, {
      recordedById: farmer.id,
      kind: 'INPUT_APPLICATION',
      occurredAt: ridomil.occurredAt,
      inputType: ridomil.inputType,
      inputProduct: ridomil.inputProduct,
      activeIngredient: ridomil.activeIngredient,
      dose: ridomil.dose,
      phiDays: 14,
      reason: 'Nhãn ghi thời gian cách ly 14 ngày',
    });
    return planting;
  }

  let planting: Awaited<ReturnType<typeof lengthenRidomil>>;
  beforeAll(async () => {
    planting = await lengthenRidomil();
  });

  it('refuses an order of a published lot that a correction put inside an interval, and writes nothing', async () => {
    const listing = await prisma().listing.findFirstOrThrow({
      where: { packLot: { harvest: { plantingId: planting.id } }, published: true },
      include: { packLot: true },
    });
    const orders = await prisma().order.count();
    const refused = await placeOrder(prisma(), {
      form: guest,
      lines: [{ listingId: listing.id, quantity: 1 }],
      userId: null,
      now: new Date(),
      holdMinutes: 30,
    }).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: 'LISTING_WITHHELD',
      params: { items: { vi: `${listing.titleVi} (${listing.packLot.lotCode})` } },
    });
    expect(await prisma().order.count()).toBe(orders);

    // At the checkout, the buyer reads why, naming the batch; no order is placed.
    const buyer = visitor(web.url);
    await buyer.post('/cart', { intent: 'add', listingId: listing.id, quantity: '1' });
    const checkout = await buyer.post('/checkout', {
      name: 'Nguyễn Văn A',
      phone: '0912345678',
      email: '',
      fulfilment: 'DELIVERY',
      address: '12 Lê Lai, phường Hạc Thành, Thanh Hóa',
      paymentMethod: 'CASH_ON_DELIVERY',
    });
    expect(checkout.status).toBe(409);
    expect(visibleText(await checkout.text())).toContain(
      `Chưa thể đặt ${listing.titleVi} (${listing.packLot.lotCode}): lô này đang trong thời gian cách ly sau phun thuốc.`,
    );
    expect(await prisma().order.count()).toBe(orders);
  });

  it('refuses to publish a listing of that lot again, with the input and the first allowed day', async () => {
    const harvest = await prisma().harvest.findFirstOrThrow({ where: { plantingId: planting.id } });
    const lot = await createPackLot(prisma(), {
      harvestId: harvest.id,
      unitCount: 5,
      unitWeightGrams: 500,
      packedAt: now,
      bestBeforeDays: 5,
    });
    const v = await signedInVisitor(web.url, staff);
    await v.post('/coop/listings', listingForm(lot.id, { stock: '5' }));
    const listing = await prisma().listing.findUniqueOrThrow({ where: { packLotId: lot.id } });
    const refused = await v.post(`/coop/listings/${listing.id}`, { intent: 'publish' });
    expect(refused.status).toBe(409);
    expect(visibleText(await refused.text())).toMatch(
      /Chưa hết thời gian cách ly: Ridomil Gold 68WG .* cần cách ly 14 ngày/,
    );
    expect((await prisma().listing.findUniqueOrThrow({ where: { id: listing.id } })).published).toBe(false);
  });
});
