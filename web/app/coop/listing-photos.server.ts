import { randomBytes } from 'node:crypto';
import { type Db, inTransaction } from '@seedline/db';
import { notFound } from '../http.server.ts';
import type { UploadedFile } from '../forms/uploads.server.ts';
import { type PhotoRefusal, type PreparedVariant, prepareListingPhoto } from '../shop/photo-upload.server.ts';
import { variantKey, variantKeys } from '../shop/photos.server.ts';
import { photoContentTypes } from '../shop/photos.ts';
import { type ObjectStore, objectStore } from '../storage/objects.server.ts';

// A listing's photos: the first (position 0) is its cover in the catalogue. Each upload's sized
// files are written where the shop serves them from (photos.server.ts reads them from the store)
// before its row: a failed write leaves no row; a refused photo leaves nothing at all.

/** Enough for a gallery; more would only slow the page. */
export const maxPhotosPerListing = 12;

export type UploadOutcome =
  | { ok: true; added: number }
  | { ok: false; refusal: PhotoRefusal | { reason: 'tooMany'; max: number }; file?: string };

async function store(variants: readonly PreparedVariant[], id: string, photos: ObjectStore) {
  await Promise.all(
    variants.map((v) => photos.put(variantKey(id, v.width, v.format), v.bytes, photoContentTypes[v.format])),
  );
}

/**
 * Adds photos at the end of a listing's gallery. All or nothing: every file is checked and made
 * before any row is written, so one bad file among several refuses them all.
 */
export async function addListingPhotos(
  db: Db,
  listingId: string,
  files: readonly UploadedFile[],
  photos: ObjectStore = objectStore(),
): Promise<UploadOutcome> {
  const found = await db.listing.findUnique({
    where: { id: listingId },
    select: { titleVi: true, titleEn: true, _count: { select: { photos: true } } },
  });
  if (!found) notFound('No such listing');
  if (found._count.photos + files.length > maxPhotosPerListing) {
    return { ok: false, refusal: { reason: 'tooMany', max: maxPhotosPerListing } };
  }
  const prepared = [];
  // One at a time: twelve encodes of one photo already fill the machine's cores.
  for (const file of files) {
    const photo = await prepareListingPhoto(file);
    if (!photo.ok) return { ...photo, file: file.filename };
    prepared.push(photo);
  }
  const ids = prepared.map(() => randomBytes(12).toString('hex'));
  await Promise.all(prepared.map((p, i) => store(p.variants, ids[i]!, photos)));
  await inTransaction(db, async (tx) => {
    const last = await tx.listingPhoto.aggregate({ where: { listingId }, _max: { position: true } });
    const start = (last._max.position ?? -1) + 1;
    await tx.listingPhoto.createMany({
      // No original is kept (it holds the stripped metadata): the key names the upload, not a file.
      data: ids.map((id, i) => ({
        id,
        listingId,
        key: `uploads/${id}`,
        altVi: found.titleVi,
        altEn: found.titleEn,
        width: 1280,
        height: 960,
        position: start + i,
      })),
    });
  });
  return { ok: true, added: ids.length };
}

/** The listing's photo ids in gallery order, after `change` moved one of them. */
async function reorder(db: Db, listingId: string, photoId: string, change: (ids: string[], at: number) => string[]) {
  await inTransaction(db, async (tx) => {
    const rows = await tx.listingPhoto.findMany({
      where: { listingId },
      orderBy: { position: 'asc' },
      select: { id: true },
    });
    const ids = rows.map((r) => r.id);
    const at = ids.indexOf(photoId);
    if (at < 0) notFound('No such photo');
    const ordered = change(ids, at);
    for (const [position, id] of ordered.entries()) await tx.listingPhoto.update({ where: { id }, data: { position } });
  });
}

export function movePhoto(db: Db, listingId: string, photoId: string, direction: 'up' | 'down') {
  return reorder(db, listingId, photoId, (ids, at) => {
    const to = direction === 'up' ? at - 1 : at + 1;
    if (to < 0 || to >= ids.length) return ids;
    const moved = [...ids];
    [moved[at], moved[to]] = [moved[to]!, moved[at]!];
    return moved;
  });
}

/** The cover is the first photo: the chosen one moves to the front, the others keep their order. */
export function makeCover(db: Db, listingId: string, photoId: string) {
  return reorder(db, listingId, photoId, (ids) => [photoId, ...ids.filter((id) => id !== photoId)]);
}

export async function deletePhoto(db: Db, listingId: string, photoId: string, photos: ObjectStore = objectStore()) {
  await reorder(db, listingId, photoId, (ids) => ids.filter((id) => id !== photoId));
  await db.listingPhoto.delete({ where: { id: photoId } });
  // A photo id stands for one image (decision 007): its files go with its row.
  await photos.delete(variantKeys(photoId));
}
