import type { Locale } from '../i18n/i18n.ts';
import { photoAspect, photoSrcSet, photoUrl } from '../shop/photos.ts';

type Photo = { id: string; altVi: string; altEn: string };

/**
 * How soon a photo loads: `first` is the page's largest paint, fetched before other images and
 * painted as soon as it is decoded (no `decoding="async"`); `eager` is in the first screenful;
 * `lazy` waits until it is scrolled near.
 */
export type PhotoPriority = 'first' | 'eager' | 'lazy';

// React 18 does not know `fetchPriority` (React 19 does): it warns, and writes the attribute in
// that case. Spelled in lower case and spread onto the element, it passes through as HTML has it.
const loadingOf = {
  first: { loading: 'eager', fetchpriority: 'high' },
  eager: { loading: 'eager', decoding: 'async' },
  lazy: { loading: 'lazy', decoding: 'async' },
} as const;

/**
 * A listing photo in the fixed 4:3 frame: AVIF or WebP where the browser takes it, JPEG otherwise,
 * the size the layout needs (`sizes`). `width` and `height` give the frame before a byte arrives.
 */
export function ListingPhoto({
  photo,
  locale,
  sizes,
  priority = 'lazy',
}: {
  photo: Photo | null;
  locale: Locale;
  sizes: string;
  priority?: PhotoPriority;
}) {
  if (!photo) return <div className="photo photo-missing" aria-hidden="true" />;
  return (
    <picture>
      <source type="image/avif" srcSet={photoSrcSet(photo.id, 'avif')} sizes={sizes} />
      <source type="image/webp" srcSet={photoSrcSet(photo.id, 'webp')} sizes={sizes} />
      <img
        className="photo"
        src={photoUrl(photo.id, 640, 'jpeg')}
        srcSet={photoSrcSet(photo.id, 'jpeg')}
        sizes={sizes}
        width={photoAspect.width * 160}
        height={photoAspect.height * 160}
        alt={locale === 'vi' ? photo.altVi : photo.altEn}
        {...loadingOf[priority]}
      />
    </picture>
  );
}
