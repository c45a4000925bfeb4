import type { ForwardTraceLine } from '@seedline/db';
import { useI18n } from '../i18n/i18n.ts';

/** `label` names the table's scrolling box: on a phone it scrolls sideways, by keyboard too. */
export function OrderTable({ lines, empty, label }: { lines: ForwardTraceLine[]; empty: string; label: string }) {
  const { t, f } = useI18n();
  if (lines.length === 0) return <p>{empty}</p>;
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('coop.order')}</th>
            <th scope="col">{t('coop.lotCode')}</th>
            <th scope="col">{t('coop.buyer')}</th>
            <th scope="col">{t('coop.phone')}</th>
            <th scope="col">{t('auth.email')}</th>
            <th scope="col">{t('coop.quantity')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={`${line.orderReference}-${line.lotCode}`}>
              <td>
                {line.orderReference} · {t(`order.${line.orderStatus}`)} · {f.date(line.orderedAt)}
              </td>
              <td>
                <code>{line.lotCode}</code>
              </td>
              <td>{line.buyer.name}</td>
              <td>{line.buyer.phone}</td>
              <td>{line.buyer.email ?? '—'}</td>
              <td>{line.quantity}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
