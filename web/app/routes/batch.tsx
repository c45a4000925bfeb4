import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { normalizeLotCode } from '@seedline/db';
import { db } from '../db.server.ts';
import { env } from '../env.server.ts';
import { notFound } from '../http.server.ts';
import { pageTranslator, useI18n } from '../i18n/i18n.ts';
import { localeOf } from '../i18n/locale.server.ts';
import { useServiceWorker } from '../notify/service-worker.ts';
import { cachedBatchStory } from '../shop/story-cache.server.ts';
import { AddToCart } from '../ui/add-to-cart.tsx';
import { BatchOrigin } from '../ui/batch-origin.tsx';
import { BatchTimeline } from '../ui/batch-timeline.tsx';
import { KeptCopyNotice } from '../ui/kept-copy.tsx';
import { PackLabel } from '../ui/pack-label.tsx';
import { WaterFootprintPanel } from '../ui/water-footprint.tsx';

export async function loader({ params, request }: LoaderFunctionArgs) {
  const lotCode = normalizeLotCode(params.lotCode ?? '');
  const story = await cachedBatchStory(db(), lotCode, env().PUBLIC_URL, await localeOf(request));
  if (!story) notFound('No such lot');
  return { story };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  if (!data) return [{ title: 'Seedline' }];
  const { t, locale } = pageTranslator(matches);
  const product = locale === 'vi' ? data.story.product.nameVi : data.story.product.nameEn;
  return [{ title: `${t('title.batch', { product, lotCode: data.story.lotCode })} — Seedline` }];
};

export default function Batch() {
  const { story } = useLoaderData<typeof loader>();
  const { t, f, locale } = useI18n();
  const name = locale === 'vi' ? story.product.nameVi : story.product.nameEn;
  // Kept on the phone for a visit with no signal (the worker's copy, with KeptCopyNotice).
  useServiceWorker();
  return (
    <article className="batch">
      <KeptCopyNotice />
      {/* schema.org Product for search engines; the text is escaped so it cannot end the element. */}
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: story.jsonLd }} />
      <header>
        <h1>{name}</h1>
        <p className="farm">
          {story.farm.name} · {story.farm.commune}, {story.farm.province}
        </p>
        {story.listing ? (
          <p className="price">
            {f.vnd(story.listing.priceVnd)}
            <span className="per">{t(`batch.per.${story.product.unit}`)}</span> ·{' '}
            {story.listing.stock > 0 ? `${t('batch.stock')}: ${story.listing.stock}` : t('batch.soldOut')}
          </p>
        ) : (
          <p>{t('batch.notListed')}</p>
        )}
        {story.listing && story.listing.stock > 0 ? (
          <AddToCart listingId={story.listing.id} available={story.listing.stock} />
        ) : null}
        <WaterFootprintPanel text={story.waterFootprint} />
        <PackLabel
          lotCode={story.lotCode}
          gtin={story.product.gtin}
          digitalLink={story.digitalLink}
          qrSvg={story.qrSvg}
        />
      </header>
      <BatchTimeline story={story} />
      <BatchOrigin farm={story.farm} place={story.place} />
    </article>
  );
}
