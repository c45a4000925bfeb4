import { describe, expect, it } from 'vitest';
import { pdfPages } from '../../../test/support/pdf-text.ts';
import { recordBookPdf } from './record-book-pdf.server.ts';
import { type LogRow, type RecordBookInput, recordBook } from './record-book.ts';

// The record book on paper: long tables run onto further pages with their header again, every
// page says which it is of how many and when the book was printed, and Vietnamese comes out whole.

const at = (day: number, hour = 8) => new Date(Date.UTC(2026, 9, day, hour - 7));

function observation(i: number): LogRow {
  return {
    id: `obs-${i}`,
    kind: 'OBSERVATION',
    occurredAt: at(1 + (i % 28), 6 + (i % 10)),
    recordedAt: at(1 + (i % 28), 18),
    recordedBy: 'Lê Văn Hòa',
    note: `Lần ${i}: bọ trĩ xuất hiện rải rác ở luống A, phun phòng theo hướng dẫn của cán bộ khuyến nông`,
    inputType: null,
    inputProduct: null,
    activeIngredient: null,
    dose: null,
    doseAmount: null,
    doseUnit: null,
    areaM2: null,
    appliedBy: null,
    registrationNumber: null,
    phiDays: null,
    observation: 'PEST',
    correctsId: null,
    reason: null,
  };
}

function input(logs: LogRow[]): RecordBookInput {
  return {
    printedAt: new Date('2026-11-28T05:30:00Z'),
    farm: {
      name: 'Trang trại dưa lưới Xuân Hòa',
      commune: 'xã Thọ Xuân',
      province: 'Thanh Hóa',
      address: 'Thôn Phú Xá',
      certifications: [],
    },
    greenhouse: { name: 'Nhà màng số 1', areaM2: 1000 },
    zone: { name: 'Luống A', key: 'z1', areaM2: 120 },
    product: { nameVi: 'Dưa lưới' },
    planting: {
      id: 'p1',
      status: 'GROWING',
      sownOn: null,
      transplantedOn: null,
      expectedHarvestOn: null,
      endedOn: null,
      quantity: 1200,
      quantityUnit: 'plants',
      areaM2: 120,
    },
    seedLot: {
      supplier: 'Công ty TNHH Hạt giống Trang Nông',
      variety: 'Dưa lưới F1 TL3',
      lotNumber: 'TN-DL-2608-114',
      receivedOn: new Date('2026-09-06T00:00:00Z'),
      quantity: 1200,
      quantityUnit: 'seeds',
      certificateNumber: null,
    },
    logs,
    harvests: [],
    irrigation: null,
  };
}

describe('a printed record book', () => {
  it('repeats a long table’s header at the top of every page it runs onto, and numbers every page out of the total', async () => {
    const logs = Array.from({ length: 120 }, (_, i) => observation(i));
    const pages = await pdfPages(await recordBookPdf(recordBook(input(logs))));
    expect(pages.length).toBeGreaterThan(3);
    pages.forEach((page, i) => {
      expect(page).toContain(`Trang ${i + 1}/${pages.length}`);
      expect(page).toContain('In ngày 28/11/2026 lúc 12:30');
    });
    // The observations start on page 2 or before; every later page opens with their header.
    for (const page of pages.slice(2)) expect(page).toContain('Ngày giờ Loại Nội dung Người ghi');
    const all = pages.join(' ');
    for (let i = 0; i < 120; i++) expect(all).toContain(`Lần ${i}: bọ trĩ`);
  });

  it('writes Vietnamese letters as they are, with their tone marks', async () => {
    const text = (await pdfPages(await recordBookPdf(recordBook(input([observation(1)]))))).join(' ');
    expect(text).toContain('SỔ GHI CHÉP SẢN XUẤT');
    expect(text).toContain('Công ty TNHH Hạt giống Trang Nông');
    expect(text).toContain('Số lượng và diện tích trồng 1.200 cây, 120 m²');
    expect(text).toContain('Sâu hại');
  });

  it('prints the corrections of the seed lot, the planting and the harvests in a section of their own', async () => {
    const day = (d: string) => new Date(`${d}T00:00:00Z`);
    const lot = {
      supplier: 'Trang Nông',
      variety: 'TL3',
      lotNumber: 'TN-1',
      receivedOn: day('2026-09-06'),
      quantity: 1200,
      quantityUnit: 'seeds',
      certificateNumber: null,
    };
    const book = recordBook({
      ...input([observation(1)]),
      recordCorrections: [
        {
          record: 'SEED_LOT',
          version: 1,
          reason: 'Số lô in mờ',
          recordedBy: 'Lê Văn Hòa',
          recordedAt: new Date('2026-11-20T03:00:00Z'),
          before: lot,
          after: { ...lot, lotNumber: 'TN-2' },
        },
      ],
    });
    const text = (await pdfPages(await recordBookPdf(book))).join(' ');
    expect(text).toContain('9. Sửa hạt giống, lứa trồng và thu hoạch (1 lần)');
    expect(text).toContain('lô TN-1, nhận 06/09/2026, 1.200 hạt');
    expect(text).toContain('lô TN-2, nhận 06/09/2026, 1.200 hạt');
    expect(text).toContain('Lý do: Số lô in mờ');
  });
});
