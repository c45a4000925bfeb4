import { type LoaderFunctionArgs, data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { OrderStatus } from '@seedline/db';
import { z } from 'zod';
import { areaUser } from '../../auth/areas.server.ts';
import { db } from '../../db.server.ts';
import { formAction } from '../../forms/form-action.server.ts';
import { useFormResult } from '../../forms/form-result.ts';
import { type MessageKey, pageTitle, useI18n } from '../../i18n/i18n.ts';
import { orderQueue } from '../../orders/queue.server.ts';
import { type StaffAction, runStaffAction, staffActions } from '../../orders/staff-actions.server.ts';
import { formatPickupWindow } from '../../ui/date-time.ts';
import { FormError } from '../../ui/form-error.tsx';

export const meta = pageTitle('title.coopOrders');

export async function loader({ request }: LoaderFunctionArgs) {
  const show = new URL(request.url).searchParams.get('show') === 'all' ? 'all' : 'open';
  return { show, orders: await orderQueue(db(), show) };
}

const staffActionForm = z.object({
  orderId: z.string().min(1).max(40),
  action: z.enum(staffActions, { error: 'coopOrders.errors.action' }),
  // The status on the page the action was taken from: a change made meanwhile refuses it.
  seen: z.enum(OrderStatus, { error: 'coopOrders.errors.action' }),
});

export const action = formAction(staffActionForm, async ({ orderId, action, seen }, { context }) => {
  const actor = { byUserId: areaUser(context).id, now: new Date(), seen };
  const result = await runStaffAction(db(), orderId, action, actor);
  const { reference } = await db().order.findUniqueOrThrow({ where: { id: orderId }, select: { reference: true } });
  return data({ done: { reference, status: result.to } });
});

const actionLabels = {
  confirmTransfer: 'coopOrders.action.confirmTransfer',
  confirmCash: 'coopOrders.action.confirmCash',
  pack: 'coopOrders.action.pack',
  handOver: 'coopOrders.action.handOver',
  deliver: 'coopOrders.action.deliver',
  cancel: 'coopOrders.action.cancel',
  refund: 'coopOrders.action.refund',
  retryRefund: 'coopOrders.action.retryRefund',
} as const satisfies Record<StaffAction, MessageKey>;

export default function CoopOrders() {
  const { show, orders } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const form = useFormResult<typeof staffActionForm>();
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
          {t('coopOrders.done', { reference: result.done.reference, status: t(`order.${result.done.status}`) })}
        </p>
      ) : null}
      <FormError form={form} includeFields />
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
                  {order.refundOwed ? (
                    <div className="badge" role="note">
                      {t('coopOrders.refundOwed', { attempts: order.refundOwed.attempts })}
                    </div>
                  ) : null}
                </td>
                <td>
                  {order.actions.map((action) => (
                    <Form method="post" key={action} className="inline">
                      <input type="hidden" name="orderId" value={order.id} />
                      <input type="hidden" name="seen" value={order.status} />
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
