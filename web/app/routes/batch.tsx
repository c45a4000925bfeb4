import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { normalizeLotCode } from '@seedline/db';
import { db } from '../db.server.ts';
import { env } from '../env.server.ts';
import { notFound } from '../http.server.ts';
import { useI18n } from '../i18n/i18n.ts';
import { batchStory } from '../shop/batches.server.ts';
import { BatchTimeline } from '../ui/batch-timeline.tsx';

export async function loader({ params }: LoaderFunctionArgs) {
  const story = await batchStory(db(), normalizeLotCode(params.lotCode ?? ''), env().PUBLIC_URL);
  if (!story) notFound('No such lot');
  return { story };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [{ title: `${data.story.product.nameVi} · ${data.story.lotCode} — Seedline` }] : [{ title: 'Seedline' }];

export default function Batch() {
  const { story } = useLoaderData<typeof loader>();
  const { t, f, locale } = useI18n();
  const name = locale === 'vi' ? story.product.nameVi : story.product.nameEn;
  return (
    <article className="batch">
      <header>
        <h1>{name}</h1>
        <p className="farm">
          {story.farm.name} · {story.farm.commune}, {story.farm.province}
        </p>
        <p className="lot">
          {t('batch.lotCode')}: <code>{story.lotCode}</code>
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
      </header>
      <BatchTimeline story={story} />
      <footer className="digital-link">
        {t('batch.digitalLink')} <a href={story.digitalLink}>{story.digitalLink}</a>
      </footer>
    </article>
  );
}
