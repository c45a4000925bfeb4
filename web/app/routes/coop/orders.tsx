import { type LoaderFunctionArgs, data } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { OrderStatus } from '@seedline/db';
import { z } from 'zod';
import { areaUser } from '../../auth/areas.server.ts';
import { db } from '../../db.server.ts';
import { formAction } from '../../forms/form-action.server.ts';
import { useFormResult } from '../../forms/form-result.ts';
import { type MessageKey, pageTitle, useI18n } from '../../i18n/i18n.ts';
import { orderQueue } from '../../orders/queue.server.ts';
import { type StaffAction, runStaffAction, staffActions } from '../../orders/staff-actions.server.ts';
import { FormError } from '../../ui/form-error.tsx';
import { OrderCard } from '../../ui/order-card.tsx';

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
  const { t } = useI18n();
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
      {/* One card per order, its actions full width under it: a phone at 360 px shows all of it
          without scrolling sideways (a table of five columns did not fit). */}
      <ol className="order-queue">
        {orders.map((order) => (
          <OrderCard key={order.id} order={order} actions={actionLabels} />
        ))}
      </ol>
    </>
  );
}
