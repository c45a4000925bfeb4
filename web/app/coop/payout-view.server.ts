import { fromStoredVnd } from '../checkout/amounts.ts';
import type { StatementTotals } from './payouts.ts';
import type { Statement } from './payouts.server.ts';

// Statements as a page's loader sends them: amounts as numbers (exact: fromStoredVnd refuses one
// that is not), no bigint on the wire.

export function totalsView(totals: StatementTotals) {
  return {
    salesVnd: fromStoredVnd(totals.salesVnd),
    refundsVnd: fromStoredVnd(totals.refundsVnd),
    commissionVnd: fromStoredVnd(totals.commissionVnd),
    netDueVnd: fromStoredVnd(totals.netDueVnd),
  };
}

export type TotalsView = ReturnType<typeof totalsView>;

export function statementSummary(s: Statement) {
  return {
    farm: s.farm,
    period: s.period,
    basisPoints: s.basisPoints,
    itemCount: s.items.length,
    totals: totalsView(s.totals),
    paid: s.paid,
  };
}

export function statementView(s: Statement) {
  return {
    ...statementSummary(s),
    items: s.items.map((item) => ({
      key: `${item.orderLineId}:${item.refundId ?? 'sale'}`,
      kind: item.kind,
      at: item.at,
      period: item.period,
      orderReference: item.orderReference,
      productVi: item.productVi,
      productEn: item.productEn,
      lotCode: item.lotCode,
      quantity: item.quantity,
      amountVnd: fromStoredVnd(item.amountVnd),
    })),
  };
}

/** The period's figures added up over every farm. */
export function periodTotals(statements: readonly Statement[]): TotalsView {
  const sum = (pick: (t: StatementTotals) => bigint) => statements.reduce((total, s) => total + pick(s.totals), 0n);
  return totalsView({
    salesVnd: sum((t) => t.salesVnd),
    refundsVnd: sum((t) => t.refundsVnd),
    totalVnd: sum((t) => t.totalVnd),
    commissionVnd: sum((t) => t.commissionVnd),
    netDueVnd: sum((t) => t.netDueVnd),
  });
}
