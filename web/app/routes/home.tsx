import type { MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { db } from '../db.server.ts';
import { useI18n } from '../i18n/i18n.ts';
import { listBatches } from '../shop/batches.server.ts';

export const meta: MetaFunction = () => [
  { title: 'Seedline — nông sản truy xuất nguồn gốc' },
  { name: 'description', content: 'Nông sản nhà lưới Thanh Hóa, truy xuất từ hạt giống đến bàn ăn.' },
];

export async function loader() {
  return { batches: await listBatches(db()) };
}

export default function Home() {
  const { batches } = useLoaderData<typeof loader>();
  const { t, f, locale } = useI18n();
  return (
    <>
      <p className="tagline">{t('site.tagline')}</p>
      <h1>{t('home.title')}</h1>
      {batches.length === 0 ? (
        <p>{t('home.empty')}</p>
      ) : (
        <ul className="batch-grid">
          {batches.map((batch) => (
            <li key={batch.lotCode} className="card">
              <h2>
                <Link to={`/batches/${encodeURIComponent(batch.lotCode)}`}>
                  {locale === 'vi' ? batch.product.nameVi : batch.product.nameEn}
                </Link>
              </h2>
              <p className="farm">
                {batch.farm.name} · {batch.farm.commune}, {batch.farm.province}
              </p>
              <p className="price">
                {f.vnd(batch.priceVnd)}
                <span className="per">{t(`batch.per.${batch.product.unit}`)}</span>
              </p>
              <p className="meta">
                {t('home.harvested', { date: f.day(batch.harvestedOn) })} · {t('home.inStock', { count: batch.stock })}
              </p>
              <p className="lot">
                {t('batch.lotCode')}: <code>{batch.lotCode}</code>
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
