import { recordPhotoSrcSet, recordPhotoUrl } from '../farm/record-photos.ts';

/** A farm record's photo as a small picture in a list, opening the large one when tapped. */
export function RecordPhotoThumb({ id, alt }: { id: string; alt: string }) {
  return (
    <a href={recordPhotoUrl(id, 1280, 'jpeg')}>
      <picture>
        <source type="image/webp" srcSet={recordPhotoSrcSet(id, 'webp')} sizes="96px" />
        <img src={recordPhotoUrl(id, 320, 'jpeg')} alt={alt} width={96} loading="lazy" />
      </picture>
    </a>
  );
}
