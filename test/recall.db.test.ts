import { createPackLot } from '@seedline/db';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fsmaColumns } from '../web/app/coop/recall/fsma.ts';
import { epcisErrors, epcisSchemaId } from './support/epcis-schema.ts';
import { sellLotInOrders } from './support/lot-orders.ts';
import { type DemoApp, openDemoApp } from './support/shop.ts';
import { signedInVisitor, visibleText } from './support/web.ts';

// The recall at /coop, through the served app: a lot's chain downloaded as EPCIS 2.0 (checked
// against GS1's JSON schema) and as the FSMA 204 spreadsheet, and the recall itself: listings off
// the shop, unpaid orders cancelled, paid ones kept, each buyer emailed once, a second run idle.

let app: DemoApp;
let lotCode: string;
beforeAll(async () => {
  app = await openDemoApp(new Date());
  // A published demo lot whose zone has an irrigation record.
  const listing = await app.database.prisma.listing.findFirstOrThrow({
    where: { published: true, packLot: { harvest: { planting: { zone: { hourly: { some: {} } } } } } },
    orderBy: { createdAt: 'asc' },
    include: { packLot: true },
  });
  lotCode = listing.packLot.lotCode;
});
afterAll(() => app?.close());

const staff = 'nhanvien@seedline.vn';

describe('the exports of a lot', () => {
  it('downloads an EPCIS 2.0 document valid against GS1 schema: harvest, packing, each shipped order, irrigation', async () => {
    await sellLotInOrders(app.database.prisma, lotCode, 3);
    const v = await signedInVisitor(app.web.url, staff);
    const response = await v.get(`/coop/recall/${lotCode}/epcis.jsonld`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(`epcis-${lotCode}.jsonld`);
    const document = await response.json();
    expect(epcisSchemaId).toBe('https://gs1.github.io/EPCIS/EPCIS-JSON-Schema.json');
    expect(epcisErrors(document)).toEqual([]);
    const events: { type: string; bizStep: string; [k: string]: unknown }[] = document.epcisBody.eventList;
    const steps = events.map((e) => `${e.type}:${e.bizStep}`);
    expect(steps).toContain('ObjectEvent:commissioning');
    expect(steps).toContain('TransformationEvent:packing');
    expect(steps).toContain('ObjectEvent:sensor_reporting');
    expect(steps.filter((s) => /shipping|retail_selling/.test(s)).length).toBeGreaterThanOrEqual(1);
    const packing = events.find((e) => e.type === 'TransformationEvent')!;
    expect(JSON.stringify(packing.outputQuantityList)).toContain(`/10/${lotCode}`);
    const sensor = events.find((e) => e.bizStep === 'sensor_reporting')!;
    expect(JSON.stringify(sensor.sensorElementList)).toMatch(/"type":"Volume".*"uom":"LTR"/);
  });

  it('refuses a document the schema does not accept (the check is not a rubber stamp)', () => {
    const bad = {
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: 'yesterday',
      epcisBody: { eventList: [] },
    };
    expect(epcisErrors(bad)).not.toEqual([]);
  });

  it('downloads the FSMA 204 spreadsheet: harvesting, initial packing, shipping, every key data element filled', async () => {
    const v = await signedInVisitor(app.web.url, staff);
    const response = await v.get(`/coop/recall/${lotCode}/fsma-204.csv`);
    expect(response.status).toBe(200);
    const [header, ...rows] = (await response.text()).replace('\uFEFF', '').trim().split('\r\n');
    expect(header).toBe(fsmaColumns.join(','));
    const events = rows.map((r) => r.split(',')[0]);
    expect(events.slice(0, 2)).toEqual(['Harvesting', 'Initial packing']);
    expect(events).toContain('Shipping');
    for (const row of rows) {
      expect(row).toContain(lotCode);
      // Every key data element present: no empty cell.
      expect(row).not.toMatch(/(^|,)(,|$)/);
    }
  });

  it('downloads the same rows as an Excel workbook, quantities as numbers', async () => {
    const v = await signedInVisitor(app.web.url, staff);
    const [csv, xlsx] = await Promise.all([
      v.get(`/coop/recall/${lotCode}/fsma-204.csv`).then((r) => r.text()),
      v.get(`/coop/recall/${lotCode}/fsma-204.xlsx`).then((r) => r.arrayBuffer()),
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx);
    const sheet = book.getWorksheet('FSMA 204')!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...fsmaColumns]);
    expect(sheet.rowCount).toBe(csv.trim().split('\r\n').length);
    expect(sheet.getRow(2).getCell(1).value).toBe('Harvesting');
    expect(typeof sheet.getRow(2).getCell(5).value).toBe('number');
  });

  it('answers 404 for an unknown lot or file', async () => {
    const v = await signedInVisitor(app.web.url, staff);
    expect((await v.get('/coop/recall/XX-000000-01-0/epcis.jsonld')).status).toBe(404);
    expect((await v.get(`/coop/recall/${lotCode}/lot.xml`)).status).toBe(404);
  });
});

describe('recalling a lot', () => {
  it('unpublishes its listing, cancels unpaid orders, keeps paid ones, emails each buyer once; again does nothing more', async () => {
    const prisma = app.database.prisma;
    // Six orders by five buyers: the first two by one buyer, who is told once.
    const orders = await sellLotInOrders(prisma, lotCode, 6, (i) => `mua${Math.max(i, 1)}@example.vn`);
    const v = await signedInVisitor(app.web.url, staff);
    const refused = await v.post(`/coop?index&lot=${lotCode}`, { lotCode, scope: 'lot' });
    expect(refused.status).toBe(400);
    expect(visibleText(await refused.text())).toContain('Hãy đánh dấu ô xác nhận trước khi thu hồi.');
    expect(await prisma.listing.count({ where: { packLot: { lotCode }, published: true } })).toBe(1);

    const response = await v.post(`/coop?index&lot=${lotCode}`, { lotCode, scope: 'lot', confirm: 'on' });
    expect(response.status).toBe(200);
    expect(visibleText(await response.text())).toMatch(new RegExp(`Đã thu hồi ${lotCode}: gỡ 1 sản phẩm`));
    expect(await prisma.listing.count({ where: { packLot: { lotCode }, published: true } })).toBe(0);
    const statuses = await prisma.order.findMany({ where: { id: { in: orders.map((o) => o.id) } } });
    for (const order of orders) {
      const now = statuses.find((s) => s.id === order.id)!.status;
      if (order.paid) expect(now).toBe('PAID');
      else expect(now).toBe('CANCELLED');
    }
    const mails = await prisma.outgoingEmail.findMany({ where: { to: { in: orders.map((o) => o.email) } } });
    expect(mails.map((m) => m.to).sort()).toEqual([...new Set(orders.map((o) => o.email))].sort());

    const again = await v.post(`/coop?index&lot=${lotCode}`, { lotCode, scope: 'lot', confirm: 'on' });
    expect(visibleText(await again.text())).toMatch(
      /gỡ 0 sản phẩm, hủy 0 đơn chưa thanh toán, gửi email cho 0 người mua/,
    );
    expect(await prisma.outgoingEmail.count({ where: { to: { in: orders.map((o) => o.email) } } })).toBe(mails.length);
  });

  it('widened to the seed lot, also takes off the shop another lot grown from it', async () => {
    const prisma = app.database.prisma;
    // A second lot from the same harvest (so the same seed lot), on sale.
    const first = await prisma.packLot.findUniqueOrThrow({ where: { lotCode }, include: { listing: true } });
    const second = await createPackLot(prisma, {
      harvestId: first.harvestId,
      unitCount: 2,
      unitWeightGrams: first.unitWeightGrams,
      packedAt: new Date(),
      bestBeforeDays: 5,
    });
    const { id: _id, packLotId: _lot, createdAt: _c, updatedAt: _u, ...listing } = first.listing!;
    await prisma.listing.create({
      data: { ...listing, packLotId: second.id, published: true, publishedAt: new Date() },
    });
    const v = await signedInVisitor(app.web.url, staff);
    const response = await v.post(`/coop?index&lot=${lotCode}`, { lotCode, scope: 'seedLot', confirm: 'on' });
    expect(visibleText(await response.text())).toContain(
      `Đã thu hồi ${[lotCode, second.lotCode].sort().join(', ')}: gỡ 1 sản phẩm`,
    );
    expect(await prisma.listing.count({ where: { packLotId: second.id, published: true } })).toBe(0);
  });

  it('is refused to a buyer and a farmer, changing nothing', async () => {
    const prisma = app.database.prisma;
    const before = await prisma.orderEvent.count();
    for (const who of ['khachhang@example.vn', 'nongdan.xh@seedline.vn']) {
      const v = await signedInVisitor(app.web.url, who);
      const response = await v.post(`/coop?index&lot=${lotCode}`, { lotCode, scope: 'seedLot', confirm: 'on' });
      expect(response.status).toBe(403);
      expect((await v.get(`/coop/recall/${lotCode}/epcis.jsonld`)).status).toBe(403);
    }
    expect(await prisma.orderEvent.count()).toBe(before);
  });
});
