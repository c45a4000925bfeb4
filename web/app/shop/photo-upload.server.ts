import sharp, { type Metadata } from 'sharp';
import type { UploadedFile } from '../forms/uploads.server.ts';
import { encode } from './photos.server.ts';
import { type PhotoFormat, type PhotoWidth, photoFormats, photoHeight, photoWidths } from './photos.ts';

// A listing photo from staff's upload to the served files, through sharp once: refused when it is
// not an image, too large a file or too many pixels; turned upright (EXIF orientation), cut to the
// shop's 4:3 frame, and written at every fixed width in AVIF, WebP and JPEG. No metadata is
// written out (sharp keeps none unless asked: no camera, no GPS, no time), and the original is
// not kept: it holds what was stripped.

/** A phone's photo is 2–10 MB; 25 MB leaves room for a 50-megapixel one. */
export const maxListingPhotoBytes = 25 * 1024 * 1024;
/** 64 megapixels: above any phone's photo; a decompression bomb (a small file) is far more. */
export const maxListingPhotoPixels = 64_000_000;

/** The formats a phone or a camera sends; SVG (a document, not a photo) and the rest are refused. */
const acceptedFormats = new Set(['jpeg', 'png', 'webp', 'heif', 'avif', 'tiff']);

export type PhotoRefusal =
  { reason: 'tooLarge'; maxMb: number } | { reason: 'tooManyPixels'; maxMegapixels: number } | { reason: 'notImage' };

export type PreparedVariant = { width: PhotoWidth; format: PhotoFormat; bytes: Buffer };
export type PhotoCheck = { ok: true; variants: PreparedVariant[] } | { ok: false; refusal: PhotoRefusal };

const notImage: PhotoCheck = { ok: false, refusal: { reason: 'notImage' } };

async function headerOf(bytes: Buffer): Promise<Metadata | null> {
  try {
    return await sharp(bytes).metadata();
  } catch (error) {
    // libvips could not read it: a PDF, a text, a broken file. Staff are told beside the field.
    if (error instanceof Error) return null;
    throw error;
  }
}

/** Checks an upload before any decoding: its size, that it is a photo, its pixel count. */
async function check(file: UploadedFile): Promise<PhotoCheck | Buffer> {
  if (!file.bytes || file.size > maxListingPhotoBytes) {
    return { ok: false, refusal: { reason: 'tooLarge', maxMb: maxListingPhotoBytes / (1024 * 1024) } };
  }
  const meta = await headerOf(file.bytes);
  if (!meta?.format || !acceptedFormats.has(meta.format) || !meta.width || !meta.height) return notImage;
  if (meta.width * meta.height > maxListingPhotoPixels) {
    return { ok: false, refusal: { reason: 'tooManyPixels', maxMegapixels: maxListingPhotoPixels / 1_000_000 } };
  }
  return file.bytes;
}

/**
 * The upload's variants. The photo is decoded once, turned upright and cut to the largest frame;
 * every size and format is made from that, so a 12-megapixel photo is not decoded twelve times.
 */
export async function prepareListingPhoto(file: UploadedFile): Promise<PhotoCheck> {
  const checked = await check(file);
  if (!Buffer.isBuffer(checked)) return checked;
  const largest = Math.max(...photoWidths);
  try {
    // limitInputPixels again here: the decoder itself refuses a bomb whose header understated it.
    const frame = await sharp(checked, { limitInputPixels: maxListingPhotoPixels, failOn: 'error' })
      .rotate()
      .resize(largest, photoHeight(largest), { fit: 'cover', position: 'attention' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { width: frame.info.width, height: frame.info.height, channels: frame.info.channels };
    const variants = await Promise.all(
      photoWidths.flatMap((width) =>
        photoFormats.map(async (format) => {
          const sized = sharp(frame.data, { raw }).resize(width, photoHeight(width));
          return { width, format, bytes: await encode(sized, format).toBuffer() };
        }),
      ),
    );
    return { ok: true, variants };
  } catch (error) {
    // A header that reads but a body that does not decode (a truncated upload) is no photo either.
    if (error instanceof Error) return notImage;
    throw error;
  }
}
