import { z } from 'zod';
import { type PhotoVariant, photoFormats, photoWidths } from './photos.ts';

// The parser of a photo URL, for the photo route only: the pages that show photos import
// photos.ts, and zod there would add ~90 KB of script to the catalogue and the cart.

const variantSchema = z.object({
  id: z.string().regex(/^[a-z0-9]{10,40}$/),
  width: z.coerce.number().pipe(z.literal(photoWidths)),
  format: z.enum(photoFormats),
});

/** The variant a photo URL names (`/photos/:id/:width.:format`), or null for any other. */
export function parseVariant(id: string | undefined, file: string | undefined): PhotoVariant | null {
  // No leading zero: one file has one URL, so caches do not keep it twice.
  const match = /^([1-9]\d{0,4})\.([a-z]{3,5})$/.exec(file ?? '');
  const parsed = variantSchema.safeParse({ id, width: match?.[1], format: match?.[2] });
  return parsed.success ? parsed.data : null;
}
