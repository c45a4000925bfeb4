import { Link } from '@remix-run/react';
import { type Translate, useI18n } from '../i18n/i18n.ts';
import type { CatalogueItem } from '../shop/catalogue.ts';
import { ListingPhoto, type PhotoPriority } from './listing-photo.tsx';

// The photo's width in the catalogue grid (styles.css: main is at most 60rem with 1rem padding,
// `.batch-grid` fills columns of at least 16rem with 1rem gaps, a card has a 1px border): one column
// up to 35rem, two from there, three from 52rem, 18.5rem each once main stops growing. An
// overstated width makes a tablet take the 960 px photo where the 640 or the 320 is enough.
const cardPhotoSizes =
  '(min-width: 60rem) 18.5rem, (min-width: 52rem) calc(33.3vw - 1.5rem), (min-width: 35rem) calc(50vw - 1.6rem), calc(100vw - 2.1rem)';

const knownSchemes = ['VIETGAP', 'GLOBALGAP', 'ORGANIC'] as const;
const isKnownScheme = (scheme: string): scheme is (typeof knownSchemes)[number] =>
  knownSchemes.some((known) => known === scheme);

/** A certification scheme by its name in the reader's language; another scheme as the farm wrote it. */
export function certificationName(t: Translate, scheme: string): string {
  return isKnownScheme(scheme) ? t(`cert.${scheme}`) : scheme;
}

/** Cards in the first screenful of a phone load their photo at once; the rest when scrolled near. */
const eagerCards = 2;

/** The first card's photo is the catalogue's largest paint on a phone: it is fetched first. */
export function cardPhotoPriority(index: number): PhotoPriority {
  if (index === 0) return 'first';
  return index < eagerCards ? 'eager' : 'lazy';
}

/** One batch on sale in the catalogue grid, its photo loaded as soon as `priority` says. */
export function BatchCard({ item, priority }: { item: CatalogueItem; priority: PhotoPriority }) {
  const { t, f, locale } = useI18n();
  return (
    <li className="card batch-card">
      <ListingPhoto photo={item.photo} locale={locale} sizes={cardPhotoSizes} priority={priority} />
      <div className="card-body">
        <h2>
          <Link to={`/batches/${encodeURIComponent(item.lotCode)}`}>
            {locale === 'vi' ? item.product.nameVi : item.product.nameEn}
          </Link>
        </h2>
        <p className="farm">
          {item.farm.name} · {item.farm.commune}, {item.farm.province}
        </p>
        <p className="price">
          {f.vnd(item.priceVnd)}
          <span className="per">{t(`batch.per.${item.product.unit}`)}</span>
        </p>
        <p className="meta">
          {t('home.harvested', { date: f.day(item.harvestedOn) })} · {t('home.inStock', { count: item.available })}
        </p>
        {item.certifications.length > 0 ? (
          <ul className="badges" aria-label={t('catalogue.cert')}>
            {item.certifications.map((scheme) => (
              <li key={scheme}>{certificationName(t, scheme)}</li>
            ))}
          </ul>
        ) : null}
        <p className="lot">
          {t('batch.lotCode')}: <code>{item.lotCode}</code>
        </p>
      </div>
    </li>
  );
}
