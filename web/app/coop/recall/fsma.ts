import { calendarDay } from '@seedline/db';
import { type RecallChain, shippedOrders } from './chain.ts';

// The FSMA 204 "sortable spreadsheet" the FDA asks for within 24 hours of a request: one row per
// critical tracking event (harvesting, initial packing, shipping) with its key data elements. The
// column names are the FDA template's, in English as the FDA reads them.

export const fsmaColumns = [
  'Critical tracking event',
  'Traceability lot code',
  'Traceability lot code source',
  'Product description',
  'Quantity',
  'Unit of measure',
  'Location description',
  'Date',
  'Reference document type',
  'Reference document number',
] as const;

export type FsmaRow = Record<(typeof fsmaColumns)[number], string>;

const unitNames = { PIECE: 'each', PACK: 'pack', KG: 'kg', BUNCH: 'bunch' } as const;

export function fsmaRows(chain: RecallChain): FsmaRow[] {
  const product = `${chain.product.nameEn} (${chain.product.nameVi}), GTIN ${chain.gtin}, seed ${chain.seedLot.variety}`;
  const packer = `${chain.farm.name}, ${chain.farm.address}`;
  const grownAt = `${packer}; ${chain.greenhouse.name}, ${chain.zone.name}`;
  const row = (r: Omit<FsmaRow, 'Traceability lot code' | 'Traceability lot code source' | 'Product description'>) => ({
    'Traceability lot code': chain.lotCode,
    // The lot code is assigned where the harvest is packed into lots (the initial packer).
    'Traceability lot code source': packer,
    'Product description': product,
    ...r,
  });
  const unit = unitNames[chain.product.unit];
  return [
    row({
      'Critical tracking event': 'Harvesting',
      Quantity: String(chain.harvest.weightGrams / 1000),
      'Unit of measure': 'kg',
      'Location description': grownAt,
      Date: calendarDay(chain.harvest.harvestedAt),
      'Reference document type': 'Harvest record',
      'Reference document number': chain.harvest.id,
    }),
    row({
      'Critical tracking event': 'Initial packing',
      Quantity: String(chain.packLot.unitCount),
      'Unit of measure': chain.packLot.unitWeightGrams ? `${unit} of ${chain.packLot.unitWeightGrams} g` : unit,
      'Location description': packer,
      Date: chain.packLot.packedOn.toISOString().slice(0, 10),
      'Reference document type': 'Pack lot label',
      'Reference document number': chain.lotCode,
    }),
    ...shippedOrders(chain).map((order) =>
      row({
        'Critical tracking event': 'Shipping',
        Quantity: String(order.quantity),
        'Unit of measure': unit,
        'Location description': order.shipTo
          ? [order.shipTo.name, order.shipTo.address].filter(Boolean).join(', ')
          : // An order from before pickup points were recorded was collected where it was packed.
            `${order.fulfilment === 'PICKUP' ? 'Collected by the buyer at' : 'Sent to the buyer from'} ${packer}`,
        Date: calendarDay(order.orderedAt),
        'Reference document type': 'Order',
        'Reference document number': order.reference,
      }),
    ),
  ];
}

/** RFC 4180 CSV with a BOM, so a spreadsheet opens Vietnamese text as UTF-8. */
export function fsmaCsv(rows: FsmaRow[]): string {
  // A buyer's address that starts like a formula must not run as one in a spreadsheet.
  const safe = (value: string) => (/^[=+@\t\r]/.test(value) ? `'${value}` : value);
  const cell = (raw: string) => {
    const value = safe(raw);
    return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  };
  const lines = [fsmaColumns.map(cell).join(','), ...rows.map((r) => fsmaColumns.map((c) => cell(r[c])).join(','))];
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
