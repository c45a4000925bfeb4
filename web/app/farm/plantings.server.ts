import {
  type Db,
  dateOnly,
  effectivePlanting,
  effectiveSeedLot,
  inTransaction,
  recordFarmLog,
  shownCorrections,
  startOfDay,
  traceabilityRefusal,
} from '@seedline/db';
import type { SessionUser } from '../auth/session.server.ts';
import type { Message } from '../i18n/i18n.ts';
import type { PlantingForm } from './planting-form.ts';
import { quantityUnitOf } from './planting-methods.ts';
import { userFarm } from './seed-lots.server.ts';

// Plantings the farmer records from the phone: seeds sown or seedlings transplanted into a zone
// of their farm, from a seed lot of their farm. The planting starts growing, and its first farm
// log (SOWING or TRANSPLANTING) opens its story on the batch page.

type FarmUser = Pick<SessionUser, 'id' | 'role' | 'farmId'>;

/** The planting page: the farm, its zones and seed lots to choose from, its latest plantings. */
export async function plantingPage(db: Db, user: FarmUser, farmId: string) {
  const farm = await userFarm(db, user, farmId);
  const [zones, lots, rows] = await Promise.all([
    db.zone.findMany({
      where: { greenhouse: { farmId: farm.id } },
      orderBy: [{ greenhouse: { name: 'asc' } }, { key: 'asc' }],
      select: { id: true, name: true, areaM2: true, greenhouse: { select: { name: true } } },
    }),
    db.seedLot.findMany({
      where: { farmId: farm.id },
      orderBy: [{ receivedOn: 'desc' }, { createdAt: 'desc' }],
      include: { product: { select: { nameVi: true, nameEn: true } }, corrections: true },
    }),
    db.planting.findMany({
      where: { zone: { greenhouse: { farmId: farm.id } } },
      orderBy: { createdAt: 'desc' },
      take: 10,
      select: {
        id: true,
        status: true,
        seedLotId: true,
        seedLot: { select: { lotNumber: true } },
        corrections: { include: { recordedBy: { select: { name: true } }, seedLot: { select: { lotNumber: true } } } },
        sownOn: true,
        transplantedOn: true,
        quantity: true,
        quantityUnit: true,
        areaM2: true,
        product: { select: { nameVi: true, nameEn: true } },
        zone: { select: { name: true, greenhouse: { select: { name: true } } } },
      },
    }),
  ]);
  // Lots and plantings as they count (their newest corrections); a planting's corrections beside it.
  const seedLots = lots.map(({ corrections, ...lot }) => effectiveSeedLot(lot, corrections));
  const plantings = rows.map(({ corrections, ...planting }) => ({
    ...effectivePlanting(planting, corrections),
    corrections: shownCorrections(plantingFacts(planting), corrections, plantingFacts),
  }));
  return { farm, zones, seedLots, plantings };
}

type PlantingFactsOf = {
  seedLot: { lotNumber: string };
  plantedOn?: Date;
  sownOn?: Date | null;
  transplantedOn?: Date | null;
  quantity: number | null;
  areaM2: number | null;
};

/** What a planting correction may change, from the planting or a correction of it. */
function plantingFacts(p: PlantingFactsOf) {
  const plantedOn = p.plantedOn ?? p.transplantedOn ?? p.sownOn ?? null;
  return { lotNumber: p.seedLot.lotNumber, plantedOn, quantity: p.quantity, areaM2: p.areaM2 };
}

/** Why a planting was not recorded, beside the field it is about. */
export type PlantingRefusal = { field: 'zoneId' | 'seedLotId' | 'plantedOn' | 'areaM2'; error: Message };

/**
 * Records a planting on one of the user's farms (404 for anyone else's farm). A zone or seed lot
 * that is not the farm's is refused beside its field, as is a day before the lot arrived or an area
 * larger than the zone: nothing is written then.
 */
export async function recordPlanting(
  db: Db,
  user: FarmUser,
  farmId: string,
  form: PlantingForm,
): Promise<{ ok: true; id: string } | ({ ok: false } & PlantingRefusal)> {
  const farm = await userFarm(db, user, farmId);
  const before = await resent(db, user, form.clientId);
  if (before) return { ok: true, id: before };
  const zone = await db.zone.findFirst({
    where: { id: form.zoneId, greenhouse: { farmId: farm.id } },
    select: { id: true, name: true, areaM2: true },
  });
  if (!zone) return { ok: false, field: 'zoneId', error: { key: 'planting.errors.zone' } };
  const seedLot = await db.seedLot.findFirst({
    where: { id: form.seedLotId, farmId: farm.id },
    select: { id: true, productId: true, receivedOn: true },
  });
  if (!seedLot) return { ok: false, field: 'seedLotId', error: { key: 'planting.errors.seedLot' } };
  const received = seedLot.receivedOn.toISOString().slice(0, 10);
  if (form.plantedOn < received) {
    return {
      ok: false,
      field: 'plantedOn',
      error: { key: 'planting.errors.beforeLot', params: { day: { day: received } } },
    };
  }
  if (form.areaM2 > zone.areaM2) {
    return {
      ok: false,
      field: 'areaM2',
      error: { key: 'planting.errors.overZone', params: { zone: zone.name, max: zone.areaM2 } },
    };
  }
  const day = dateOnly(form.plantedOn);
  const sown = form.method === 'SOWING';
  const write = inTransaction(db, async (tx) => {
    const row = await tx.planting.create({
      data: {
        zoneId: zone.id,
        seedLotId: seedLot.id,
        productId: seedLot.productId,
        sownOn: sown ? day : null,
        transplantedOn: sown ? null : day,
        status: 'GROWING',
        quantity: form.quantity,
        quantityUnit: quantityUnitOf[form.method],
        areaM2: form.areaM2,
      },
      select: { id: true },
    });
    await recordFarmLog(tx, {
      plantingId: row.id,
      kind: form.method,
      // A day, not a time: the log stands at the start of that day in Vietnam.
      occurredAt: startOfDay(form.plantedOn),
      recordedById: user.id,
      note: form.note,
      areaM2: form.areaM2,
      clientId: form.clientId,
    });
    return row;
  });
  try {
    return { ok: true, id: (await write).id };
  } catch (error) {
    // The same form sent twice at once: the other send stored it (the log's clientId is unique).
    const stored = await resent(db, user, form.clientId);
    if (stored) return { ok: true, id: stored };
    throw error;
  }
}

/**
 * The planting a form with this clientId recorded already (a resend: the same answer, nothing
 * written); the id used by someone else or for another kind of record is a clash, refused.
 */
async function resent(db: Db, user: FarmUser, clientId: string | null) {
  if (!clientId) return null;
  const log = await db.farmLog.findUnique({
    where: { clientId },
    select: { plantingId: true, recordedById: true, kind: true },
  });
  if (!log) return null;
  if (log.recordedById !== user.id || (log.kind !== 'SOWING' && log.kind !== 'TRANSPLANTING')) {
    throw traceabilityRefusal('RECORD_ID_TAKEN');
  }
  return log.plantingId;
}
