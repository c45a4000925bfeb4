import { type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { parseDigitalLink } from '@seedline/db';
import { db } from '../db.server.ts';
import { notFound } from '../http.server.ts';

/** GS1 Digital Link resolver: /01/{gtin}/10/{lot} → the batch page of that lot of that product. */
export async function loader({ request }: LoaderFunctionArgs) {
  const link = parseDigitalLink(new URL(request.url).pathname);
  if (!link) notFound('Not a valid GS1 Digital Link');
  const packLot = await db().packLot.findFirst({
    where: { lotCode: link.lotCode, product: { gtin: link.gtin } },
    select: { lotCode: true },
  });
  if (!packLot) notFound('No such lot of this product');
  return redirect(`/batches/${encodeURIComponent(packLot.lotCode)}`, 307);
}
