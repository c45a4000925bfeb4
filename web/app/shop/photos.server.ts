import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '@seedline/db';
import sharp, { type Sharp } from 'sharp';
import { env } from '../env.server.ts';
import { demoPhotoSvg, isDemoPhotoKey } from './demo-photo.ts';
import { type PhotoFormat, type PhotoVariant, photoContentTypes, photoHeight } from './photos.ts';

/** Where photos live under the data folder: originals by their key, sized variants by photo id. */
export type PhotoStore = { originals: string; variants: string };

export function photoStore(dataDir: string): PhotoStore {
  return { originals: path.join(dataDir, 'photos', 'originals'), variants: path.join(dataDir, 'photos', 'variants') };
}

/** The store of the running app: `npm start` always sets the data folder; a server started without one (tests) keeps photos in tmp. */
export function shopPhotoStore(): PhotoStore {
  return photoStore(env().SEEDLINE_DATA_DIR ?? path.join(os.tmpdir(), 'seedline-data'));
}

export type ServedPhoto = { bytes: Buffer; contentType: string; cached: boolean };

/** Writes through a temporary file, so a reader never sees half a file. */
export async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
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

/**
 * The encoder settings of each served format (uploads and demo photos alike). Low efforts: at
 * 1280 px AVIF took ~1 s at effort 2 and ~0.1–0.25 s at 0, for files about as small; WebP ~0.15 s
 * at its default effort, 0.06 s at 2; JPEG (the fallback few browsers still need) ~0.1 s with
 * mozjpeg, 0.015 s without (docs/benchmarks.md, bench:photos).
 */
export function encode(image: Sharp, format: PhotoFormat): Sharp {
  if (format === 'avif') return image.avif({ quality: 50, effort: 0 });
  return format === 'webp' ? image.webp({ quality: 80, effort: 2 }) : image.jpeg({ quality: 80 });
}

function render(source: Buffer, { width, format }: PhotoVariant): Promise<Buffer> {
  const image = sharp(source).rotate().resize(width, photoHeight(width), { fit: 'cover', position: 'attention' });
  // sharp drops EXIF (camera, GPS) unless asked to keep it: a farm's location stays private.
  return encode(image, format).toBuffer();
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
