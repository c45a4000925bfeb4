import {
  type Db,
  correctSeedLot,
  currentVersion,
  dateOnly,
  effectiveSeedLot,
  seedLotFacts,
  shownCorrections,
} from '@seedline/db';
import type { SessionUser } from '../auth/session.server.ts';
import { notFound } from '../http.server.ts';
import type { SeedLotCorrectionForm } from './season-correction-forms.ts';
import { farmsOf } from './scope.server.ts';

// Correcting a seed lot from the phone (decision 016): a lot of the user's farms (an admin's: any),
// 404 for anyone else's. The lot's row stays as recorded; the correction is a row beside it.

type FarmUser = Pick<SessionUser, 'id' | 'role' | 'farmId'>;

/** The lot as it counts now, the version a correction must name, and its corrections so far. */
export async function correctableSeedLot(db: Db, user: Omit<FarmUser, 'id'>, seedLotId: string) {
  const lot = await db.seedLot.findFirst({
    where: { id: seedLotId, farm: farmsOf(user) },
    include: {
      product: { select: { nameVi: true, nameEn: true } },
      corrections: { include: { recordedBy: { select: { name: true } } } },
    },
  });
  if (!lot) notFound('No such seed lot');
  const { corrections, ...recorded } = lot;
  return {
    ...effectiveSeedLot(recorded, corrections),
    version: currentVersion(corrections),
    corrections: shownCorrections(seedLotFacts(recorded), corrections, seedLotFacts),
  };
}

/** Records the correction of one of the user's seed lots; returns the lot's farm. */
export async function recordSeedLotCorrection(db: Db, user: FarmUser, seedLotId: string, form: SeedLotCorrectionForm) {
  const lot = await correctableSeedLot(db, user, seedLotId);
  await correctSeedLot(db, lot.id, {
    corrects: form.corrects,
    reason: form.reason,
    recordedById: user.id,
    clientId: form.clientId,
    supplier: form.supplier,
    variety: form.variety,
    lotNumber: form.lotNumber,
    receivedOn: dateOnly(form.receivedOn),
    quantity: form.quantity,
    quantityUnit: form.quantityUnit,
    certificateNumber: form.certificateNumber,
  });
  return lot.farmId;
}
