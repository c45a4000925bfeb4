import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { recall } from '../../coop/recall.server.ts';
import { db } from '../../db.server.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { OrderTable } from '../../ui/order-table.tsx';

export const meta = pageTitle('title.coop');

export async function loader({ request }: LoaderFunctionArgs) {
  const lot = new URL(request.url).searchParams.get('lot')?.trim() ?? '';
  const [farms, result] = await Promise.all([
    db().farm.findMany({
      orderBy: { name: 'asc' },
      select: { id: true, name: true, commune: true, province: true, _count: { select: { greenhouses: true } } },
    }),
    lot ? recall(db(), lot) : null,
  ]);
  return { farms, lot, result };
}

export default function Coop() {
  const { farms, lot, result } = useLoaderData<typeof loader>();
  const { t, f } = useI18n();
  return (
    <>
      <h1>{t('coop.title')}</h1>
      <Form method="get" className="search">
        <label htmlFor="lot">{t('coop.lotCode')}</label>
        <input id="lot" name="lot" defaultValue={lot} placeholder="XH-261125-01-…" />
        <button type="submit">{t('coop.trace')}</button>
      </Form>
      {result?.status === 'invalid' ? <p role="alert">{t('errors.lotCode')}</p> : null}
      {result?.status === 'unknown' ? <p role="alert">{t('coop.unknownLot', { lotCode: result.lotCode })}</p> : null}
      {result?.status === 'found' ? (
        <section aria-labelledby="origin">
          <h2 id="origin">
            {t('coop.backward')}: <code>{result.lotCode}</code>
          </h2>
          <ul>
            <li>{result.product}</li>
            <li>{result.farm}</li>
            <li>{result.zone}</li>
            <li>
              {t('batch.seedLotDetail', {
                variety: result.seedLot.variety,
                supplier: result.seedLot.supplier,
                lotNumber: result.seedLot.lotNumber,
              })}{' '}
              · {result.seedLot.certificateNumber}
            </li>
            <li>
              {t('batch.harvest')}: {f.date(result.harvestedAt)}
            </li>
            {result.inputs.map((input) => (
              <li key={input.id}>
                {input.product} {input.activeIngredient ? `(${input.activeIngredient})` : null} ·{' '}
                {f.date(input.appliedAt)}
                {input.phiDays ? ` · ${t('batch.phi', { days: input.daysBeforeHarvest, phi: input.phiDays })}` : null}
              </li>
            ))}
          </ul>
          <h2>{t('coop.forward')}</h2>
          <OrderTable lines={result.lotOrders} empty={t('coop.noOrders')} />
          <h2>{t('coop.seedLotForward', { lotNumber: result.seedLot.lotNumber })}</h2>
          <OrderTable lines={result.seedLotOrders} empty={t('coop.noOrders')} />
        </section>
      ) : null}
      <h2>{t('coop.farms')}</h2>
      <ul>
        {farms.map((farm) => (
          <li key={farm.id}>
            {farm.name} — {farm.commune}, {farm.province} ({farm._count.greenhouses})
          </li>
        ))}
      </ul>
    </>
  );
}
