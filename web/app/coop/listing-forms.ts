import { z } from 'zod';
import type { MessageKey } from '../i18n/i18n.ts';

// A listing as the co-op's staff type it (coop/listings, coop/listings/:id). No server code here:
// the pages read the field names from these schemas too.
const m = (key: MessageKey) => ({ error: key });

export const saleUnits = ['PIECE', 'PACK', 'KG', 'BUNCH'] as const;
export const categories = ['FRUIT', 'FRUIT_VEGETABLE', 'LEAFY_GREEN', 'HERB'] as const;

const title = z.string(m('errors.required')).trim().min(1, m('errors.required')).max(120, m('errors.tooLong'));
const description = z.string().trim().max(2000, m('errors.tooLong')).default('');

/** Whole đồng as typed on a phone: "45000", "45.000" or "45 000"; a minus sign is no price. */
const priceVnd = z
  .string(m('listings.errors.price'))
  .trim()
  .regex(/^\d{1,3}([ .]?\d{3})*$/, m('listings.errors.price'))
  .transform((v) => Number(v.replace(/[ .]/g, '')))
  .refine((v) => v >= 1 && v <= 100_000_000, m('listings.errors.price'));

/** A price as the form shows it again: "45.000", the way it is typed. */
export function priceText(vnd: number): string {
  return String(vnd).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

const stock = z
  .string(m('listings.errors.stock'))
  .trim()
  .regex(/^\d{1,6}$/, m('listings.errors.stock'))
  .transform(Number);

export const listingFields = {
  titleVi: title,
  titleEn: title,
  descriptionVi: description,
  descriptionEn: description,
  unit: z.enum(saleUnits, m('listings.errors.unit')),
  category: z.enum(categories, m('listings.errors.category')),
  priceVnd,
  stock,
};

/** A new listing of a pack lot that has none. */
export const newListingSchema = z.object({
  packLotId: z.string(m('listings.errors.packLot')).min(1, m('listings.errors.packLot')).max(40),
  ...listingFields,
});
export type NewListingForm = z.output<typeof newListingSchema>;
export type ListingForm = Omit<NewListingForm, 'packLotId'>;

const photoId = z.string().min(1).max(40);

/** The page of one listing: its fields, publishing, and its photos (the upload is multipart). */
export const listingPageSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('save'), ...listingFields }),
  z.object({ intent: z.literal('publish') }),
  z.object({ intent: z.literal('unpublish') }),
  // The files themselves go to the handler (readFormWithFiles); `photos` names their field's errors.
  z.object({ intent: z.literal('upload'), photos: z.string().optional() }),
  z.object({ intent: z.literal('move'), photoId, direction: z.enum(['up', 'down']) }),
  z.object({ intent: z.literal('cover'), photoId }),
  z.object({ intent: z.literal('delete'), photoId }),
]);
export type ListingPageForm = z.output<typeof listingPageSchema>;
