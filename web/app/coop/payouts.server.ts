import { type Db, type Tx, inTransaction } from '@seedline/db';
import { type PayoutItemRow, itemKey, payoutItemsBefore } from './payout-items.server.ts';
import { type Period, type StatementTotals, periodBounds, periodOf, statementTotals, targetPeriod } from './payouts.ts';

// Payout statements per farm and month (decision 022). An open statement is computed from the
// orders each time it is looked at, at the co-op's current commission; marking it paid writes it
// down with its items and rate, and from then on it is read, never recomputed (the database
// refuses to change it). A sale or refund share that arrives for a paid month goes into the
// farm's next open month.

export type PaidBy = { reference: string; at: Date; byName: string };
export type Statement = {
  farm: { id: string; name: string; code: string };
  period: Period;
  basisPoints: number;
  items: PayoutItemRow[];
  totals: StatementTotals;
  paid: PaidBy | null;
};

/** The commission the admin set last (basis points); 0 until one is set. */
export async function currentBasisPoints(db: Db | Tx): Promise<number> {
  const rate = await db.payoutCommissionRate.findFirst({ orderBy: { setAt: 'desc' }, select: { basisPoints: true } });
  return rate?.basisPoints ?? 0;
}

export async function setCommission(db: Db, basisPoints: number, byUserId: string, now: Date) {
  await db.payoutCommissionRate.create({ data: { basisPoints, setById: byUserId, setAt: now } });
}

/** Every farm's statement of the period, paid ones as written and open ones as they stand. */
export async function periodStatements(db: Db | Tx, period: Period): Promise<Statement[]> {
  const [farms, paid, paidOut, items, basisPoints] = await Promise.all([
    db.farm.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, code: true } }),
    db.payoutStatement.findMany({ select: { farmId: true, period: true } }),
    db.payoutItem.findMany({ select: { orderLineId: true, refundId: true } }),
    payoutItemsBefore(db, periodBounds(period).end),
    currentBasisPoints(db),
  ]);
  const frozen = new Set(paidOut.map(itemKey));
  const paidPeriods = (farmId: string) => new Set(paid.filter((s) => s.farmId === farmId).map((s) => s.period));
  return Promise.all(
    farms.map(async (farm) => {
      if (paidPeriods(farm.id).has(period)) return paidStatement(db, farm, period);
      const mine = openItems(items, frozen, farm.id, period, paidPeriods(farm.id));
      return { farm, period, basisPoints, items: mine, totals: statementTotals(mine, basisPoints), paid: null };
    }),
  );
}

/** The farm's items that belong in its open statement of `period`, each sale counted once. */
function openItems(
  items: readonly PayoutItemRow[],
  frozen: ReadonlySet<string>,
  farmId: string,
  period: Period,
  paidPeriods: ReadonlySet<Period>,
): PayoutItemRow[] {
  const seen = new Set(frozen);
  return items
    .filter((item) => item.farmId === farmId && targetPeriod(item.period, paidPeriods) === period)
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.orderLineId.localeCompare(b.orderLineId))
    .filter((item) => !seen.has(itemKey(item)) && Boolean(seen.add(itemKey(item))));
}

async function paidStatement(db: Db | Tx, farm: Statement['farm'], period: Period): Promise<Statement> {
  const s = await db.payoutStatement.findUniqueOrThrow({
    where: { farmId_period: { farmId: farm.id, period } },
    include: { items: { orderBy: [{ at: 'asc' }, { orderLineId: 'asc' }] }, paidBy: { select: { name: true } } },
  });
  const lines = await db.orderLine.findMany({
    where: { id: { in: s.items.map((i) => i.orderLineId) } },
    select: {
      id: true,
      quantity: true,
      order: { select: { reference: true } },
      packLot: { select: { lotCode: true, product: { select: { nameVi: true, nameEn: true } } } },
    },
  });
  const byId = new Map(lines.map((l) => [l.id, l]));
  const items = s.items.flatMap((i) => {
    const line = byId.get(i.orderLineId);
    if (!line) return [];
    const item: PayoutItemRow = {
      kind: i.refundId ? 'refund' : 'sale',
      orderLineId: i.orderLineId,
      refundId: i.refundId,
      farmId: farm.id,
      at: i.at,
      period: periodOf(i.at),
      amountVnd: i.amountVnd,
      orderReference: line.order.reference,
      productVi: line.packLot.product.nameVi,
      productEn: line.packLot.product.nameEn,
      lotCode: line.packLot.lotCode,
      quantity: line.quantity,
    };
    return [item];
  });
  const totalVnd = s.salesVnd - s.refundsVnd;
  return {
    farm,
    period,
    basisPoints: s.commissionBasisPoints,
    items,
    totals: {
      salesVnd: s.salesVnd,
      refundsVnd: s.refundsVnd,
      totalVnd,
      commissionVnd: s.commissionVnd,
      netDueVnd: s.netDueVnd,
    },
    paid: { reference: s.paidReference, at: s.paidAt, byName: s.paidBy.name },
  };
}

export async function statementOf(db: Db | Tx, farmId: string, period: Period): Promise<Statement | null> {
  const statements = await periodStatements(db, period);
  return statements.find((s) => s.farm.id === farmId) ?? null;
}

export type MarkPaidOutcome = 'paid' | 'already-paid' | 'no-farm';

/** Writes the farm's open statement down as paid, with what it holds now; never twice. */
export async function markStatementPaid(
  db: Db,
  input: { farmId: string; period: Period; reference: string; byUserId: string; now: Date },
): Promise<MarkPaidOutcome> {
  try {
    return await inTransaction(db, async (tx) => {
      const statement = await statementOf(tx, input.farmId, input.period);
      if (!statement) return 'no-farm';
      if (statement.paid) return 'already-paid';
      await tx.payoutStatement.create({ data: statementRow(statement, input) });
      return 'paid';
    });
  } catch (error) {
    // Two admins marking the same statement at once: the unique (farm, period) lets one through.
    if (isUniqueViolation(error)) return 'already-paid';
    throw error;
  }
}

function statementRow(statement: Statement, input: { reference: string; byUserId: string; now: Date }) {
  const { totals } = statement;
  return {
    farmId: statement.farm.id,
    period: statement.period,
    commissionBasisPoints: statement.basisPoints,
    salesVnd: totals.salesVnd,
    refundsVnd: totals.refundsVnd,
    commissionVnd: totals.commissionVnd,
    netDueVnd: totals.netDueVnd,
    paidReference: input.reference,
    paidById: input.byUserId,
    paidAt: input.now,
    items: {
      create: statement.items.map(({ orderLineId, refundId, amountVnd, at }) => ({
        orderLineId,
        refundId,
        amountVnd,
        at,
      })),
    },
  };
}

function isUniqueViolation(error: unknown) {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2002';
}
