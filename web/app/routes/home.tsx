import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { db } from '../db.server.ts';
import { pageTranslator, useI18n } from '../i18n/i18n.ts';
import { parseCatalogueQuery } from '../shop/catalogue-query.ts';
import { catalogue } from '../shop/catalogue.server.ts';
import { BatchCard, cardPhotoPriority } from '../ui/batch-card.tsx';
import { CatalogueFilters } from '../ui/catalogue-filters.tsx';

// The home page is the shop: a buyer who opens Seedline comes to see what is for sale.

export const meta: MetaFunction = ({ matches }) => {
  const { t } = pageTranslator(matches);
  return [{ title: `${t('title.home')} — Seedline` }, { name: 'description', content: t('site.tagline') }];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = parseCatalogueQuery(new URL(request.url).searchParams);
  const { until, ...page } = await catalogue(db(), query);
  // Kept rendered no longer than its list holds: the next order's hold running out frees units.
  if (context.keptPage) context.keptPage.until = Math.min(context.keptPage.until, until);
  return { query, ...page };
}

export default function Home() {
  const { query, items, facets, total } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <>
      <p className="tagline">{t('site.tagline')}</p>
      <h1>{t('home.title')}</h1>
      {total === 0 ? (
        <p>{t('home.empty')}</p>
      ) : (
        <>
          <CatalogueFilters query={query} facets={facets} />
          <p className="result-count" role="status">
            {items.length === 0 ? t('catalogue.noMatch') : t('catalogue.results', { count: items.length })}
          </p>
          <ul className="batch-grid">
            {items.map((item, index) => (
              <BatchCard key={item.listingId} item={item} priority={cardPhotoPriority(index)} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}
