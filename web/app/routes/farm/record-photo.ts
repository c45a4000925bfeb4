import type { LoaderFunctionArgs } from '@remix-run/node';
import { areaUser } from '../../auth/areas.server.ts';
import { db } from '../../db.server.ts';
import { recordPhotoFile } from '../../farm/photos.server.ts';
import { parseRecordPhotoVariant } from '../../farm/record-photos.ts';
import { notFound } from '../../http.server.ts';

// A farm record's photo at one stored width, for the farm's own users (and admins) only: a seed
// invoice may carry prices and names the farm does not publish. The batch page does not show
// these photos (docs/decisions/015-farm-record-photos.md).

export async function loader({ context, params }: LoaderFunctionArgs) {
  const variant = parseRecordPhotoVariant(params.id, params.file);
  if (!variant) notFound('No such photo size');
  const photo = await recordPhotoFile(db(), areaUser(context), variant);
  if (!photo) notFound('No such photo');
  return new Response(new Uint8Array(photo.bytes), {
    headers: {
      'Content-Type': photo.contentType,
      'Content-Length': String(photo.bytes.byteLength),
      // Its bytes never change, but it is the farm's: kept by the browser, never by a shared cache.
      'Cache-Control': 'private, max-age=31536000, immutable',
    },
  });
}
