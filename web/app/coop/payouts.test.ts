import { describe, expect, it } from 'vitest';
import {
  basisPointsOf,
  commissionOf,
  periodBounds,
  periodLabel,
  periodOf,
  splitRefund,
  statementTotals,
  targetPeriod,
} from './payouts.ts';

describe('payout periods', () => {
  it('are calendar months in Vietnam: from 17:00 UTC on 31 October it is November there, written 11/2026', () => {
    expect(periodOf(new Date('2026-10-31T16:59:59Z'))).toBe('2026-10');
    expect(periodOf(new Date('2026-10-31T17:00:00Z'))).toBe('2026-11');
    expect(periodLabel('2026-10')).toBe('10/2026');
    expect(periodBounds('2026-12')).toEqual({
      start: new Date('2026-11-30T17:00:00Z'),
      end: new Date('2026-12-31T17:00:00Z'),
    });
  });

  it('send what belongs to a paid month to the farm’s next open month', () => {
    expect(targetPeriod('2026-10', new Set())).toBe('2026-10');
    expect(targetPeriod('2026-11', new Set(['2026-11', '2026-12']))).toBe('2027-01');
  });
});

describe('payout arithmetic', () => {
  it('shares a refund among an order’s lines to the đồng, the leftover đồng to the largest fractions', () => {
    const lines = [
      { id: 'a', amountVnd: 33_333n },
      { id: 'b', amountVnd: 33_333n },
      { id: 'c', amountVnd: 33_334n },
    ];
    const shares = splitRefund(10_001n, lines).map((s) => s.amountVnd);
    expect(shares.reduce((a, b) => a + b)).toBe(10_001n);
    expect(shares).toEqual([3334n, 3333n, 3334n]);
  });

  it('rounds the commission down so the fraction stays with the farm, and net due makes up the rest', () => {
    expect(commissionOf(99_999n, 1235)).toBe(12_349n); // 12 349,8765
    expect(commissionOf(-99_999n, 1235)).toBe(-12_350n);
    const totals = statementTotals(
      [
        { kind: 'sale', amountVnd: 99_999n },
        { kind: 'refund', amountVnd: 3_333n },
      ],
      1235,
    );
    expect(totals).toEqual({
      salesVnd: 99_999n,
      refundsVnd: 3_333n,
      totalVnd: 96_666n,
      commissionVnd: 11_938n,
      netDueVnd: 84_728n,
    });
  });

  it('reads a percentage typed either way, and refuses one over 100 %', () => {
    expect(basisPointsOf('12,5')).toBe(1250);
    expect(basisPointsOf('12.35')).toBe(1235);
    expect(basisPointsOf('100')).toBe(10_000);
    expect(basisPointsOf('120')).toBeNull();
    expect(basisPointsOf('-1')).toBeNull();
    expect(basisPointsOf('1.234')).toBeNull();
  });
});
