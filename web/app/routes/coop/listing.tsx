import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { listingPageSchema, priceText } from '../../coop/listing-forms.ts';
import { listingPageAction } from '../../coop/listing-page.server.ts';
import { listing } from '../../coop/listings.server.ts';
import { db } from '../../db.server.ts';
import { intentForm, useFormResult } from '../../forms/form-result.ts';
import { type MessageKey, pageTitle, useI18n } from '../../i18n/i18n.ts';
import { localeOf } from '../../i18n/locale.server.ts';
import { packLotWaterFootprint } from '../../shop/water-footprint.server.ts';
import { footprintText } from '../../shop/water-footprint-text.ts';
import { Field } from '../../ui/field.tsx';
import { FormError } from '../../ui/form-error.tsx';
import { ListingFields } from '../../ui/listing-fields.tsx';
import { ListingPhotos } from '../../ui/listing-photo-list.tsx';
import { WaterFootprintPanel } from '../../ui/water-footprint.tsx';

export const meta = pageTitle('title.listing');

export async function loader({ params, request }: LoaderFunctionArgs) {
  const found = await listing(db(), params.listingId ?? '');
  // Staff see the figure the batch page shows buyers, before they publish.
  const footprint = await packLotWaterFootprint(db(), found.packLot.id);
  return { listing: found, waterFootprint: footprintText(footprint, await localeOf(request)) };
}

export const action = (args: ActionFunctionArgs) => listingPageAction(args);

/** What the page says after each action (`?done=`); any other value says nothing. */
const doneMessages = {
  created: 'listings.done.created',
  save: 'listings.done.save',
  publish: 'listings.done.publish',
  unpublish: 'listings.done.unpublish',
  upload: 'listings.done.upload',
  move: 'listings.done.move',
  cover: 'listings.done.cover',
  delete: 'listings.done.delete',
} as const satisfies Record<string, MessageKey>;

function doneMessage(done: string | null): MessageKey | null {
  const found = Object.entries(doneMessages).find(([name]) => name === done);
  return found ? found[1] : null;
}

export default function Listing() {
  const { listing, waterFootprint } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const form = useFormResult<typeof listingPageSchema>();
  const { t, f, locale } = useI18n();
  const done = doneMessage(searchParams.get('done'));
  const lot = listing.packLot;
  return (
    <section className="narrow listing-editor">
      <p>
        <Link to="/coop/listings">← {t('listings.back')}</Link>
      </p>
      <h1>{locale === 'vi' ? listing.titleVi : listing.titleEn}</h1>
      <p>{t('listings.lotLine', { lot: lot.lotCode, units: lot.unitCount, day: f.day(lot.packedOn) })}</p>
      {done && !form.failed ? (
        <p role="status" className="done">
          {t(done)}
        </p>
      ) : null}
      <Publishing published={listing.published} />
      <WaterFootprintPanel text={waterFootprint} />
      <h2>{t('listings.photos')}</h2>
      <ListingPhotos photos={listing.photos} />
      <PhotoUpload />
      <h2>{t('listings.edit')}</h2>
      <Form method="post" noValidate>
        <FormError form={intentForm(form, 'save')} />
        <input type="hidden" name="intent" value="save" />
        <ListingFields
          form={intentForm(form, 'save')}
          defaults={{ ...listing, priceVnd: priceText(listing.priceVnd) }}
        />
        <button type="submit">{t('listings.save')}</button>
      </Form>
    </section>
  );
}

function Publishing({ published }: { published: boolean }) {
  const form = useFormResult<typeof listingPageSchema>();
  const { t } = useI18n();
  const intent = published ? 'unpublish' : 'publish';
  return (
    <Form method="post" className="publishing">
      <FormError form={intentForm(form, intent)} />
      <p>{t(published ? 'listings.isPublished' : 'listings.isDraft')}</p>
      <button type="submit" name="intent" value={intent} className={published ? 'secondary' : undefined}>
        {t(published ? 'listings.unpublish' : 'listings.publish')}
      </button>
    </Form>
  );
}

function PhotoUpload() {
  const form = intentForm(useFormResult<typeof listingPageSchema>(), 'upload');
  const uploading = useNavigation().state === 'submitting';
  const { t } = useI18n();
  return (
    <Form method="post" encType="multipart/form-data" noValidate className="photo-upload">
      <input type="hidden" name="intent" value="upload" />
      <Field
        form={form}
        name="photos"
        label="listings.photoFiles"
        description={{ key: 'listings.photoHint', params: { maxMb: 25 } }}
        type="file"
        accept="image/*"
        multiple
      />
      <button type="submit" disabled={uploading}>
        {t('listings.upload')}
      </button>
    </Form>
  );
}
