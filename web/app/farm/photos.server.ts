import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '@seedline/db';
import sharp, { type Metadata } from 'sharp';
import type { SessionUser } from '../auth/session.server.ts';
import { env } from '../env.server.ts';
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
import { farmsOf } from './scope.server.ts';

// A farm record's photo, from the farmer's upload to the files served: refused when it is not an
// image, too large a file or too many pixels; turned upright (EXIF orientation), stripped of its
// metadata (sharp keeps none unless asked: no camera, no GPS, no time), stored at the fixed widths
// in WebP and JPEG under the data folder. The original is not kept: it holds what was stripped.

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

/** Where record photos live: `record-photos/{id}/{width}.{format}` under the data folder. */
export function recordPhotoDir(): string {
  // `npm start` always sets the data folder; a server started without one (tests) keeps photos in tmp.
  const dataDir = env().SEEDLINE_DATA_DIR ?? path.join(os.tmpdir(), 'seedline-data');
  return path.join(dataDir, 'record-photos');
}

/** Writes a photo's variants under a new id (before its row: a failed write leaves no row). */
export async function storePhoto(photo: PreparedPhoto, dir = recordPhotoDir()) {
  const id = randomBytes(12).toString('hex');
  const folder = path.join(dir, id);
  await fs.mkdir(folder, { recursive: true });
  await Promise.all(photo.variants.map((v) => fs.writeFile(path.join(folder, `${v.width}.${v.format}`), v.bytes)));
  return { id, widths: [...recordPhotoWidths], width: photo.width, height: photo.height };
}

/** Removes a stored photo whose record was not written after all (no row points at it). */
export async function discardPhoto(id: string, dir = recordPhotoDir()) {
  await fs.rm(path.join(dir, id), { recursive: true, force: true });
}

/** A variant of a photo of one of the user's farms; null for anyone else's or a missing one. */
export async function recordPhotoFile(
  db: Db,
  user: Pick<SessionUser, 'role' | 'farmId'>,
  variant: RecordPhotoVariant,
  dir = recordPhotoDir(),
) {
  const photo = await db.recordPhoto.findFirst({
    where: { id: variant.id, farm: farmsOf(user) },
    select: { id: true, widths: true },
  });
  if (!photo || !photo.widths.includes(variant.width)) return null;
  try {
    const bytes = await fs.readFile(path.join(dir, photo.id, `${variant.width}.${variant.format}`));
    return { bytes, contentType: recordPhotoContentTypes[variant.format] };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
