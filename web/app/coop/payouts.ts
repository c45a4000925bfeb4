// Payouts to member farms (decision 022): pure rules, plain data in and out. Money is whole đồng
// in bigint, never a float; a period is a calendar month in Vietnam's time (UTC+7 all year, no
// daylight saving), written "2026-12".

export type Period = string;
const vietnamOffsetMs = 7 * 3_600_000;
export const periodPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The month a moment falls in, as a farmer in Vietnam would say it. */
export function periodOf(at: Date): Period {
  const local = new Date(at.getTime() + vietnamOffsetMs);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The period's first moment and the next period's first moment (end excluded). */
export function periodBounds(period: Period): { start: Date; end: Date } {
  const match = periodPattern.exec(period);
  if (!match) throw new Error(`not a period: ${period}`);
  const [year, month] = [Number(match[1]), Number(match[2])];
  return {
    start: new Date(Date.UTC(year, month - 1, 1) - vietnamOffsetMs),
    end: new Date(Date.UTC(year, month, 1) - vietnamOffsetMs),
  };
}

/** "2026-12" as people write a month in Vietnam (and in the UK): "12/2026". */
export function periodLabel(period: Period): string {
  const [year, month] = period.split('-');
  return `${month}/${year}`;
}

export function nextPeriod(period: Period): Period {
  return periodOf(periodBounds(period).end);
}

export function previousPeriod(period: Period): Period {
  return periodOf(new Date(periodBounds(period).start.getTime() - 1));
}

/**
 * Where a sale or a refund share is paid out: its own month, or if that month's statement of the
 * farm is paid already (frozen), the farm's first later month whose statement is still open.
 */
export function targetPeriod(own: Period, paidPeriods: ReadonlySet<Period>): Period {
  let period = own;
  while (paidPeriods.has(period)) period = nextPeriod(period);
  return period;
}

/**
 * A refund of an order shared among its lines in proportion to their amounts, in whole đồng. The
 * largest remainder method: each line gets the floor of its exact share, and the đồng left over go
 * one each to the lines with the largest fractions (ties: in the lines' order), so the shares add
 * up to the refund exactly.
 */
export function splitRefund<L extends { id: string; amountVnd: bigint }>(
  refundVnd: bigint,
  lines: readonly L[],
): { line: L; amountVnd: bigint }[] {
  const total = lines.reduce((sum, l) => sum + l.amountVnd, 0n);
  if (total <= 0n) return [];
  const exact = lines.map((line, index) => {
    const numerator = refundVnd * line.amountVnd;
    return { line, index, amountVnd: numerator / total, remainder: numerator % total };
  });
  let left = refundVnd - exact.reduce((sum, s) => sum + s.amountVnd, 0n);
  const byRemainder = [...exact].sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  for (const share of byRemainder) {
    if (left <= 0n) break;
    share.amountVnd += 1n;
    left -= 1n;
  }
  return exact.map(({ line, amountVnd }) => ({ line, amountVnd }));
}

/** Basis points: hundredths of a percent. 10000 is 100 %. */
export const maxBasisPoints = 10_000;

/**
 * The co-op's commission on a statement's total (sales minus refunds), rounded down to the whole
 * đồng (towards minus infinity, also for a negative total): the fraction of a đồng always stays
 * with the farm, and net due is the total minus the commission, so nothing is lost or invented.
 */
export function commissionOf(totalVnd: bigint, basisPoints: number): bigint {
  const product = totalVnd * BigInt(basisPoints);
  const divisor = BigInt(maxBasisPoints);
  const quotient = product / divisor;
  return product % divisor < 0n ? quotient - 1n : quotient;
}

export type PayoutEntry = { kind: 'sale' | 'refund'; amountVnd: bigint };

export type StatementTotals = {
  salesVnd: bigint;
  refundsVnd: bigint;
  totalVnd: bigint;
  commissionVnd: bigint;
  netDueVnd: bigint;
};

export function statementTotals(entries: readonly PayoutEntry[], basisPoints: number): StatementTotals {
  const sum = (kind: PayoutEntry['kind']) =>
    entries.filter((e) => e.kind === kind).reduce((total, e) => total + e.amountVnd, 0n);
  const [salesVnd, refundsVnd] = [sum('sale'), sum('refund')];
  const totalVnd = salesVnd - refundsVnd;
  const commissionVnd = commissionOf(totalVnd, basisPoints);
  return { salesVnd, refundsVnd, totalVnd, commissionVnd, netDueVnd: totalVnd - commissionVnd };
}

/** "12,5" or "12.5" (percent) → 1250 basis points; null if not 0–100 with at most two decimals. */
export function basisPointsOf(percent: string): number | null {
  const match = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*%?\s*$/.exec(percent);
  if (!match) return null;
  const points = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return points <= maxBasisPoints ? points : null;
}

/** 1250 → "12,5 %" in Vietnamese, "12.5 %" in English. */
export function percentOf(basisPoints: number, locale: 'vi' | 'en' = 'vi'): string {
  return `${(basisPoints / 100).toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 })} %`;
}
