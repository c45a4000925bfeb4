import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { requireArea } from '../auth/session.server.ts';
import { db } from '../db.server.ts';
import { useI18n } from '../i18n/i18n.ts';
import { OrderNotFoundError } from '../orders/lifecycle.server.ts';
import { orderQueue } from '../orders/queue.server.ts';
import {
  NothingToRefundError,
  RefundFirstError,
  StripeRefundError,
  runStaffAction,
  staffActions,
} from '../orders/staff-actions.server.ts';
import { IllegalTransitionError } from '../orders/transitions.ts';
import { formatPickupWindow } from '../ui/date-time.ts';

export const meta: MetaFunction = () => [{ title: 'Đơn hàng — Hợp tác xã — Seedline' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireArea(request, 'coop');
  const show = new URL(request.url).searchParams.get('show') === 'all' ? 'all' : 'open';
  return { show, orders: await orderQueue(db(), show) };
}

const actionForm = z.object({ orderId: z.string().min(1).max(40), action: z.enum(staffActions) });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireArea(request, 'coop');
  const parsed = actionForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return data({ error: 'coopOrders.errors.illegal' as const, reference: '', status: '' }, { status: 400 });
  const { orderId, action } = parsed.data;
  const order = await db().order.findUnique({ where: { id: orderId }, select: { reference: true, status: true } });
  if (!order) return data({ error: 'coopOrders.errors.illegal' as const, reference: '', status: '' }, { status: 404 });
  const fail = (error: 'illegal' | 'refundFirst' | 'nothingToRefund' | 'stripe', status: number) =>
    data(
      { error: `coopOrders.errors.${error}` as const, reference: order.reference, status: order.status },
      { status },
    );
  try {
    const result = await runStaffAction(db(), orderId, action, { byUserId: user.id, now: new Date() });
    return { done: { reference: order.reference, status: result.to } };
  } catch (error) {
    if (error instanceof IllegalTransitionError || error instanceof OrderNotFoundError) return fail('illegal', 409);
    if (error instanceof RefundFirstError) return fail('refundFirst', 409);
    if (error instanceof NothingToRefundError) return fail('nothingToRefund', 409);
    if (error instanceof StripeRefundError) {
      console.error(error, error.cause);
      return fail('stripe', 502);
    }
    throw error;
  }
}

const actionLabels = {
  confirmTransfer: 'coopOrders.action.confirmTransfer',
  pack: 'coopOrders.action.pack',
  handOver: 'coopOrders.action.handOver',
  deliver: 'coopOrders.action.deliver',
  cancel: 'coopOrders.action.cancel',
  refund: 'coopOrders.action.refund',
} as const;

type ActionResult =
  | { done: { reference: string; status: string } }
  | { error: `coopOrders.errors.${string}`; reference: string; status: string }
  | undefined;

export default function CoopOrders() {
  const { show, orders } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>() as ActionResult;
  const { t, f, locale } = useI18n();
  return (
    <>
      <h1>{t('coopOrders.title')}</h1>
      <p>
        {t('coopOrders.show')}:{' '}
        {show === 'open' ? (
          <strong>{t('coopOrders.open')}</strong>
        ) : (
          <Link to="?show=open">{t('coopOrders.open')}</Link>
        )}{' '}
        · {show === 'all' ? <strong>{t('coopOrders.all')}</strong> : <Link to="?show=all">{t('coopOrders.all')}</Link>}
      </p>
      {result && 'done' in result ? (
        <p role="status">
          {t('coopOrders.done', {
            reference: result.done.reference,
            status: t(`order.${result.done.status as 'PLACED'}`),
          })}
        </p>
      ) : null}
      {result && 'error' in result ? (
        <p role="alert" className="form-error">
          {t(result.error as 'coopOrders.errors.illegal', {
            reference: result.reference,
            status: result.status ? t(`order.${result.status as 'PLACED'}`) : '',
          })}
        </p>
      ) : null}
      {orders.length === 0 ? <p>{t('coopOrders.empty')}</p> : null}
      <div className="table-scroll">
        <table className="order-queue">
          <thead>
            <tr>
              <th scope="col">{t('coop.order')}</th>
              <th scope="col">{t('coopOrders.contact')}</th>
              <th scope="col">{t('coopOrders.fulfilment')}</th>
              <th scope="col">{t('orders.total')}</th>
              <th scope="col">{t('coopOrders.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((order) => (
              <tr key={order.id} data-reference={order.reference}>
                <td>
                  <Link to={`/orders/${encodeURIComponent(order.reference)}`}>{order.reference}</Link>
                  <div>
                    <span data-status={order.status}>{t(`order.${order.status}`)}</span> · {f.date(order.createdAt)}
                  </div>
                  <div>
                    {order.lines.map((l) => (
                      <div key={l.id}>
                        {l.quantity} × <code>{l.packLot.lotCode}</code>
                      </div>
                    ))}
                  </div>
                </td>
                <td>
                  {order.contactName}
                  <div>{order.contactPhone}</div>
                </td>
                <td>
                  {order.fulfilment === 'DELIVERY'
                    ? order.deliveryAddress
                    : [
                        order.pickupPoint?.name,
                        order.pickupWindowStart && order.pickupWindowEnd
                          ? formatPickupWindow(locale, order.pickupWindowStart, order.pickupWindowEnd)
                          : null,
                      ]
                        .filter(Boolean)
                        .join(' · ') || t('checkout.pickup')}
                </td>
                <td>
                  {f.vnd(order.totalVnd)}
                  <div>{t(`checkout.pay.${order.paymentMethod}`)}</div>
                </td>
                <td>
                  {order.actions.map((action) => (
                    <Form method="post" key={action} className="inline">
                      <input type="hidden" name="orderId" value={order.id} />
                      <button
                        type="submit"
                        name="action"
                        value={action}
                        aria-label={`${t(actionLabels[action])} ${order.reference}`}
                      >
                        {t(actionLabels[action])}
                      </button>
                    </Form>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
