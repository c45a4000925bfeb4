import { Form, Link } from '@remix-run/react';
import type { SerializeFrom } from '@remix-run/node';
import type { StaffAction } from '../orders/staff-actions.server.ts';
import type { orderQueue } from '../orders/queue.server.ts';
import { type MessageKey, useI18n } from '../i18n/i18n.ts';
import { formatPickupWindow } from './date-time.ts';

type QueuedOrder = SerializeFrom<Awaited<ReturnType<typeof orderQueue>>[number]>;

/** One order of the co-op's queue: what, who, where, how much, and the buttons for its next step. */
export function OrderCard({ order, actions }: { order: QueuedOrder; actions: Record<StaffAction, MessageKey> }) {
  const { t, f } = useI18n();
  return (
    <li className="order-card" data-reference={order.reference}>
      <h2>
        <Link to={`/orders/${encodeURIComponent(order.reference)}`}>{order.reference}</Link>{' '}
        <span data-status={order.status}>{t(`order.${order.status}`)}</span>
      </h2>
      <p className="meta">
        {f.date(order.createdAt)} · <strong>{f.vnd(order.totalVnd)}</strong> ·{' '}
        {t(`checkout.pay.${order.paymentMethod}`)}
      </p>
      {order.refundOwed ? (
        <p className="badge" role="note">
          {t('coopOrders.refundOwed', { attempts: order.refundOwed.attempts })}
        </p>
      ) : null}
      <dl className="order-facts">
        <dt>{t('coopOrders.contact')}</dt>
        <dd>
          {order.contactName} · <a href={`tel:${order.contactPhone}`}>{order.contactPhone}</a>
        </dd>
        <dt>{t('coopOrders.fulfilment')}</dt>
        <dd>
          <Fulfilment order={order} />
        </dd>
        <dt>{t('coop.lotCode')}</dt>
        <dd>
          {order.lines.map((l) => (
            <div key={l.id}>
              {l.quantity} × <code>{l.packLot.lotCode}</code>
            </div>
          ))}
        </dd>
      </dl>
      {order.actions.length > 0 ? (
        <div className="order-actions">
          {order.actions.map((action) => (
            <Form method="post" key={action}>
              <input type="hidden" name="orderId" value={order.id} />
              <input type="hidden" name="seen" value={order.status} />
              <button
                type="submit"
                name="action"
                value={action}
                aria-label={`${t(actions[action])} ${order.reference}`}
                // Cancelling is not an order's next step: it does not look like one.
                className={action === 'cancel' ? 'secondary' : undefined}
              >
                {t(actions[action])}
              </button>
            </Form>
          ))}
        </div>
      ) : null}
    </li>
  );
}

function Fulfilment({ order }: { order: QueuedOrder }) {
  const { t, locale } = useI18n();
  const window =
    order.windowStart && order.windowEnd ? formatPickupWindow(locale, order.windowStart, order.windowEnd) : null;
  if (order.fulfilment === 'DELIVERY') return <>{[order.deliveryAddress, window].filter(Boolean).join(' · ')}</>;
  return <>{[order.pickupPoint?.name, window].filter(Boolean).join(' · ') || t('checkout.pickup')}</>;
}
