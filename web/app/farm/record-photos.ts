import { z } from 'zod';

// Photos of farm records (a seed packet, an invoice, a pest) are served at a few fixed widths,
// in WebP and JPEG: a URL cannot ask the server to resize to any width. Unlike a listing photo,
// a record photo keeps its own shape (a packet is tall, an invoice is a page).

export const recordPhotoWidths = [320, 1280] as const;
export type RecordPhotoWidth = (typeof recordPhotoWidths)[number];

export const recordPhotoFormats = ['webp', 'jpeg'] as const;
export type RecordPhotoFormat = (typeof recordPhotoFormats)[number];

export const recordPhotoContentTypes: Record<RecordPhotoFormat, string> = { webp: 'image/webp', jpeg: 'image/jpeg' };

/** A file the farmer may send: a phone photo is 2–8 MB; a scan of an invoice rarely more. */
export const maxRecordPhotoBytes = 15 * 1024 * 1024;
/** 40 megapixels: more than any phone camera's photo; a decompression bomb is far more. */
export const maxRecordPhotoPixels = 40_000_000;

export type RecordPhotoVariant = { id: string; width: RecordPhotoWidth; format: RecordPhotoFormat };

const variantSchema = z.object({
  id: z.string().regex(/^[a-z0-9]{10,40}$/),
  width: z.coerce
    .number()
    .int()
    .refine((w): w is RecordPhotoWidth => (recordPhotoWidths as readonly number[]).includes(w)),
  format: z.enum(recordPhotoFormats),
});

/** The variant a record photo URL names (`/farm/photos/:id/:width.:format`), or null for any other. */
export function parseRecordPhotoVariant(id: string | undefined, file: string | undefined): RecordPhotoVariant | null {
  const match = /^(\d{1,5})\.([a-z]{3,5})$/.exec(file ?? '');
  const parsed = variantSchema.safeParse({ id, width: match?.[1], format: match?.[2] });
  return parsed.success ? (parsed.data as RecordPhotoVariant) : null;
}

export function recordPhotoUrl(id: string, width: RecordPhotoWidth, format: RecordPhotoFormat): string {
  return `/farm/photos/${encodeURIComponent(id)}/${width}.${format}`;
}

/** A `srcset` of every stored width of a record photo in one format. */
export function recordPhotoSrcSet(id: string, format: RecordPhotoFormat): string {
  return recordPhotoWidths.map((w) => `${recordPhotoUrl(id, w, format)} ${w}w`).join(', ');
}
