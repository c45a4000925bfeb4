import type { Db } from '@seedline/db';
import sharp, { type Sharp } from 'sharp';
import { type ObjectStore, keyUnder } from '../storage/objects.server.ts';
import { demoPhotoSvg, isDemoPhotoKey } from './demo-photo.ts';
import {
  type PhotoFormat,
  type PhotoVariant,
  photoContentTypes,
  photoFormats,
  photoHeight,
  photoWidths,
} from './photos.ts';

// Listing photos in the app's object store (storage/objects.server.ts): originals under
// photos/originals/{key}, sized variants under photos/variants/{id}/{width}.{format}. A variant
// one web process made is there for every other (decision 037).

/** Where a variant is kept: one key per photo, width and format, as the URL names it. */
export function variantKey(id: string, width: number, format: PhotoFormat): string {
  return `photos/variants/${id}/${width}.${format}`;
}

/** Every variant a photo can have, for removing it with its row. */
export function variantKeys(id: string): string[] {
  return photoWidths.flatMap((width) => photoFormats.map((format) => variantKey(id, width, format)));
}

export type ServedPhoto = { bytes: Buffer; contentType: string; cached: boolean };

/** The original's bytes, drawing a demo original on first use; null when there is none. */
async function original(store: ObjectStore, key: string, category: Parameters<typeof demoPhotoSvg>[0]) {
  // A key is data from the database: it must not point outside the originals.
  const stored = keyUnder('photos/originals', key);
  if (!stored) return null;
  const bytes = await store.get(stored);
  if (bytes || !isDemoPhotoKey(key)) return bytes;
  const drawn = await sharp(Buffer.from(demoPhotoSvg(category)))
    .jpeg({ quality: 90 })
    .toBuffer();
  await store.put(stored, drawn, 'image/jpeg');
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
 * A listing photo at one of the fixed sizes: from the store when any process made it before,
 * otherwise resized from its original and stored. Null when there is no such photo or original.
 */
export async function photoVariant(db: Db, store: ObjectStore, variant: PhotoVariant): Promise<ServedPhoto | null> {
  const photo = await db.listingPhoto.findUnique({
    where: { id: variant.id },
    select: { key: true, listing: { select: { packLot: { select: { product: { select: { category: true } } } } } } },
  });
  if (!photo) return null;
  const contentType = photoContentTypes[variant.format];
  const key = variantKey(variant.id, variant.width, variant.format);
  const cached = await store.get(key);
  if (cached) return { bytes: cached, contentType, cached: true };

  const resize = `${store.name} ${key}`;
  let job = rendering.get(resize);
  if (!job) {
    job = (async () => {
      const source = await original(store, photo.key, photo.listing.packLot.product.category);
      if (!source) return null;
      const bytes = await render(source, variant);
      await store.put(key, bytes, contentType);
      return bytes;
    })().finally(() => rendering.delete(resize));
    rendering.set(resize, job);
  }
  const bytes = await job;
  return bytes && { bytes, contentType, cached: false };
}
