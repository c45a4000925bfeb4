import {
  type Db,
  dateOnly,
  effectiveSeedLot,
  inTransaction,
  seedLotFacts,
  shownCorrections,
  traceabilityRefusal,
} from '@seedline/db';
import type { SessionUser } from '../auth/session.server.ts';
import { notFound } from '../http.server.ts';
import type { Message } from '../i18n/i18n.ts';
import { type PreparedPhoto, discardPhoto, storePhoto } from './photos.server.ts';
import type { SeedLotForm } from './seed-lot-form.ts';
import { farmsOf } from './scope.server.ts';

// Seed lots a farm received, recorded by the farmer from the phone: the first line of a batch's
// story. A seed lot is a farm record (append-only in the database); its photo is a RecordPhoto.

type FarmUser = Pick<SessionUser, 'id' | 'role' | 'farmId'>;

/** One of the user's farms, by id; 404 for anyone else's. */
export async function userFarm(db: Db, user: Pick<SessionUser, 'role' | 'farmId'>, farmId: string) {
  const farm = await db.farm.findFirst({
    where: { AND: [{ id: farmId }, farmsOf(user)] },
    select: { id: true, name: true },
  });
  if (!farm) notFound('No such farm');
  return farm;
}

/** The seed lot page: the farm, the products a lot may be of, and the farm's latest lots. */
export async function seedLotPage(db: Db, user: FarmUser, farmId: string) {
  const farm = await userFarm(db, user, farmId);
  const [products, rows] = await Promise.all([
    db.product.findMany({ orderBy: { nameVi: 'asc' }, select: { id: true, nameVi: true, nameEn: true } }),
    db.seedLot.findMany({
      where: { farmId: farm.id },
      orderBy: [{ receivedOn: 'desc' }, { createdAt: 'desc' }],
      take: 10,
      select: {
        id: true,
        supplier: true,
        variety: true,
        lotNumber: true,
        quantity: true,
        quantityUnit: true,
        receivedOn: true,
        certificateNumber: true,
        photoId: true,
        product: { select: { nameVi: true, nameEn: true } },
        corrections: { include: { recordedBy: { select: { name: true } } } },
      },
    }),
  ]);
  // Each lot as it counts (its newest correction), with its corrections beside it.
  const seedLots = rows.map(({ corrections, ...lot }) => ({
    ...effectiveSeedLot(lot, corrections),
    corrections: shownCorrections(seedLotFacts(lot), corrections, seedLotFacts),
  }));
  return { farm, products, seedLots };
}

/** Why a seed lot was not recorded, beside the field it is about. */
export type SeedLotRefusal = { field: 'productId' | 'lotNumber'; error: Message };

/**
 * Records a seed lot of one of the user's farms with its photo (stored first, removed again if
 * the row is not written). A product that does not exist, or a lot of the same supplier and
 * number the farm recorded already, is refused beside its field.
 */
export async function recordSeedLot(
  db: Db,
  user: FarmUser,
  farmId: string,
  form: SeedLotForm,
  photo: PreparedPhoto | null,
): Promise<{ ok: true; id: string } | ({ ok: false } & SeedLotRefusal)> {
  const farm = await userFarm(db, user, farmId);
  const before = await resent(db, user, form.clientId);
  if (before) return { ok: true, id: before };
  const product = await db.product.findUnique({ where: { id: form.productId }, select: { id: true } });
  if (!product) return { ok: false, field: 'productId', error: { key: 'seedLot.errors.product' } };
  const taken = { farmId: farm.id, supplier: form.supplier, lotNumber: form.lotNumber };
  const lotTaken = { ok: false as const, field: 'lotNumber' as const, error: { key: 'seedLot.errors.taken' as const } };
  if (await db.seedLot.findFirst({ where: taken, select: { id: true } })) return lotTaken;

  const stored = photo ? await storePhoto(photo) : null;
  try {
    const seedLot = await inTransaction(db, async (tx) => {
      const row = stored
        ? await tx.recordPhoto.create({
            data: { ...stored, farmId: farm.id, subject: 'SEED_LOT', recordedById: user.id },
            select: { id: true },
          })
        : null;
      return tx.seedLot.create({
        data: {
          farmId: farm.id,
          productId: product.id,
          supplier: form.supplier,
          variety: form.variety,
          lotNumber: form.lotNumber,
          quantity: form.quantity,
          quantityUnit: form.quantityUnit,
          receivedOn: dateOnly(form.receivedOn),
          certificateNumber: form.certificateNumber,
          photoId: row?.id ?? null,
          recordedById: user.id,
          clientId: form.clientId,
        },
        select: { id: true },
      });
    });
    return { ok: true, id: seedLot.id };
  } catch (error) {
    if (stored) await discardPhoto(stored.id);
    // Two sends of the same form at once: the other send stored it (the clientId is unique).
    const other = await resent(db, user, form.clientId);
    if (other) return { ok: true, id: other };
    // Two sends of the same lot at once: the unique index refused the second.
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2002') return lotTaken;
    throw error;
  }
}

/**
 * The seed lot a form with this clientId recorded already (a resend: the same answer, nothing
 * written); the id used by someone else is a clash, refused rather than answered with their lot.
 */
async function resent(db: Db, user: FarmUser, clientId: string | null) {
  if (!clientId) return null;
  const lot = await db.seedLot.findUnique({ where: { clientId }, select: { id: true, recordedById: true } });
  if (!lot) return null;
  if (lot.recordedById !== user.id) throw traceabilityRefusal('RECORD_ID_TAKEN');
  return lot.id;
}
