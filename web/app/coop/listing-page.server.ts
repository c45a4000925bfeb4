import { redirect } from '@remix-run/node';
import { type ActionFunctionArgs } from '@remix-run/node';
import { db } from '../db.server.ts';
import { type FormActionArgs, formAction, invalid } from '../forms/form-action.server.ts';
import { type UploadedFile, readFormWithFiles } from '../forms/uploads.server.ts';
import type { Message } from '../i18n/i18n.ts';
import { maxListingPhotoBytes } from '../shop/photo-upload.server.ts';
import { type ListingPageForm, listingPageSchema } from './listing-forms.ts';
import {
  type UploadOutcome,
  addListingPhotos,
  deletePhoto,
  makeCover,
  maxPhotosPerListing,
  movePhoto,
} from './listing-photos.server.ts';
import { editListing, setPublished } from './listings.server.ts';

// The action of one listing's page (routes/coop/listing.tsx): its text, publishing, its photos.

function refusalMessage(outcome: Extract<UploadOutcome, { ok: false }>): Message {
  const { refusal, file = '' } = outcome;
  switch (refusal.reason) {
    case 'tooLarge':
      return { key: 'listings.errors.photoTooLarge', params: { file, maxMb: refusal.maxMb } };
    case 'tooManyPixels':
      return { key: 'listings.errors.photoTooManyPixels', params: { file, maxMegapixels: refusal.maxMegapixels } };
    case 'notImage':
      return { key: 'listings.errors.photoNotImage', params: { file } };
    case 'tooMany':
      return { key: 'listings.errors.photoTooMany', params: { max: refusal.max } };
  }
}

async function upload(id: string, files: readonly UploadedFile[], args: FormActionArgs) {
  if (files.length === 0) return invalid(args, { fieldErrors: { photos: { key: 'listings.errors.photoMissing' } } });
  const outcome = await addListingPhotos(db(), id, files);
  if (!outcome.ok) return invalid(args, { fieldErrors: { photos: refusalMessage(outcome) } });
  return null;
}

async function change(id: string, form: Exclude<ListingPageForm, { intent: 'upload' }>) {
  if (form.intent === 'save') {
    const { intent: _intent, ...fields } = form;
    await editListing(db(), id, fields);
  } else if (form.intent === 'publish' || form.intent === 'unpublish') {
    await setPublished(db(), id, form.intent === 'publish');
  } else if (form.intent === 'move') await movePhoto(db(), id, form.photoId, form.direction);
  else if (form.intent === 'cover') await makeCover(db(), id, form.photoId);
  else await deletePhoto(db(), id, form.photoId);
}

export async function listingPageAction(args: ActionFunctionArgs) {
  const id = args.params.listingId ?? '';
  const { formData, fileLists } = await readFormWithFiles(args.request, {
    fileFields: ['photos'],
    maxBytes: maxListingPhotoBytes,
    maxFiles: maxPhotosPerListing,
  });
  const files = fileLists.get('photos') ?? [];
  return formAction(
    listingPageSchema,
    async (form, formArgs) => {
      if (form.intent === 'upload') {
        const refused = await upload(id, files, formArgs);
        if (refused) return refused;
      } else await change(id, form);
      return redirect(`/coop/listings/${id}?done=${form.intent}`);
    },
    { formData, fields: { STOCK_OVER_PACKED: 'stock' } },
  )(args);
}
