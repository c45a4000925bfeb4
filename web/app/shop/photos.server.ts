import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '@seedline/db';
import sharp from 'sharp';
import { demoPhotoSvg, isDemoPhotoKey } from './demo-photo.ts';
import { type PhotoVariant, photoContentTypes, photoHeight } from './photos.ts';

/** Where photos live under the data folder: originals by their key, sized variants by photo id. */
export type PhotoStore = { originals: string; variants: string };

export function photoStore(dataDir: string): PhotoStore {
  return { originals: path.join(dataDir, 'photos', 'originals'), variants: path.join(dataDir, 'photos', 'variants') };
}

export type ServedPhoto = { bytes: Buffer; contentType: string; cached: boolean };

/** Writes through a temporary file, so a reader never sees half a file. */
async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(temporary, bytes);
  await fs.rename(temporary, file);
}

async function readIfPresent(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The original's bytes, drawing a demo original on first use; null when there is none. */
async function original(store: PhotoStore, key: string, category: Parameters<typeof demoPhotoSvg>[0]) {
  const file = path.resolve(store.originals, key);
  // A key is data from the database: it must not point outside the originals folder.
  if (!file.startsWith(store.originals + path.sep)) return null;
  const bytes = await readIfPresent(file);
  if (bytes || !isDemoPhotoKey(key)) return bytes;
  const drawn = await sharp(Buffer.from(demoPhotoSvg(category)))
    .jpeg({ quality: 90 })
    .toBuffer();
  await writeAtomically(file, drawn);
  return drawn;
}

function render(source: Buffer, { width, format }: PhotoVariant): Promise<Buffer> {
  const image = sharp(source).rotate().resize(width, photoHeight(width), { fit: 'cover', position: 'attention' });
  // sharp drops EXIF (camera, GPS) unless asked to keep it: a farm's location stays private.
  return (format === 'webp' ? image.webp({ quality: 80 }) : image.jpeg({ quality: 80, mozjpeg: true })).toBuffer();
}

// Two requests for the same new variant share one resize instead of racing.
const rendering = new Map<string, Promise<Buffer | null>>();

/**
 * A listing photo at one of the fixed sizes: from the on-disk cache when it was made before,
 * otherwise resized from its original and cached. Null when there is no such photo or original.
 */
export async function photoVariant(db: Db, store: PhotoStore, variant: PhotoVariant): Promise<ServedPhoto | null> {
  const photo = await db.listingPhoto.findUnique({
    where: { id: variant.id },
    select: { key: true, listing: { select: { packLot: { select: { product: { select: { category: true } } } } } } },
  });
  if (!photo) return null;
  const contentType = photoContentTypes[variant.format];
  const file = path.join(store.variants, variant.id, `${variant.width}.${variant.format}`);
  const cached = await readIfPresent(file);
  if (cached) return { bytes: cached, contentType, cached: true };

  let job = rendering.get(file);
  if (!job) {
    job = (async () => {
      const source = await original(store, photo.key, photo.listing.packLot.product.category);
      if (!source) return null;
      const bytes = await render(source, variant);
      await writeAtomically(file, bytes);
      return bytes;
    })().finally(() => rendering.delete(file));
    rendering.set(file, job);
  }
  const bytes = await job;
  return bytes && { bytes, contentType, cached: false };
}
