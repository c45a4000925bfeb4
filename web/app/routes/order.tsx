import { type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { mayOpen } from '../auth/areas.ts';
import { currentUser } from '../auth/session.server.ts';
import { fromStoredVnd } from '../checkout/amounts.ts';
import { startCardPayment } from '../checkout/card-payment.server.ts';
import { tokenMatches } from '../checkout/references.ts';
import { stripeSettings } from '../checkout/settings.server.ts';
import { transferQr } from '../checkout/vietqr-svg.server.ts';
import { db } from '../db.server.ts';
import { notFound } from '../http.server.ts';
import { formAction } from '../forms/form-action.server.ts';
import { type CatalogHandle, pageTranslator, useI18n } from '../i18n/i18n.ts';
import { account } from '../i18n/messages/account.ts';
import { checkout as checkoutTexts } from '../i18n/messages/checkout.ts';
import { expireOverdueOrders } from '../orders/lifecycle.server.ts';
import { orderView } from '../orders/view.server.ts';
import { formatDateTime, formatPickupWindow } from '../ui/date-time.ts';

// Buying's texts come with the buying pages (i18n/root-messages.ts).
// Its lines name their lot as the buyer's order list does (the account's texts).
export const handle: CatalogHandle = { messages: [checkoutTexts, account] };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: `${pageTranslator(matches).t('title.order', { reference: data?.order.reference ?? '' })} — Seedline` },
  { name: 'robots', content: 'noindex' },
];

/**
 * The order behind the private link (its token, compared in constant time), or for its signed-in
 * buyer and co-op staff. Anyone else gets the same 404 as for an order that does not exist.
 */
async function permittedOrder(request: Request, reference: string | undefined) {
  const order = await db().order.findUnique({
    where: { reference: reference ?? '' },
    select: { id: true, accessToken: true, userId: true },
  });
  const token = new URL(request.url).searchParams.get('t');
  if (!order) notFound('No such order');
  if (tokenMatches(token, order.accessToken)) return order;
  const user = await currentUser(request);
  if (user && (user.id === order.userId || mayOpen(user.role, 'coop'))) return order;
  notFound('No such order');
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { id } = await permittedOrder(request, params.reference);
  // On read: a hold that ran out shows as a cancelled order now, not at the next sweep.
  await expireOverdueOrders(db(), new Date(), id);
  const order = await orderView(db(), id);
  const awaitingTransfer = order.paymentMethod === 'BANK_TRANSFER' && order.status === 'PLACED';
  const url = new URL(request.url);
  return {
    order,
    transfer: awaitingTransfer
      ? await transferQr({ reference: order.reference, totalVnd: fromStoredVnd(order.totalVnd) })
      : null,
    awaitingTransfer,
    canPayByCard: order.paymentMethod === 'CARD' && order.status === 'PLACED' && stripeSettings() !== null,
    returnedFromCard: url.searchParams.has('paid'),
    cardFailed: url.searchParams.get('card') === 'failed',
  };
}

/** "Pay by card" again, for a card order still waiting for its payment. */
export const action = formAction(z.object({}), async (_, { request, params }) => {
  const { id } = await permittedOrder(request, params.reference);
  const order = await db().order.findUniqueOrThrow({ where: { id }, select: { status: true, paymentMethod: true } });
  if (order.paymentMethod !== 'CARD' || order.status !== 'PLACED' || !stripeSettings()) {
    return redirect(new URL(request.url).pathname + new URL(request.url).search);
  }
  const session = await startCardPayment(db(), id);
  return redirect(session.url);
});

export default function Order() {
  const { order, transfer, awaitingTransfer, canPayByCard, returnedFromCard, cardFailed } =
    useLoaderData<typeof loader>();
  const { t, f, locale } = useI18n();
  // A note is a text key when the system wrote it, free text when staff did.
  const note = (value: string | null) => (value && t.has(value) ? t(value) : value);
  const window =
    order.windowStart && order.windowEnd ? formatPickupWindow(locale, order.windowStart, order.windowEnd) : null;
  return (
    <article className="order">
      <h1>{t('orders.title', { reference: order.reference })}</h1>
      <p className="order-status">
        {t('orders.status')}: <strong data-status={order.status}>{t(`order.${order.status}`)}</strong>
      </p>
      <p className="hint">{t('orders.privateLink')}</p>
      {returnedFromCard && order.status === 'PLACED' ? <p role="status">{t('orders.paymentProcessing')}</p> : null}
      {cardFailed ? <p role="alert">{t('checkout.cardFailed')}</p> : null}
      {order.status === 'PLACED' && order.heldUntil ? (
        <p>
          {t(order.paymentMethod === 'CASH_ON_DELIVERY' ? 'orders.awaitingCall' : 'orders.heldUntil', {
            time: formatDateTime(locale, order.heldUntil),
          })}
        </p>
      ) : null}
      {canPayByCard ? (
        <Form method="post">
          <button type="submit">{t('orders.payByCard')}</button>
        </Form>
      ) : null}
      {awaitingTransfer ? (
        <section aria-labelledby="transfer" className="transfer">
          <h2 id="transfer">{t('orders.transferTitle')}</h2>
          {transfer ? (
            <>
              <figure
                role="img"
                aria-label={`VietQR ${order.reference}`}
                data-payload={transfer.payload}
                dangerouslySetInnerHTML={{ __html: transfer.svg }}
              />
              <p>{t('orders.transferHelp', { reference: order.reference })}</p>
              <p>
                {t('orders.transferDetails', {
                  bin: transfer.bankBin,
                  account: transfer.account,
                  amount: f.vnd(order.totalVnd),
                  reference: order.reference,
                })}
              </p>
            </>
          ) : (
            <p>{t('orders.transferUnavailable')}</p>
          )}
        </section>
      ) : null}
      <h2>{t('orders.lines')}</h2>
      <ul className="order-lines">
        {order.lines.map((line) => (
          <li key={line.id}>
            {line.quantity} × {locale === 'vi' ? line.packLot.product.nameVi : line.packLot.product.nameEn} —{' '}
            <Link to={`/batches/${encodeURIComponent(line.packLot.lotCode)}`}>
              {t('account.lot', { lotCode: line.packLot.lotCode })}
            </Link>{' '}
            — {f.vnd(line.lineTotalVnd)}
          </li>
        ))}
      </ul>
      <p className="total">
        {t('orders.total')}: <strong>{f.vnd(order.totalVnd)}</strong>
      </p>
      <p>
        {order.fulfilment === 'DELIVERY'
          ? t('orders.delivery', { address: order.deliveryAddress })
          : t('orders.pickup', {
              point: order.pickupPoint?.name,
              address: order.pickupPoint?.address,
              window: window ?? '',
            })}
        {order.fulfilment === 'DELIVERY' && window ? (
          <>
            <br />
            {t('orders.deliveryWindow', { window })}
          </>
        ) : null}
      </p>
      <p>{t('orders.paymentMethod', { method: t(`checkout.pay.${order.paymentMethod}`) })}</p>
      <h2>{t('orders.history')}</h2>
      <ol className="order-history">
        {order.events.map((event) => (
          <li key={event.id}>
            <time dateTime={new Date(event.at).toISOString()}>{formatDateTime(locale, event.at)}</time> —{' '}
            {t(`order.${event.status}`)}
            {event.note ? ` (${note(event.note)})` : null}
          </li>
        ))}
      </ol>
    </article>
  );
}
