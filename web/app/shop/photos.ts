// Listing photos are served in a few fixed sizes only: a URL cannot ask the server to resize to
// any width (a cheap way to make it burn CPU and fill its disk). Every size has the same 4:3
// frame, so pages reserve the space before the image arrives and nothing shifts.

export const photoWidths = [320, 640, 960, 1280] as const;
export type PhotoWidth = (typeof photoWidths)[number];

/**
 * AVIF where the browser takes it (smallest), WebP next, JPEG as the fallback. AVIF is encoded at
 * the lowest effort (photos.server.ts `encode`): the default costs ~2 s a photo here.
 */
export const photoFormats = ['avif', 'webp', 'jpeg'] as const;
export type PhotoFormat = (typeof photoFormats)[number];

export const photoAspect = { width: 4, height: 3 } as const;

export const photoContentTypes: Record<PhotoFormat, string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpeg: 'image/jpeg',
};

export type PhotoVariant = { id: string; width: PhotoWidth; format: PhotoFormat };

export function photoHeight(width: number): number {
  return Math.round((width * photoAspect.height) / photoAspect.width);
}

export function photoUrl(id: string, width: PhotoWidth, format: PhotoFormat): string {
  return `/photos/${encodeURIComponent(id)}/${width}.${format}`;
}

/** A `srcset` of every size of a photo in one format. */
export function photoSrcSet(id: string, format: PhotoFormat): string {
  return photoWidths.map((w) => `${photoUrl(id, w, format)} ${w}w`).join(', ');
}
