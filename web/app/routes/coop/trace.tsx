import { type LoaderFunctionArgs, data } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { areaUser } from '../../auth/areas.server.ts';
import { runRecall } from '../../coop/recall/action.server.ts';
import { recallForm } from '../../coop/recall/form.ts';
import { recall } from '../../coop/recall.server.ts';
import { db } from '../../db.server.ts';
import { formAction } from '../../forms/form-action.server.ts';
import { useFormResult } from '../../forms/form-result.ts';
import { kickEmailOutbox } from '../../orders/email-outbox.server.ts';
import { notFound } from '../../http.server.ts';
import { type CatalogHandle, pageTitle, useI18n } from '../../i18n/i18n.ts';
import { recall as recallTexts } from '../../i18n/messages/recall.ts';
import { OrderTable } from '../../ui/order-table.tsx';
import { RecallAction, RecallExports } from '../../ui/recall-panel.tsx';

export const meta = pageTitle('title.coop');
export const handle: CatalogHandle = { messages: [recallTexts] };

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

// Staff recall the traced lot (or its whole seed lot): coop/recall/action.server.ts.
export const action = formAction(recallForm, async ({ lotCode, scope }, { context }) => {
  const outcome = await runRecall(db(), { lotCode, scope, byUserId: areaUser(context).id, now: new Date() });
  if (!outcome) notFound('No such lot');
  // The buyers' emails go now, not at the outbox's next round.
  kickEmailOutbox();
  return data({ recalled: outcome });
});

export default function Coop() {
  const { farms, lot, result } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const form = useFormResult<typeof recallForm>();
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
          <OrderTable lines={result.lotOrders} empty={t('coop.noOrders')} label={t('coop.forward')} />
          <h2>{t('coop.seedLotForward', { lotNumber: result.seedLot.lotNumber })}</h2>
          <OrderTable
            lines={result.seedLotOrders}
            empty={t('coop.noOrders')}
            label={t('coop.seedLotForward', { lotNumber: result.seedLot.lotNumber })}
          />
          <RecallExports lotCode={result.lotCode} />
          <RecallAction
            lotCode={result.lotCode}
            seedLotNumber={result.seedLot.lotNumber}
            form={form}
            outcome={answer && 'recalled' in answer ? answer.recalled : undefined}
          />
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
