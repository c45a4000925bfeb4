import { periodLabel } from '../coop/payouts.ts';
import { type MessageKey, useI18n } from '../i18n/i18n.ts';

type Item = {
  key: string;
  kind: 'sale' | 'refund';
  at: Date | string;
  period: string;
  orderReference: string;
  productVi: string;
  productEn: string;
  lotCode: string;
  quantity: number;
  amountVnd: number;
};

/**
 * A statement's sold lines or refund shares, one card each (a table of seven columns does not fit
 * a phone). A refund share from an earlier month, there because that month was paid already, says
 * which month it came from.
 */
export function PayoutItemList({
  items,
  period,
  empty,
}: {
  items: readonly Item[];
  period: string;
  empty: MessageKey;
}) {
  const { t, f, locale } = useI18n();
  if (items.length === 0) return <p>{t(empty)}</p>;
  return (
    <ul className="cards payout-items">
      {items.map((item) => (
        <li key={item.key}>
          <p>
            <strong>{item.orderReference}</strong> · {f.dateTime(item.at)}
            {item.period !== period ? ` · ${t('payouts.fromEarlier', { period: periodLabel(item.period) })}` : null}
          </p>
          <p>
            {locale === 'vi' ? item.productVi : item.productEn} · {t('payouts.lot')}{' '}
            <span className="wrap">{item.lotCode}</span>
          </p>
          <p>
            {item.kind === 'sale' ? `${t('payouts.quantity')}: ${item.quantity} · ` : null}
            <strong>{f.vnd(item.kind === 'refund' ? 0 - item.amountVnd : item.amountVnd)}</strong>
          </p>
        </li>
      ))}
    </ul>
  );
}
