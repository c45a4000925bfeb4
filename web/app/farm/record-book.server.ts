import type { Db } from '@seedline/db';
import type { SessionUser } from '../auth/session.server.ts';
import { notFound } from '../http.server.ts';
import { plantingIrrigation } from '../shop/irrigation-record.server.ts';
import { type RecordBook, recordBook } from './record-book.ts';
import { correctedRecords } from './record-book-corrections.server.ts';
import { farmsOf } from './scope.server.ts';

// The rows of a planting's record book: the user's own farm's planting (an admin's any), 404 for
// anyone else's, as the harvest page.

type FarmUser = Pick<SessionUser, 'role' | 'farmId'>;

const DAY_MS = 86_400_000;

export async function plantingRecordBook(db: Db, user: FarmUser, plantingId: string, now: Date): Promise<RecordBook> {
  const found = await db.planting.findFirst({
    where: { id: plantingId, zone: { greenhouse: { farm: farmsOf(user) } } },
    select: {
      id: true,
      status: true,
      seedLotId: true,
      sownOn: true,
      transplantedOn: true,
      expectedHarvestOn: true,
      endedOn: true,
      quantity: true,
      quantityUnit: true,
      areaM2: true,
      product: { select: { nameVi: true } },
      seedLot: {
        select: {
          supplier: true,
          variety: true,
          lotNumber: true,
          receivedOn: true,
          quantity: true,
          quantityUnit: true,
          certificateNumber: true,
        },
      },
      zone: {
        select: {
          id: true,
          name: true,
          key: true,
          areaM2: true,
          desiredSettings: true,
          greenhouse: {
            select: {
              name: true,
              areaM2: true,
              farm: {
                select: {
                  name: true,
                  commune: true,
                  province: true,
                  address: true,
                  certifications: {
                    orderBy: { validUntil: 'desc' },
                    select: { scheme: true, number: true, issuedBy: true, validFrom: true, validUntil: true },
                  },
                },
              },
            },
          },
        },
      },
      logs: {
        orderBy: [{ occurredAt: 'asc' }, { recordedAt: 'asc' }],
        select: {
          id: true,
          kind: true,
          occurredAt: true,
          recordedAt: true,
          recordedBy: { select: { name: true } },
          note: true,
          inputType: true,
          inputProduct: true,
          activeIngredient: true,
          dose: true,
          doseAmount: true,
          doseUnit: true,
          areaM2: true,
          appliedBy: true,
          registerProduct: { select: { registrationNumber: true } },
          phiDays: true,
          observation: true,
          correctsId: true,
          reason: true,
        },
      },
    },
  });
  if (!found) notFound('No such planting');
  // The seed lot, the planting and its harvests as they count; their corrections in a section.
  const { planting, seedLot, harvests, recordCorrections } = await correctedRecords(db, found);
  const { zone, logs, product } = found;
  const { farm, ...greenhouse } = zone.greenhouse;
  // The zone's record while the planting grows there: until the day it ended, or until now.
  const endOfEndDay = planting.endedOn && new Date(planting.endedOn.getTime() + DAY_MS - 7 * 3_600_000);
  const until = endOfEndDay && endOfEndDay < now ? endOfEndDay : now;
  const irrigation = await plantingIrrigation(db, { planting, zone, harvestedAt: until });
  return recordBook({
    printedAt: now,
    farm,
    greenhouse,
    zone: { name: zone.name, key: zone.key, areaM2: zone.areaM2 },
    product,
    planting: {
      id: planting.id,
      status: planting.status,
      sownOn: planting.sownOn,
      transplantedOn: planting.transplantedOn,
      expectedHarvestOn: planting.expectedHarvestOn,
      endedOn: planting.endedOn,
      quantity: planting.quantity,
      quantityUnit: planting.quantityUnit,
      areaM2: planting.areaM2,
    },
    seedLot,
    logs: logs.map(({ recordedBy, registerProduct, ...log }) => ({
      ...log,
      recordedBy: recordedBy.name,
      registrationNumber: registerProduct?.registrationNumber ?? null,
    })),
    harvests,
    irrigation,
    recordCorrections,
  });
}
