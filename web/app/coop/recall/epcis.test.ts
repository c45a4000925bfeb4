import { describe, expect, it } from 'vitest';
import { epcisErrors } from '../../../../test/support/epcis-schema.ts';
import type { RecallChain } from './chain.ts';
import { epcisDocument, lgtin } from './epcis.ts';

const chain: RecallChain = {
  lotCode: 'XH-261201-01-9',
  gtin: '8936045120019',
  product: { nameVi: 'Dưa lưới', nameEn: 'Netted melon', unit: 'PIECE' },
  farm: { code: 'XH', name: 'Trang trại Xuân Hòa', address: 'Thọ Xuân, Thanh Hóa' },
  greenhouse: { name: 'Nhà màng số 1', thingName: 'seedline-xh-nm1' },
  zone: { key: 'z1', name: 'Luống A' },
  seedLot: { supplier: 'Trang Nông', variety: 'TL3', lotNumber: 'TN-1' },
  harvest: { id: 'cm0harvest0000000000abcd', harvestedAt: new Date('2026-12-01T02:00:00Z'), weightGrams: 60_500 },
  packLot: { unitCount: 40, unitWeightGrams: null, packedOn: new Date('2026-12-01T00:00:00Z') },
  irrigation: [
    { day: '2026-11-29', moistureMin: 28, moistureMean: 31.5, moistureMax: 35, litres: 120.4 },
    // A day the sensor was out: the water is still reported.
    { day: '2026-11-30', moistureMin: null, moistureMean: null, moistureMax: null, litres: 80 },
  ],
  orders: [
    { reference: 'SL-1', status: 'DELIVERED', orderedAt: new Date(), fulfilment: 'PICKUP', quantity: 2, shipTo: null },
    { reference: 'SL-2', status: 'PAID', orderedAt: new Date(), fulfilment: 'DELIVERY', quantity: 1, shipTo: null },
    { reference: 'SL-3', status: 'PLACED', orderedAt: new Date(), fulfilment: 'DELIVERY', quantity: 1, shipTo: null },
  ],
};

const document = epcisDocument(chain, { baseUrl: 'https://seedline.example', now: new Date('2026-12-04T00:00:00Z') });
const events = document.epcisBody.eventList;

describe('the EPCIS 2.0 document of a lot', () => {
  it("is valid against GS1's schema, a sensor-less day included", () => {
    expect(epcisErrors(document)).toEqual([]);
  });

  it('names the lot by its Digital Link class, GTIN-14 and lot', () => {
    expect(lgtin(chain.gtin, chain.lotCode)).toBe('https://id.gs1.org/01/08936045120019/10/XH-261201-01-9');
    const packing = events.find((e) => e.type === 'TransformationEvent')!;
    expect(packing.outputQuantityList).toEqual([{ epcClass: lgtin(chain.gtin, chain.lotCode), quantity: 40 }]);
    expect(packing.inputQuantityList).toEqual([
      { epcClass: lgtin(chain.gtin, 'H261201-0000abcd'), quantity: 60.5, uom: 'KGM' },
    ]);
  });

  it('reports each day of irrigation, and ships only the orders that left (a placed one did not)', () => {
    expect(events.map((e) => e.bizStep)).toEqual([
      'sensor_reporting',
      'sensor_reporting',
      'commissioning',
      'packing',
      'retail_selling',
      'shipping',
    ]);
    expect(JSON.stringify(events[1])).not.toContain('VolumeFraction');
    expect(JSON.stringify(events[1])).toContain('"value":80');
  });
});
