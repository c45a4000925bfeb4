import { calendarDay, correctHarvest, isValidLotCode, recordHarvest } from '@seedline/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfPages } from './support/pdf-text.ts';
import { type DemoApp, openDemoApp } from './support/shop.ts';
import { signedInVisitor, visibleText } from './support/web.ts';

// Packing at /coop/packing, through the served app: staff turn harvests into pack lots with the
// farm's lot codes, refused beside the field with nothing written; each lot's labels as a PDF.
// The demo's Yên Định harvests (tomatoes two days ago, cucumbers yesterday) each have 5 kg left.

let app: DemoApp;
beforeAll(async () => {
  app = await openDemoApp(new Date());
});
afterAll(() => app?.close());

const staff = 'nhanvien@seedline.vn';
const today = () => calendarDay(new Date());

async function yenDinhHarvest(product: 'ca-chua-bi' | 'dua-chuot') {
  return app.database.prisma.harvest.findFirstOrThrow({
    where: { planting: { product: { slug: product }, zone: { greenhouse: { farm: { code: 'YD' } } } } },
    orderBy: { harvestedAt: 'asc' },
    include: { planting: { include: { product: true } } },
  });
}

/** The packing form as a browser posts it: one `harvestId` per ticked harvest. */
function packingForm(harvestIds: string[], fields: Partial<Record<string, string>> = {}) {
  const form = new FormData();
  for (const id of harvestIds) form.append('harvestId', id);
  const all = { unitCount: '4', unitWeightGrams: '1000', packDate: today(), bestBeforeDays: '5', ...fields };
  for (const [name, value] of Object.entries(all)) if (value !== undefined) form.append(name, value);
  return form;
}

describe('packing harvests into pack lots', () => {
  it('lists harvests with produce left, by farm and product with its GTIN', async () => {
    const v = await signedInVisitor(app.web.url, staff);
    const page = visibleText(await (await v.get('/coop/packing')).text());
    expect(page).toContain('Cà chua bi · HTX Rau an toàn Yên Định');
    expect(page).toMatch(/còn 5 \/ 60 kg/);
    // Fully packed harvests (the Hải Hậu lettuce) and melons sold by the piece are not offered.
    expect(page).not.toMatch(/còn 0 /);
  });

  it("makes a lot with the farm's next lot code, the product's GTIN and the pack date, and the harvest shows less left", async () => {
    const harvest = await yenDinhHarvest('ca-chua-bi');
    const v = await signedInVisitor(app.web.url, staff);
    const response = await v.postMultipart('/coop/packing', packingForm([harvest.id]));
    expect(response.status).toBe(302);
    const lots = await app.database.prisma.packLot.findMany({
      where: { harvestId: harvest.id },
      orderBy: { createdAt: 'desc' },
    });
    const made = lots[0]!;
    expect(made).toMatchObject({ unitCount: 4, unitWeightGrams: 1000, productId: harvest.planting.productId });
    expect(calendarDay(made.packedOn)).toBe(today());
    expect(isValidLotCode(made.lotCode) && made.lotCode.startsWith('YD-')).toBe(true);
    const page = visibleText(await (await v.get(response.headers.get('location')!)).text());
    expect(page).toContain(`Đã tạo lô hàng ${made.lotCode}.`);
    expect(page).toMatch(/còn 1 \/ 60 kg/);
  });

  it('refuses beside the field, writing nothing: more than is left, a count of 0, a pack date before the harvest or after today, two products, none chosen', async () => {
    const [tomato, cucumber] = [await yenDinhHarvest('ca-chua-bi'), await yenDinhHarvest('dua-chuot')];
    const v = await signedInVisitor(app.web.url, staff);
    const before = await app.database.prisma.packLot.count();
    const refused = async (form: FormData, field: string, text: string | RegExp) => {
      const response = await v.postMultipart('/coop/packing', form);
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain(`id="${field}-error"`);
      expect(visibleText(html)).toMatch(text);
    };
    await refused(packingForm([cucumber.id], { unitCount: '6' }), 'unitCount', 'còn 5000 g, đủ cho 5 gói');
    await refused(packingForm([cucumber.id], { unitCount: '0' }), 'unitCount', 'Nhập số gói');
    await refused(
      packingForm([cucumber.id], { packDate: calendarDay(new Date(Date.now() - 5 * 86_400_000)) }),
      'packDate',
      'trước ngày thu hoạch',
    );
    await refused(
      packingForm([cucumber.id], { packDate: calendarDay(new Date(Date.now() + 86_400_000)) }),
      'packDate',
      'không được sau hôm nay',
    );
    await refused(packingForm([tomato.id, cucumber.id]), 'harvestIds', 'một trang trại và một sản phẩm');
    await refused(packingForm([]), 'harvestIds', 'Chọn ít nhất một lần thu hoạch');
    expect(await app.database.prisma.packLot.count()).toBe(before);
  });

  it('packs several harvests of one farm and product: one lot per harvest, the oldest emptied first', async () => {
    const first = await yenDinhHarvest('dua-chuot');
    const second = await recordHarvest(app.database.prisma, {
      plantingId: first.plantingId,
      harvestedAt: new Date(),
      weightGrams: 3_000,
      recordedById: first.recordedById,
    });
    const v = await signedInVisitor(app.web.url, staff);
    const response = await v.postMultipart('/coop/packing', packingForm([second.id, first.id], { unitCount: '7' }));
    expect(response.status).toBe(302);
    const made = await app.database.prisma.packLot.findMany({
      where: { harvestId: { in: [first.id, second.id] }, packedOn: new Date(`${today()}T00:00:00Z`) },
      orderBy: { lotCode: 'asc' },
    });
    expect(made.map((lot) => [lot.harvestId, lot.unitCount])).toEqual([
      [first.id, 5],
      [second.id, 2],
    ]);
  });
});

describe('packing what a harvest holds now', () => {
  it('packs a corrected harvest by its corrected weight', async () => {
    const tomato = await yenDinhHarvest('ca-chua-bi');
    // 60 kg recorded, 55 kg in the seed's lot and 4 kg packed above: 1 kg left, until the farmer
    // corrects the weight to 62 kg.
    await correctHarvest(app.database.prisma, tomato.id, {
      corrects: 0,
      reason: 'Cân lại',
      recordedById: tomato.recordedById,
      harvestedAt: tomato.harvestedAt,
      weightGrams: 62_000,
    });
    const v = await signedInVisitor(app.web.url, staff);
    expect(visibleText(await (await v.get('/coop/packing')).text())).toMatch(/còn 3 \/ 62 kg/);
    const over = await v.postMultipart('/coop/packing', packingForm([tomato.id], { unitCount: '4' }));
    expect(visibleText(await over.text())).toContain('còn 3000 g, đủ cho 3 gói');
    expect((await v.postMultipart('/coop/packing', packingForm([tomato.id], { unitCount: '3' }))).status).toBe(302);
    // Wholly packed now: no longer offered.
    expect(visibleText(await (await v.get('/coop/packing')).text())).not.toContain('/ 62 kg');
  });

  it('lets only one of two packings of the same produce sent at the same moment through', async () => {
    const tomato = await yenDinhHarvest('ca-chua-bi');
    const harvest = await recordHarvest(app.database.prisma, {
      plantingId: tomato.plantingId,
      harvestedAt: new Date(),
      weightGrams: 2_000,
      recordedById: tomato.recordedById,
    });
    const [a, b] = await Promise.all([staff, 'admin@seedline.vn'].map((email) => signedInVisitor(app.web.url, email)));
    const answers = await Promise.all(
      [a!, b!].map((v) => v.postMultipart('/coop/packing', packingForm([harvest.id], { unitCount: '2' }))),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([302, 400]);
    const lots = await app.database.prisma.packLot.findMany({ where: { harvestId: harvest.id } });
    expect(lots.map((lot) => lot.unitCount)).toEqual([2]);
  });
});

describe('the label sheet of a pack lot', () => {
  it('is a PDF with one label per pack: the lot code, product, farm, weight and pack date on each', async () => {
    const lot = await app.database.prisma.packLot.findFirstOrThrow({
      where: { lotCode: { startsWith: 'YD-' } },
      orderBy: { createdAt: 'desc' },
    });
    const v = await signedInVisitor(app.web.url, staff);
    const response = await v.get(`/coop/pack-lots/${lot.lotCode}/labels.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pages = await pdfPages(new Uint8Array(await response.arrayBuffer()));
    // 24 labels a sheet (3 × 8).
    expect(pages).toHaveLength(Math.ceil(lot.unitCount / 24));
    const sheet = pages.join(' ');
    expect(sheet.split(`Lô ${lot.lotCode}`).length - 1).toBe(lot.unitCount);
    expect(sheet).toContain('HTX Rau an toàn Yên Định');
    expect(sheet).toContain(`KL tịnh ${lot.unitWeightGrams} g`);
    const single = await v.get(`/coop/pack-lots/${lot.lotCode}/labels.pdf?stock=single`);
    expect((await pdfPages(new Uint8Array(await single.arrayBuffer()))).length).toBe(lot.unitCount);
  });

  it('answers 404 for a lot or a stock that does not exist', async () => {
    const v = await signedInVisitor(app.web.url, staff);
    expect((await v.get('/coop/pack-lots/YD-000000-01-X/labels.pdf')).status).toBe(404);
    const lot = await app.database.prisma.packLot.findFirstOrThrow();
    expect((await v.get(`/coop/pack-lots/${lot.lotCode}/labels.pdf?stock=a5`)).status).toBe(404);
  });

  it('refuses buyers and farmers the packing page, its form and the labels, and writes nothing', async () => {
    const lot = await app.database.prisma.packLot.findFirstOrThrow();
    const harvest = await yenDinhHarvest('ca-chua-bi');
    const before = await app.database.prisma.packLot.count();
    for (const email of ['khachhang@example.vn', 'nongdan.xh@seedline.vn']) {
      const v = await signedInVisitor(app.web.url, email);
      expect((await v.get('/coop/packing')).status).toBe(403);
      expect((await v.get(`/coop/pack-lots/${lot.lotCode}/labels.pdf`)).status).toBe(403);
      expect((await v.postMultipart('/coop/packing', packingForm([harvest.id], { unitCount: '1' }))).status).toBe(403);
    }
    expect(await app.database.prisma.packLot.count()).toBe(before);
  });
});
