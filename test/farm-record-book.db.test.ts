import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '@seedline/db/setup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../web/server/start.ts';
import { openDemoApp } from './support/shop.ts';
import { pdfPages } from './support/pdf-text.ts';
import { signedInVisitor, visibleText } from './support/web.ts';

// A planting's record book, printed from the farm area. In the demo, the melon of Xuân Hòa's zone
// z1 grew from seed lot TN-DL-2608-114, was sprayed and fed, harvested three days ago, and its
// Amistar Top dose was corrected after the produce was sold (both entries stay).

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
    where: { zone: { key: zone, greenhouse: { thingName: thing } } },
    select: { id: true },
  });

const bookPath = (id: string) => `/farm/plantings/${id}/record-book.pdf`;

describe("a farmer's record book", () => {
  it('is a PDF in Vietnamese with the seed lot, every input, the correction beside its original, irrigation and harvest', async () => {
    const { id } = await planting('seedline-xh-nm1', 'z1');
    const response = await (await signedInVisitor(web.url, 'nongdan.xh@seedline.vn')).get(bookPath(id));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(
      /^inline; filename="so-ghi-chep-dua-luoi-luong-a-\d{4}-\d{2}-\d{2}\.pdf"; filename\*=UTF-8''S%E1%BB%95%20ghi%20ch%C3%A9p%20/,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    // Kept for a person to look at (pdftoppm turns it into pictures).
    fs.mkdirSync('test-results', { recursive: true });
    fs.writeFileSync(path.join('test-results', 'record-book.pdf'), bytes);

    const pages = await pdfPages(bytes);
    const text = pages.join(' ');
    expect(text).toContain('SỔ GHI CHÉP SẢN XUẤT');
    expect(text).toContain('Trang trại dưa lưới Xuân Hòa');
    expect(text).toContain('VietGAP-TT-24-05-38-0112');
    // The seed lot: supplier, lot number, certificate.
    expect(text).toContain('Công ty TNHH Hạt giống Trang Nông');
    expect(text).toContain('TN-DL-2608-114');
    expect(text).toContain('CN-GCT-2026/0871');
    // Inputs with active ingredient, dose and interval.
    expect(text).toContain('Radiant 60SC (spinetoram)');
    expect(text).toContain('NPK Đầu Trâu 20-20-15');
    // The corrected dose struck through and kept, its correction right after it with the reason.
    const original = text.indexOf('10 ml/bình 16 lít');
    const correction = text.indexOf('8 ml/bình 16 lít', original);
    expect(original).toBeGreaterThan(-1);
    expect(correction).toBeGreaterThan(original);
    expect(text).toContain('ĐÃ SỬA');
    expect(text).toContain('Sửa lần 1 cho dòng trên. Lý do: Sửa liều lượng: ghi nhầm 10 ml, thực tế pha 8 ml');
    // Irrigation totals from the zone's record, and the harvest.
    expect(text).toMatch(/Lượng nước tưới [\d.]+ lít, tức [\d,]+ lít\/m²/);
    expect(text).toMatch(/Số lần tưới \d+/);
    expect(text).toContain('Thu hoạch (1 lần, tổng 380 kg)');
    expect(text).toContain('Độ Brix trung bình 14');
    // Every page numbered, out of how many.
    pages.forEach((page, i) => expect(page).toContain(`Trang ${i + 1}/${pages.length}`));
    expect(pages[0]).toMatch(/In ngày \d{2}\/\d{2}\/\d{4}/);
  });

  it('is linked from the harvest page', async () => {
    const { id } = await planting('seedline-xh-nm1', 'z1');
    const v = await signedInVisitor(web.url, 'nongdan.xh@seedline.vn');
    const html = await (await v.get(`/farm/plantings/${id}/harvest`)).text();
    expect(html).toContain(`href="${bookPath(id)}"`);
    expect(visibleText(html)).toContain('In sổ ghi chép (PDF)');
  });

  it("of another farm's planting is a 404", async () => {
    const { id } = await planting('seedline-yd-nl1', 'z1');
    const response = await (await signedInVisitor(web.url, 'nongdan.xh@seedline.vn')).get(bookPath(id));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).not.toBe('application/pdf');
  });

  it('is refused to a buyer and to a visitor who has not signed in', async () => {
    const { id } = await planting('seedline-xh-nm1', 'z1');
    const buyer = await (await signedInVisitor(web.url, 'khachhang@example.vn')).get(bookPath(id));
    expect(buyer.status).toBe(403);
    const anonymous = await fetch(new URL(bookPath(id), web.url), { redirect: 'manual' });
    expect(anonymous.headers.get('content-type')).not.toBe('application/pdf');
    expect([302, 303, 401, 403]).toContain(anonymous.status);
  });

  it('is open to an admin for any farm', async () => {
    const { id } = await planting('seedline-yd-nl1', 'z1');
    const response = await (await signedInVisitor(web.url, 'admin@seedline.vn')).get(bookPath(id));
    expect(response.status).toBe(200);
    expect((await pdfPages(new Uint8Array(await response.arrayBuffer()))).join(' ')).toContain('SSC-CC-26-0415');
  });
});
