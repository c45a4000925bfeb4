import { type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react';
import { newListingSchema } from '../../coop/listing-forms.ts';
import { createListing, listingList, unlistedLots } from '../../coop/listings.server.ts';
import { db } from '../../db.server.ts';
import { formAction } from '../../forms/form-action.server.ts';
import { useFormResult } from '../../forms/form-result.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { FormError } from '../../ui/form-error.tsx';
import { ListingFields } from '../../ui/listing-fields.tsx';
import { ListingPhoto } from '../../ui/listing-photo.tsx';
import { Select } from '../../ui/select.tsx';

export const meta = pageTitle('title.listings');

export async function loader({ request }: LoaderFunctionArgs) {
  const [listings, lots] = await Promise.all([listingList(db()), unlistedLots(db())]);
  // ?lot= fills the new listing's fields from that lot's product (no script needed).
  const chosen = lots.find((l) => l.id === new URL(request.url).searchParams.get('lot')) ?? null;
  return { listings, lots, chosen };
}

export const action = formAction(
  newListingSchema,
  async (form) => {
    const made = await createListing(db(), form);
    return redirect(`/coop/listings/${made.id}?done=created`);
  },
  { fields: { LOT_ALREADY_LISTED: 'packLotId', STOCK_OVER_PACKED: 'stock', RECORD_NOT_FOUND: 'packLotId' } },
);

export default function Listings() {
  const { listings, lots } = useLoaderData<typeof loader>();
  const { t, f, locale } = useI18n();
  return (
    <section className="listings">
      <h1>{t('listings.title')}</h1>
      {/* On a phone the form is below every listing: a way to it from the top. */}
      {lots.length > 0 ? (
        <p>
          <a href="#new">{t('listings.new')}</a>
        </p>
      ) : null}
      {listings.length === 0 ? <p>{t('listings.empty')}</p> : null}
      <ul className="cards">
        {listings.map((l) => (
          <li key={l.id} className={l.published ? undefined : 'inactive'}>
            <ListingPhoto photo={l.photos[0] ?? null} locale={locale} sizes="(min-width: 48rem) 18rem, 100vw" />
            <h2>
              <Link to={`/coop/listings/${l.id}`}>{locale === 'vi' ? l.titleVi : l.titleEn}</Link>
            </h2>
            <p>{t(l.published ? 'listings.published' : 'listings.draft')}</p>
            <p>
              {t('listings.line', { lot: l.packLot.lotCode, stock: l.stock, price: f.vnd(l.priceVnd) })}
              {t(`batch.per.${l.unit}`)}
            </p>
          </li>
        ))}
      </ul>
      <NewListing />
    </section>
  );
}

function NewListing() {
  const { lots, chosen } = useLoaderData<typeof loader>();
  const form = useFormResult<typeof newListingSchema>();
  const saving = useNavigation().state === 'submitting';
  const { t } = useI18n();
  const options = lots.map((l) => ({
    value: l.id,
    label: t('listings.packLotOption', {
      lot: l.lotCode,
      product: l.product.nameVi,
      farm: l.harvest.planting.zone.greenhouse.farm.name,
      units: l.unitCount,
    }),
  }));
  const product = chosen?.product;
  return (
    <>
      <h2 id="new">{t('listings.new')}</h2>
      {lots.length === 0 ? <p>{t('listings.noLots')}</p> : null}
      {lots.length > 0 ? (
        <>
          <p>{t('listings.fillFromLot')}</p>
          <ul className="lot-links">
            {options.map((o) => (
              <li key={o.value}>
                <Link to={`?lot=${o.value}#new`} aria-current={o.value === chosen?.id ? 'true' : undefined}>
                  {o.label}
                </Link>
              </li>
            ))}
          </ul>
          {/* Keyed by the lot: choosing another one fills the fields again (a select keeps its
              first defaultValue otherwise). */}
          <Form key={chosen?.id ?? ''} method="post" noValidate className="narrow">
            <FormError form={form} />
            <Select
              form={form}
              name="packLotId"
              label="listings.packLot"
              options={options}
              placeholder="listings.choose"
              defaultValue={chosen?.id}
              required
            />
            <ListingFields
              form={form}
              defaults={{
                titleVi: product?.nameVi,
                titleEn: product?.nameEn,
                descriptionVi: product?.descriptionVi ?? undefined,
                descriptionEn: product?.descriptionEn ?? undefined,
                unit: product?.unit,
                category: product?.category,
                stock: chosen?.unitCount,
              }}
            />
            <button type="submit" disabled={saving}>
              {t('listings.create')}
            </button>
          </Form>
        </>
      ) : null}
    </>
  );
}
