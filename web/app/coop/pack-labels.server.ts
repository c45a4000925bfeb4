import { type Db, calendarDay, packDigitalLinkUri } from '@seedline/db';
import { notFound } from '../http.server.ts';

// What a pack lot's labels say: the same on every pack of the lot.

export type PackLabel = {
  lotCode: string;
  gtin: string;
  productName: string;
  farmName: string;
  unitWeightGrams: number | null;
  packedOn: string;
  bestBefore: string;
  /** The GS1 Digital Link the QR code carries, with the packaging date (AI 13). */
  link: string;
  count: number;
};

export async function packLabel(db: Db, lotCode: string, publicUrl: string): Promise<PackLabel> {
  const lot = await db.packLot.findUnique({
    where: { lotCode },
    select: {
      lotCode: true,
      unitCount: true,
      unitWeightGrams: true,
      packedOn: true,
      bestBefore: true,
      product: { select: { gtin: true, nameVi: true } },
      harvest: { select: { planting: { select: { zone: { select: { greenhouse: { select: { farm: true } } } } } } } },
    },
  });
  if (!lot) notFound('No such pack lot');
  const packedOn = calendarDay(lot.packedOn);
  return {
    lotCode: lot.lotCode,
    gtin: lot.product.gtin,
    // The packs are sold in Vietnam: the label is in Vietnamese.
    productName: lot.product.nameVi,
    farmName: lot.harvest.planting.zone.greenhouse.farm.name,
    unitWeightGrams: lot.unitWeightGrams,
    packedOn,
    bestBefore: calendarDay(lot.bestBefore),
    link: packDigitalLinkUri(publicUrl, lot.product.gtin, lot.lotCode, packedOn),
    count: lot.unitCount,
  };
}
