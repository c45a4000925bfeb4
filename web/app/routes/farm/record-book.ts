import type { LoaderFunctionArgs } from '@remix-run/node';
import { areaUser } from '../../auth/areas.server.ts';
import { db } from '../../db.server.ts';
import { recordBookFileNames } from '../../farm/record-book.ts';
import { plantingRecordBook } from '../../farm/record-book.server.ts';
import { recordBookPdf } from '../../farm/record-book-pdf.server.ts';

// A planting's record book as a PDF to print (farm/record-book-pdf.server.ts): the farmer's own
// planting (an admin's any), 404 otherwise; the farm area's guard refuses everyone else.

export async function loader({ context, params }: LoaderFunctionArgs) {
  const book = await plantingRecordBook(db(), areaUser(context), params.plantingId ?? '', new Date());
  const pdf = await recordBookPdf(book);
  const names = recordBookFileNames(book);
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(pdf.byteLength),
      // Opened in the browser's viewer; saved under a readable name (RFC 6266, RFC 8187).
      'Content-Disposition': `inline; filename="${names.ascii}"; filename*=UTF-8''${encodeURIComponent(names.vietnamese)}`,
      // A record of the farm: not for shared caches, and always as the records stand now.
      'Cache-Control': 'private, no-store',
    },
  });
}
