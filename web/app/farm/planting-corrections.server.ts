import {
  type Db,
  correctPlanting,
  currentVersion,
  dateOnly,
  effectivePlanting,
  effectiveSeedLot,
  shownCorrections,
} from '@seedline/db';
import type { SessionUser } from '../auth/session.server.ts';
import { notFound } from '../http.server.ts';
import type { PlantingRefusal } from './plantings.server.ts';
import type { PlantingCorrectionForm } from './season-correction-forms.ts';
import { farmsOf } from './scope.server.ts';

// Correcting a planting from the phone (decision 016): its seed lot (one of the farm's, of the same
// crop), day, quantity and area, checked as when it was recorded; not its zone or method.

type FarmUser = Pick<SessionUser, 'id' | 'role' | 'farmId'>;

type Facts = {
  seedLot: { lotNumber: string };
  plantedOn?: Date | null;
  sownOn?: Date | null;
  transplantedOn?: Date | null;
  quantity: number | null;
  areaM2: number | null;
};
const facts = (p: Facts) => ({
  lotNumber: p.seedLot.lotNumber,
  plantedOn: p.plantedOn ?? p.transplantedOn ?? p.sownOn ?? null,
  quantity: p.quantity,
  areaM2: p.areaM2,
});

/** The planting as it counts now, the lots it may come from, the version to name, its corrections. */
export async function correctablePlanting(db: Db, user: Omit<FarmUser, 'id'>, plantingId: string) {
  const planting = await db.planting.findFirst({
    where: { id: plantingId, zone: { greenhouse: { farm: farmsOf(user) } } },
    include: {
      seedLot: { select: { lotNumber: true } },
      product: { select: { nameVi: true, nameEn: true } },
      zone: { select: { name: true, areaM2: true, greenhouse: { select: { name: true, farmId: true } } } },
      corrections: { include: { recordedBy: { select: { name: true } }, seedLot: { select: { lotNumber: true } } } },
    },
  });
  if (!planting) notFound('No such planting');
  const { corrections, ...recorded } = planting;
  const lots = await db.seedLot.findMany({
    where: { farmId: recorded.zone.greenhouse.farmId, productId: recorded.productId },
    orderBy: [{ receivedOn: 'desc' }, { createdAt: 'desc' }],
    include: { corrections: true },
  });
  return {
    ...effectivePlanting(recorded, corrections),
    version: currentVersion(corrections),
    corrections: shownCorrections(facts(recorded), corrections, facts),
    seedLots: lots.map(({ corrections: c, ...lot }) => effectiveSeedLot(lot, c)),
  };
}

/** Records the correction of one of the user's plantings, or says which field is wrong. */
export async function recordPlantingCorrection(
  db: Db,
  user: FarmUser,
  plantingId: string,
  form: PlantingCorrectionForm,
): Promise<{ ok: true; farmId: string } | ({ ok: false } & PlantingRefusal)> {
  const planting = await correctablePlanting(db, user, plantingId);
  const lot = planting.seedLots.find((l) => l.id === form.seedLotId);
  if (!lot) return { ok: false, field: 'seedLotId', error: { key: 'planting.errors.seedLot' } };
  const received = lot.receivedOn.toISOString().slice(0, 10);
  if (form.plantedOn < received) {
    return {
      ok: false,
      field: 'plantedOn',
      error: { key: 'planting.errors.beforeLot', params: { day: { day: received } } },
    };
  }
  if (form.areaM2 > planting.zone.areaM2) {
    const params = { zone: planting.zone.name, max: planting.zone.areaM2 };
    return { ok: false, field: 'areaM2', error: { key: 'planting.errors.overZone', params } };
  }
  await correctPlanting(db, planting.id, {
    corrects: form.corrects,
    reason: form.reason,
    recordedById: user.id,
    clientId: form.clientId,
    seedLotId: lot.id,
    plantedOn: dateOnly(form.plantedOn),
    quantity: form.quantity,
    areaM2: form.areaM2,
  });
  return { ok: true, farmId: planting.zone.greenhouse.farmId };
}
