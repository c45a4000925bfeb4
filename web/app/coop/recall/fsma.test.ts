import { describe, expect, it } from 'vitest';
import type { RecallChain } from './chain.ts';
import { fsmaColumns, fsmaCsv, fsmaRows } from './fsma.ts';

const chain: RecallChain = {
  lotCode: 'XH-261201-01-9',
  gtin: '08936045120019',
  product: { nameVi: 'Dưa lưới', nameEn: 'Netted melon', unit: 'PIECE' },
  farm: { code: 'XH', name: 'Trang trại Xuân Hòa', address: 'Thọ Xuân, Thanh Hóa' },
  greenhouse: { name: 'Nhà màng số 1', thingName: 'seedline-xh-nm1' },
  zone: { key: 'z1', name: 'Luống A' },
  seedLot: { supplier: 'Trang Nông', variety: 'TL3', lotNumber: 'TN-1' },
  harvest: { id: 'h1', harvestedAt: new Date('2026-12-01T02:00:00Z'), weightGrams: 60_000 },
  packLot: { unitCount: 40, unitWeightGrams: null, packedOn: new Date('2026-12-01T00:00:00Z') },
  irrigation: [],
  orders: [
    {
      reference: 'SL-1',
      status: 'PAID',
      orderedAt: new Date('2026-12-02T01:00:00Z'),
      fulfilment: 'DELIVERY',
      quantity: 2,
      shipTo: { name: '', address: '=HYPERLINK("http://evil"), Hà Nội' },
    },
    { reference: 'SL-2', status: 'CANCELLED', orderedAt: new Date(), fulfilment: 'PICKUP', quantity: 1, shipTo: null },
  ],
};

describe('the FSMA 204 spreadsheet', () => {
  it('has a harvesting, an initial packing and one shipping row per shipped order (a cancelled one did not ship)', () => {
    const rows = fsmaRows(chain);
    expect(rows.map((r) => r['Critical tracking event'])).toEqual(['Harvesting', 'Initial packing', 'Shipping']);
    expect(rows[0]).toMatchObject({ Quantity: '60', 'Unit of measure': 'kg', Date: '2026-12-01' });
    expect(rows[2]).toMatchObject({ 'Reference document type': 'Order', 'Reference document number': 'SL-1' });
  });

  it("quotes commas and quotes, and keeps a buyer's address from running as a formula", () => {
    const csv = fsmaCsv(fsmaRows(chain));
    expect(csv.startsWith('\uFEFF' + fsmaColumns.join(','))).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil""), Hà Nội"`);
  });
});
