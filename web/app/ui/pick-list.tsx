import type { OrderStatus, PaymentMethod } from '@seedline/db';
import type { LotTotal, PickLine as Line } from '../fulfilment/pick-list.ts';
import { useI18n } from '../i18n/i18n.ts';

type Order = {
  id: string;
  reference: string;
  status: OrderStatus;
  contactName: string;
  contactPhone: string;
  deliveryAddress: string | null;
  paymentMethod: PaymentMethod;
  totalVnd: number;
  lines: readonly Line[];
};

/** A window's pick list, for paper: units per lot first, then each order's bag with a box to tick. */
export function PickListTables({ orders, lots }: { orders: readonly Order[]; lots: readonly LotTotal[] }) {
  const { t, f, locale } = useI18n();
  const product = (l: Line) => (locale === 'vi' ? l.productVi : l.productEn);
  const quantity = (l: Line) => `${l.quantity} × ${t(`listings.unitName.${l.unit}`)}`;
  if (orders.length === 0) return <p>{t('pickup.pick.none')}</p>;
  return (
    <>
      <h2>{t('pickup.pick.lots')}</h2>
      <table className="pick-lots">
        <thead>
          <tr>
            <th scope="col">{t('pickup.pick.lot')}</th>
            <th scope="col">{t('pickup.pick.product')}</th>
            <th scope="col">{t('pickup.pick.quantity')}</th>
            <th scope="col">{t('pickup.pick.orderCount')}</th>
          </tr>
        </thead>
        <tbody>
          {lots.map((lot) => (
            <tr key={lot.lotCode}>
              <td>
                <code>{lot.lotCode}</code>
              </td>
              <td>{product(lot)}</td>
              <td>{quantity(lot)}</td>
              <td>{lot.orders}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('pickup.pick.orders')}</h2>
      <ol className="pick-orders">
        {orders.map((order) => (
          <li key={order.id}>
            <h3>
              {t('pickup.pick.order', { reference: order.reference })} · {t(`order.${order.status}`)}
            </h3>
            <p>
              {t('pickup.pick.contact', { name: order.contactName, phone: order.contactPhone })}
              {order.deliveryAddress ? (
                <>
                  <br />
                  {order.deliveryAddress}
                </>
              ) : null}
              <br />
              {t(`checkout.pay.${order.paymentMethod}`)} · {f.vnd(order.totalVnd)}
            </p>
            <ul>
              {order.lines.map((line) => (
                <li key={line.lotCode}>
                  <label className="choice">
                    <input
                      type="checkbox"
                      aria-label={`${t('pickup.pick.packed')}: ${order.reference} ${line.lotCode}`}
                    />{' '}
                    <span>
                      {product(line)}: {quantity(line)}
                      <br />
                      <code>{line.lotCode}</code>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </>
  );
}
