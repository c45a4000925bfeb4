import { randomBytes } from 'node:crypto';
import type { Db } from '@seedline/db';
import sharp, { type Metadata } from 'sharp';
import type { SessionUser } from '../auth/session.server.ts';
import type { UploadedFile } from '../forms/uploads.server.ts';
import type { Message } from '../i18n/i18n.ts';
import {
  type RecordPhotoFormat,
  type RecordPhotoVariant,
  type RecordPhotoWidth,
  maxRecordPhotoBytes,
  maxRecordPhotoPixels,
  recordPhotoContentTypes,
  recordPhotoFormats,
  recordPhotoWidths,
} from './record-photos.ts';
import { type ObjectStore, objectStore } from '../storage/objects.server.ts';
import { farmsOf } from './scope.server.ts';

// A farm record's photo, from the farmer's upload to the files served: refused when it is not an
// image, too large a file or too many pixels; turned upright (EXIF orientation), stripped of its
// metadata (sharp keeps none unless asked: no camera, no GPS, no time), stored at the fixed widths
// in WebP and JPEG in the app's object store (the data folder, or S3: decision 037). The original is not kept: it holds what was stripped.

/** The formats a phone or a scanner sends; SVG (a document, not a photo) and the rest are refused. */
const acceptedFormats = new Set(['jpeg', 'png', 'webp', 'heif', 'avif', 'tiff', 'gif']);

/** A photo ready to store: the upright size and every variant's bytes. */
export type PreparedPhoto = {
  width: number;
  height: number;
  variants: ReadonlyArray<{ width: RecordPhotoWidth; format: RecordPhotoFormat; bytes: Buffer }>;
};

export type PhotoCheck = { ok: true; photo: PreparedPhoto } | { ok: false; error: Message };

const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));

/**
 * Checks an uploaded photo and makes its variants. A refusal is a message for the photo's field:
 * too large a file, too many pixels (a decompression bomb is a small file), or not an image.
 */
export async function preparePhoto(file: UploadedFile): Promise<PhotoCheck> {
  if (!file.bytes || file.size > maxRecordPhotoBytes) {
    return { ok: false, error: { key: 'photo.errors.tooLarge', params: { maxMb: mb(maxRecordPhotoBytes) } } };
  }
  const notImage: PhotoCheck = { ok: false, error: { key: 'photo.errors.notImage' } };
  let meta: Metadata;
  try {
    meta = await sharp(file.bytes).metadata();
  } catch (error) {
    // libvips could not read it: a PDF, a text, a broken file. The farmer is told; nothing else to do.
    if (error instanceof Error) return notImage;
    throw error;
  }
  if (!meta.format || !acceptedFormats.has(meta.format) || !meta.width || !meta.height) return notImage;
  if (meta.width * meta.height > maxRecordPhotoPixels) {
    return {
      ok: false,
      error: { key: 'photo.errors.tooManyPixels', params: { maxMegapixels: maxRecordPhotoPixels / 1_000_000 } },
    };
  }
  // Orientations 5–8 turn the photo a quarter: its upright width is the stored height.
  const turned = (meta.orientation ?? 1) >= 5;
  const upright = turned ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height };
  try {
    const variants = await Promise.all(
      recordPhotoWidths.flatMap((width) => recordPhotoFormats.map((format) => render(file.bytes!, width, format))),
    );
    return { ok: true, photo: { ...upright, variants } };
  } catch (error) {
    // A header that reads but a body that does not decode (a truncated upload) is no image either.
    if (error instanceof Error) return notImage;
    throw error;
  }
}

async function render(source: Buffer, width: RecordPhotoWidth, format: RecordPhotoFormat) {
  // limitInputPixels again here: the decoder itself refuses a bomb the header understated.
  const image = sharp(source, { limitInputPixels: maxRecordPhotoPixels, failOn: 'error' })
    .rotate()
    .resize({ width, withoutEnlargement: true });
  // No withMetadata(): EXIF (camera, GPS, time), XMP and IPTC are not written out.
  const bytes = await (
    format === 'webp' ? image.webp({ quality: 80 }) : image.jpeg({ quality: 80, mozjpeg: true })
  ).toBuffer();
  return { width, format, bytes };
}

/** Where a record photo's variant is kept: `record-photos/{id}/{width}.{format}`. */
const recordPhotoKey = (id: string, width: number, format: RecordPhotoFormat) =>
  `record-photos/${id}/${width}.${format}`;

/** Writes a photo's variants under a new id (before its row: a failed write leaves no row). */
export async function storePhoto(photo: PreparedPhoto, store: ObjectStore = objectStore()) {
  const id = randomBytes(12).toString('hex');
  await Promise.all(
    photo.variants.map((v) =>
      store.put(recordPhotoKey(id, v.width, v.format), v.bytes, recordPhotoContentTypes[v.format]),
    ),
  );
  return { id, widths: [...recordPhotoWidths], width: photo.width, height: photo.height };
}

/** Removes a stored photo whose record was not written after all (no row points at it). */
export async function discardPhoto(id: string, store: ObjectStore = objectStore()) {
  await store.delete(
    recordPhotoWidths.flatMap((width) => recordPhotoFormats.map((format) => recordPhotoKey(id, width, format))),
  );
}

/** A variant of a photo of one of the user's farms; null for anyone else's or a missing one. */
export async function recordPhotoFile(
  db: Db,
  user: Pick<SessionUser, 'role' | 'farmId'>,
  variant: RecordPhotoVariant,
  store: ObjectStore = objectStore(),
) {
  const photo = await db.recordPhoto.findFirst({
    where: { id: variant.id, farm: farmsOf(user) },
    select: { id: true, widths: true },
  });
  if (!photo || !photo.widths.includes(variant.width)) return null;
  const bytes = await store.get(recordPhotoKey(photo.id, variant.width, variant.format));
  return bytes && { bytes, contentType: recordPhotoContentTypes[variant.format] };
}
