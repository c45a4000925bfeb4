import type { LoaderFunctionArgs } from '@remix-run/node';
import { labelSheetPdf } from '../../coop/label-sheet-pdf.server.ts';
import { isLabelStockName, labelStocks } from '../../coop/label-stock.ts';
import { packLabel } from '../../coop/pack-labels.server.ts';
import { db } from '../../db.server.ts';
import { env } from '../../env.server.ts';
import { notFound } from '../../http.server.ts';

// A pack lot's labels as a PDF (coop/label-sheet-pdf.server.ts): `?stock=a4` (the default, 3 × 8
// on A4) or `?stock=single` (one label a page, for a label printer). The co-op area's guard
// refuses everyone but staff and admins.

export async function loader({ params, request }: LoaderFunctionArgs) {
  const stockName = new URL(request.url).searchParams.get('stock') ?? 'a4';
  if (!isLabelStockName(stockName)) notFound('No such label stock');
  const label = await packLabel(db(), params.lotCode ?? '', env().PUBLIC_URL);
  const pdf = await labelSheetPdf(label, labelStocks[stockName]);
  const name = `nhan-${label.lotCode}-${stockName}.pdf`;
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(pdf.byteLength),
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
