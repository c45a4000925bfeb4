import { type Db, calendarDay, daysBetween, digitalLinkPath, traceBackward } from '@seedline/db';
import type { Locale } from '../i18n/i18n.ts';
import { plantingIrrigation } from './irrigation-record.server.ts';
import { packQrSvg } from './pack-qr.server.ts';
import { photoUrl } from './photos.ts';
import { jsonLdScriptText, productJsonLd } from './product-json-ld.ts';
import { packLotWaterFootprint } from './water-footprint.server.ts';
import { footprintText } from './water-footprint-text.ts';

/** Published batches with units left, newest harvest first: the shop's list. */
export async function listBatches(db: Db) {
  const listings = await db.listing.findMany({
    where: { published: true, stock: { gt: 0 } },
    orderBy: [{ packLot: { harvest: { harvestedAt: 'desc' } } }, { id: 'asc' }],
    select: {
      priceVnd: true,
      stock: true,
      packLot: {
        select: {
          lotCode: true,
          unitWeightGrams: true,
          product: { select: { nameVi: true, nameEn: true, unit: true, gtin: true } },
          harvest: {
            select: {
              harvestedAt: true,
              planting: {
                select: {
                  zone: {
                    select: {
                      greenhouse: { select: { farm: { select: { name: true, commune: true, province: true } } } },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  });
  return listings.map(({ packLot, priceVnd, stock }) => ({
    lotCode: packLot.lotCode,
    product: packLot.product,
    unitWeightGrams: packLot.unitWeightGrams,
    priceVnd,
    stock,
    harvestedOn: calendarDay(packLot.harvest.harvestedAt),
    farm: packLot.harvest.planting.zone.greenhouse.farm,
  }));
}

/** A batch's whole recorded story for its public page; null when there is no such lot. */
export async function batchStory(db: Db, lotCode: string, publicUrl: string, locale: Locale) {
  const trace = await traceBackward(db, lotCode);
  if (!trace) return null;
  const { packLot, product, listing, harvest, planting, seedLot, zone, greenhouse, farm, logs } = trace;
  const digitalLink = new URL(digitalLinkPath(product.gtin, packLot.lotCode), publicUrl).toString();
  const onSale =
    listing && listing.published ? { id: listing.id, priceVnd: listing.priceVnd, stock: listing.stock } : null;
  const [irrigation, waterFootprint, qrSvg] = await Promise.all([
    plantingIrrigation(db, { planting, zone, harvestedAt: harvest.harvestedAt }),
    packLotWaterFootprint(db, packLot.id),
    packQrSvg(digitalLink),
  ]);
  const pageUrl = new URL(`/batches/${encodeURIComponent(packLot.lotCode)}`, publicUrl).toString();
  const jsonLd = productJsonLd({
    name: locale === 'vi' ? product.nameVi : product.nameEn,
    description: locale === 'vi' ? product.descriptionVi : product.descriptionEn,
    gtin: product.gtin,
    lotCode: packLot.lotCode,
    url: pageUrl,
    images: (listing?.photos ?? []).map((photo) => new URL(photoUrl(photo.id, 1280, 'jpeg'), publicUrl).toString()),
    offer: onSale && { priceVnd: onSale.priceVnd, inStock: onSale.stock > 0 },
    seller: { name: 'Seedline', url: new URL('/', publicUrl).toString() },
  });
  return {
    lotCode: packLot.lotCode,
    product: { nameVi: product.nameVi, nameEn: product.nameEn, unit: product.unit, gtin: product.gtin },
    listing: onSale,
    pack: {
      unitCount: packLot.unitCount,
      unitWeightGrams: packLot.unitWeightGrams,
      packedOn: packLot.packedOn,
      bestBefore: packLot.bestBefore,
    },
    harvest: {
      harvestedAt: harvest.harvestedAt,
      weightGrams: harvest.weightGrams,
      note: logs.find((log) => log.id === harvest.logId)?.note ?? null,
    },
    seedLot: {
      supplier: seedLot.supplier,
      variety: seedLot.variety,
      lotNumber: seedLot.lotNumber,
      certificateNumber: seedLot.certificateNumber,
      receivedOn: seedLot.receivedOn,
    },
    /** Corrections of the seed lot, planting and harvest: the values above are as they count now. */
    corrections: trace.corrections,
    // Seeds when sown, plants when transplanted, also for plantings recorded before units were kept.
    plantingUnit: planting.quantityUnit ?? (planting.transplantedOn ? 'plants' : 'seeds'),
    place: { greenhouse: greenhouse.name, zone: zone.name },
    farm: {
      name: farm.name,
      commune: farm.commune,
      province: farm.province,
      certifications: farm.certifications.map((c) => ({
        scheme: c.scheme,
        number: c.number,
        issuedBy: c.issuedBy,
        validUntil: c.validUntil,
      })),
    },
    logs: logs
      .filter((log) => log.kind !== 'HARVEST')
      .map((log) => ({
        id: log.id,
        kind: log.kind,
        occurredAt: log.occurredAt,
        note: log.note,
        inputType: log.inputType,
        inputProduct: log.inputProduct,
        activeIngredient: log.activeIngredient,
        dose: log.dose,
        phiDays: log.phiDays,
        // Corrected entries too: the page shows what each entry said.
        daysBeforeHarvest: log.kind === 'INPUT_APPLICATION' ? daysBetween(log.occurredAt, harvest.harvestedAt) : null,
        recordedBy: log.recordedBy.name,
        isCorrection: log.correctsId !== null,
        reason: log.reason,
        correctedById: log.correctedById,
      })),
    irrigation,
    waterFootprint: footprintText(waterFootprint, locale),
    digitalLink,
    qrSvg,
    jsonLd: jsonLdScriptText(jsonLd),
  };
}

export type BatchStory = NonNullable<Awaited<ReturnType<typeof batchStory>>>;
