import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { areaUser } from '../../auth/areas.server.ts';
import { db } from '../../db.server.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';

export const meta = pageTitle('title.account');

export async function loader({ context }: LoaderFunctionArgs) {
  const user = areaUser(context);
  const orders = await db().order.findMany({
    where: { userId: user.id },
    orderBy: { createdAt: 'desc' },
    select: {
      reference: true,
      status: true,
      createdAt: true,
      totalVnd: true,
      lines: {
        select: {
          id: true,
          quantity: true,
          packLot: { select: { lotCode: true, product: { select: { nameVi: true, nameEn: true } } } },
        },
      },
    },
  });
  return { user: { name: user.name, email: user.email, role: user.role }, orders };
}

export default function Account() {
  const { user, orders } = useLoaderData<typeof loader>();
  const { t, f, locale } = useI18n();
  return (
    <>
      <h1>{t('account.title')}</h1>
      <p>
        {user.name} · {user.email} · {t('account.role', { role: t(`role.${user.role}`) })}
      </p>
      <h2>{t('account.orders')}</h2>
      {orders.length === 0 ? <p>{t('account.noOrders')}</p> : null}
      <ul className="orders">
        {orders.map((order) => (
          <li key={order.reference}>
            <Link to={`/orders/${encodeURIComponent(order.reference)}`}>
              <strong>{order.reference}</strong>
            </Link>{' '}
            · {t(`order.${order.status}`)} · {f.date(order.createdAt)} · {f.vnd(order.totalVnd)}
            <ul>
              {order.lines.map((line) => (
                <li key={line.id}>
                  {line.quantity} × {locale === 'vi' ? line.packLot.product.nameVi : line.packLot.product.nameEn} —{' '}
                  <Link to={`/batches/${encodeURIComponent(line.packLot.lotCode)}`}>
                    {t('account.lot', { lotCode: line.packLot.lotCode })}
                  </Link>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </>
  );
}
