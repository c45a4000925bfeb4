import { Form } from '@remix-run/react';
import { useI18n } from '../i18n/i18n.ts';
import { ListingPhoto } from './listing-photo.tsx';

type Photo = { id: string; altVi: string; altEn: string };

/** A small form of one button acting on one photo (no script needed). */
function PhotoButton({
  intent,
  photoId,
  label,
  direction,
  secondary = true,
}: {
  intent: 'move' | 'cover' | 'delete';
  photoId: string;
  label: string;
  direction?: 'up' | 'down';
  secondary?: boolean;
}) {
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="photoId" value={photoId} />
      {direction ? <input type="hidden" name="direction" value={direction} /> : null}
      <button type="submit" name="intent" value={intent} className={secondary ? 'secondary' : undefined}>
        {label}
      </button>
    </Form>
  );
}

/** A listing's photos in gallery order: the first is the cover; each can move, become the cover or go. */
export function ListingPhotos({ photos }: { photos: readonly Photo[] }) {
  const { t, locale } = useI18n();
  if (photos.length === 0) return <p>{t('listings.noPhotos')}</p>;
  return (
    <ol className="photo-list">
      {photos.map((photo, i) => (
        <li key={photo.id} aria-label={t('listings.photoN', { n: i + 1 })}>
          <ListingPhoto photo={photo} locale={locale} sizes="10rem" />
          <p>
            <strong>{t('listings.photoN', { n: i + 1 })}</strong>
            {i === 0 ? <span className="badge">{t('listings.cover')}</span> : null}
          </p>
          <div className="photo-actions">
            {i > 0 ? <PhotoButton intent="cover" photoId={photo.id} label={t('listings.makeCover')} /> : null}
            {i > 0 ? (
              <PhotoButton intent="move" direction="up" photoId={photo.id} label={t('listings.moveUp')} />
            ) : null}
            {i < photos.length - 1 ? (
              <PhotoButton intent="move" direction="down" photoId={photo.id} label={t('listings.moveDown')} />
            ) : null}
            <PhotoButton intent="delete" photoId={photo.id} label={t('listings.deletePhoto')} />
          </div>
        </li>
      ))}
    </ol>
  );
}
