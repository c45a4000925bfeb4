import { type Db, calendarDay, digitalLinkPath, traceBackward } from '@seedline/db';

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
export async function batchStory(db: Db, lotCode: string, publicUrl: string) {
  const trace = await traceBackward(db, lotCode);
  if (!trace) return null;
  const { packLot, product, listing, harvest, seedLot, zone, greenhouse, farm, logs, inputs } = trace;
  const phiByLog = new Map(inputs.map((i) => [i.log.id, i.daysBeforeHarvest]));
  return {
    lotCode: packLot.lotCode,
    product: { nameVi: product.nameVi, nameEn: product.nameEn, unit: product.unit, gtin: product.gtin },
    listing: listing && listing.published ? { priceVnd: listing.priceVnd, stock: listing.stock } : null,
    pack: {
      unitCount: packLot.unitCount,
      unitWeightGrams: packLot.unitWeightGrams,
      packedOn: packLot.packedOn,
      bestBefore: packLot.bestBefore,
    },
    harvest: { harvestedAt: harvest.harvestedAt, weightGrams: harvest.weightGrams },
    seedLot: {
      supplier: seedLot.supplier,
      variety: seedLot.variety,
      lotNumber: seedLot.lotNumber,
      certificateNumber: seedLot.certificateNumber,
      receivedOn: seedLot.receivedOn,
    },
    place: { greenhouse: greenhouse.name, zone: zone.name },
    farm: {
      name: farm.name,
      commune: farm.commune,
      province: farm.province,
      certifications: farm.certifications.map((c) => ({
        scheme: c.scheme,
        number: c.number,
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
        daysBeforeHarvest: phiByLog.get(log.id) ?? null,
        recordedBy: log.recordedBy.name,
        isCorrection: log.correctsId !== null,
        correctedById: log.correctedById,
      })),
    digitalLink: new URL(digitalLinkPath(product.gtin, packLot.lotCode), publicUrl).toString(),
  };
}

export type BatchStory = NonNullable<Awaited<ReturnType<typeof batchStory>>>;
