import type { LoaderFunctionArgs } from '@remix-run/node';
import { recallExport } from '../../coop/recall/exports.server.ts';
import { db } from '../../db.server.ts';
import { env } from '../../env.server.ts';

// A lot's records for a recall, to download: `epcis.jsonld` (EPCIS 2.0), `fsma-204.csv` or
// `fsma-204.xlsx` (coop/recall/exports.server.ts). The co-op area's guard refuses everyone but staff and admins.

export async function loader({ params }: LoaderFunctionArgs) {
  const file = await recallExport(db(), {
    lotCode: params.lotCode ?? '',
    file: params.file ?? '',
    baseUrl: env().PUBLIC_URL,
    now: new Date(),
  });
  return new Response(typeof file.body === 'string' ? file.body : new Uint8Array(file.body), {
    headers: {
      'Content-Type': file.type,
      'Content-Disposition': `attachment; filename="${file.name}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
