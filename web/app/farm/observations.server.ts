import { type Db, correctFarmLog, inTransaction, recordFarmLog } from '@seedline/db';
import type { SessionUser } from '../auth/session.server.ts';
import type { ObservationForm } from './observation-form.ts';
import { type PreparedPhoto, discardPhoto, storePhoto } from './photos.server.ts';
import { correctable, recordPlanting } from './records.server.ts';

// An observation of a planting (a pest, a disease, a note) with an optional photo of it. The
// photo's files are written first and its row in the record's transaction; a record that is not
// written (refused, or stored already by a resend) leaves no photo behind.

type FarmUser = Pick<SessionUser, 'id' | 'role' | 'farmId'>;

/**
 * Records an observation of the user's planting, or a correction of one. A correction without a
 * photo of its own keeps its original's: the photo still shows what was seen.
 */
export async function recordObservation(
  db: Db,
  user: FarmUser,
  plantingId: string,
  form: ObservationForm,
  photo: PreparedPhoto | null,
) {
  await recordPlanting(db, user, plantingId);
  const original = form.corrects ? await correctable(db, plantingId, form.corrects, 'OBSERVATION') : null;
  const record = {
    kind: 'OBSERVATION' as const,
    occurredAt: form.observedAt,
    recordedById: user.id,
    observation: form.observation,
    note: form.text,
    clientId: form.clientId,
    photoId: original?.photoId ?? null,
  };
  const write = (into: Db, photoId: string | null) =>
    original
      ? correctFarmLog(into, original.id, { ...record, photoId, reason: form.reason ?? '' })
      : recordFarmLog(into, { ...record, photoId, plantingId });
  if (!photo || (await sentBefore(db, form.clientId))) return write(db, record.photoId);

  const stored = await storePhoto(photo);
  try {
    return await inTransaction(db, async (tx) => {
      const farmId = await farmOf(tx, plantingId);
      const data = { ...stored, farmId, subject: 'OBSERVATION' as const, recordedById: user.id };
      const row = await tx.recordPhoto.create({ data, select: { id: true } });
      return write(tx, row.id);
    });
  } catch (error) {
    await discardPhoto(stored.id);
    // The same record sent twice at once: the other send stored it (with its photo).
    if (await sentBefore(db, form.clientId)) return write(db, record.photoId);
    throw error;
  }
}

async function sentBefore(db: Db, clientId: string | null): Promise<boolean> {
  if (!clientId) return false;
  return (await db.farmLog.count({ where: { clientId } })) > 0;
}

async function farmOf(db: Db, plantingId: string): Promise<string> {
  const planting = await db.planting.findUniqueOrThrow({
    where: { id: plantingId },
    select: { zone: { select: { greenhouse: { select: { farmId: true } } } } },
  });
  return planting.zone.greenhouse.farmId;
}
