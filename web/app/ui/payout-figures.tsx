import { useI18n } from '../i18n/i18n.ts';
import { percentOf } from '../coop/payouts.ts';

/** A statement's figures: sales, refunds, commission at its rate, and what the farm is owed. */
export function PayoutFigures({
  totals,
  basisPoints,
}: {
  totals: { salesVnd: number; refundsVnd: number; commissionVnd: number; netDueVnd: number };
  basisPoints: number;
}) {
  const { t, f, locale } = useI18n();
  return (
    <dl className="payout-figures">
      <dt>{t('payouts.sales')}</dt>
      <dd>{f.vnd(totals.salesVnd)}</dd>
      <dt>{t('payouts.refunds')}</dt>
      <dd>{f.vnd(0 - totals.refundsVnd)}</dd>
      <dt>{t('payouts.commission', { percent: percentOf(basisPoints, locale) })}</dt>
      <dd>{f.vnd(0 - totals.commissionVnd)}</dd>
      <dt>
        <strong>{t('payouts.netDue')}</strong>
      </dt>
      <dd>
        <strong>{f.vnd(totals.netDueVnd)}</strong>
      </dd>
    </dl>
  );
}
