import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { requireArea } from '../auth/session.server.ts';
import { recall } from '../coop/recall.server.ts';
import { db } from '../db.server.ts';
import { useI18n } from '../i18n/i18n.ts';
import { OrderTable } from '../ui/order-table.tsx';

export const meta: MetaFunction = () => [{ title: 'Hợp tác xã — Seedline' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireArea(request, 'coop');
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
      <p>
        <Link to="/coop/orders">{t('coop.ordersLink')}</Link>
      </p>
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
              {t('batch.seedLotDetail', result.seedLot)} · {result.seedLot.certificateNumber}
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
