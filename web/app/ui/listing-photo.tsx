import type { Locale } from '../i18n/i18n.ts';
import { photoAspect, photoSrcSet, photoUrl } from '../shop/photos.ts';

type Photo = { id: string; altVi: string; altEn: string };

/**
 * A listing photo in the fixed 4:3 frame: AVIF or WebP where the browser takes it, JPEG otherwise, the
 * size the layout needs (`sizes`), and lazy unless it is in the first screenful.
 */
export function ListingPhoto({
  photo,
  locale,
  sizes,
  eager = false,
}: {
  photo: Photo | null;
  locale: Locale;
  sizes: string;
  eager?: boolean;
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
        loading={eager ? 'eager' : 'lazy'}
        decoding="async"
      />
    </picture>
  );
}
