import { type Db, correctHarvest, currentVersion, effectiveHarvest, shownCorrections } from '@seedline/db';
import type { SessionUser } from '../auth/session.server.ts';
import { notFound } from '../http.server.ts';
import type { HarvestCorrectionForm } from './harvest-correction-form.ts';
import { farmsOf } from './scope.server.ts';

// Correcting a harvest from the phone (decision 016): a harvest of the user's farms (an admin's:
// any), 404 for anyone else's. The rules (the interval checked at the corrected time, one
// correction per version and per phone-made id) are `correctHarvest`'s.

type FarmUser = Pick<SessionUser, 'id' | 'role' | 'farmId'>;

const facts = (h: { harvestedAt: Date; weightGrams: number }) => ({
  harvestedAt: h.harvestedAt,
  weightGrams: h.weightGrams,
});

/** The harvest as it counts now, the version a correction must name, and its corrections so far. */
export async function correctableHarvest(db: Db, user: Omit<FarmUser, 'id'>, harvestId: string) {
  const harvest = await db.harvest.findFirst({
    where: { id: harvestId, planting: { zone: { greenhouse: { farm: farmsOf(user) } } } },
    include: {
      corrections: { include: { recordedBy: { select: { name: true } } } },
      planting: {
        select: {
          id: true,
          product: { select: { nameVi: true, nameEn: true } },
          zone: { select: { name: true, greenhouse: { select: { name: true } } } },
        },
      },
    },
  });
  if (!harvest) notFound('No such harvest');
  const { corrections, ...recorded } = harvest;
  return {
    ...effectiveHarvest(recorded, corrections),
    version: currentVersion(corrections),
    corrections: shownCorrections(facts(recorded), corrections, facts),
  };
}

/** Records the correction of one of the user's harvests; refusals come back as domain errors. */
export async function recordHarvestCorrection(db: Db, user: FarmUser, harvestId: string, form: HarvestCorrectionForm) {
  const harvest = await correctableHarvest(db, user, harvestId);
  await correctHarvest(db, harvest.id, {
    corrects: form.corrects,
    reason: form.reason,
    recordedById: user.id,
    clientId: form.clientId,
    harvestedAt: form.harvestedAt,
    weightGrams: Math.round(form.weightKg * 1000),
  });
  return harvest.planting.id;
}
