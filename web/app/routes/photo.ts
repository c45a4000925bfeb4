import type { LoaderFunctionArgs } from '@remix-run/node';
import { db } from '../db.server.ts';
import { notFound } from '../http.server.ts';
import { parseVariant } from '../shop/photo-variant.ts';
import { photoVariant } from '../shop/photos.server.ts';
import { objectStore } from '../storage/objects.server.ts';

// A variant's URL names one photo at one size: its bytes never change, so browsers and CDNs keep it.
const cacheForever = 'public, max-age=31536000, immutable';

export async function loader({ params }: LoaderFunctionArgs) {
  const variant = parseVariant(params.id, params.file);
  if (!variant) notFound('No such photo size');
  const photo = await photoVariant(db(), objectStore(), variant);
  if (!photo) notFound('No such photo');
  const { bytes } = photo;
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': photo.contentType,
      'Content-Length': String(bytes.byteLength),
      'Cache-Control': cacheForever,
    },
  });
}
