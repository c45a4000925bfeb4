import { type Db, type PlantingStatus, recordHarvest, runningIntervals } from '@seedline/db';
import type { SessionUser } from '../auth/session.server.ts';
import { refusal } from '../errors/refusals.ts';
import { notFound } from '../http.server.ts';
import type { HarvestForm } from './harvest-form.ts';
import { farmsOf } from './scope.server.ts';

// Harvests recorded by the farmer from the phone. The rules (pre-harvest intervals, the log entry
// beside the weight) are the traceability rules' (`recordHarvest`); here, whose planting it is.

type FarmUser = Pick<SessionUser, 'id' | 'role' | 'farmId'>;

const harvestable: readonly PlantingStatus[] = ['GROWING', 'HARVESTING'];

function ofUser(user: FarmUser, plantingId: string) {
  return { id: plantingId, zone: { greenhouse: { farm: farmsOf(user) } } };
}

/** A planting of the user's farms as the harvest page shows it; 404 for anyone else's. */
export async function harvestPage(db: Db, user: FarmUser, plantingId: string, now: Date) {
  const planting = await db.planting.findFirst({
    where: ofUser(user, plantingId),
    select: {
      id: true,
      status: true,
      sownOn: true,
      product: { select: { nameVi: true, nameEn: true } },
      zone: { select: { name: true, greenhouse: { select: { name: true } } } },
      harvests: { orderBy: { harvestedAt: 'desc' }, select: { id: true, harvestedAt: true, weightGrams: true } },
    },
  });
  if (!planting) notFound('No such planting');
  const intervals = await runningIntervals(db, planting.id, now);
  return {
    ...planting,
    open: harvestable.includes(planting.status),
    intervals: intervals.map((block) => ({
      product: block.activeIngredient ? `${block.inputProduct} (${block.activeIngredient})` : block.inputProduct,
      phiDays: block.phiDays,
      clearsOn: block.clearsOn,
    })),
  };
}

/** Records a harvest of the user's planting; refused while an input's interval runs (PHI_NOT_PASSED). */
export async function recordFarmHarvest(db: Db, user: FarmUser, plantingId: string, form: HarvestForm) {
  const planting = await db.planting.findFirst({ where: ofUser(user, plantingId), select: { status: true } });
  if (!planting) notFound('No such planting');
  if (!harvestable.includes(planting.status)) throw refusal('PLANTING_NOT_GROWING');
  return recordHarvest(db, {
    plantingId,
    harvestedAt: form.harvestedAt,
    weightGrams: Math.round(form.weightKg * 1000),
    recordedById: user.id,
    note: form.note,
    clientId: form.clientId,
  });
}
