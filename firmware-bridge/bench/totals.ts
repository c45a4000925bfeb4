// The season's figures for one run of both strategies (controller and tuned timer), as printed
// and as the JSON line's keys.

import { sum, type ZoneStats } from './metrics.ts';

export const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/**
 * Water a strategy let go over the counted days, by the balance: what the crop used plus what
 * drained below the roots, i.e. litres applied less the water left in the soil's store. Unlike
 * litres applied it does not reward drawing the store down by the last day.
 */
export function waterSpent(stats: ZoneStats[]): number {
  return sum(stats, 'actualEtLitres') + sum(stats, 'drainedLitres');
}

export type Totals = ReturnType<typeof totalsOf>;

export function totalsOf(c: ZoneStats[], t: ZoneStats[]) {
  const applied = sum(c, 'appliedLitres');
  const timerApplied = sum(t, 'appliedLitres');
  const need = sum(c, 'etcLitres');
  return {
    timeInBand: share(sum(c, 'inBandMs'), sum(c, 'totalMs')),
    timeInBandTolerant: share(sum(c, 'inBandTolerantMs'), sum(c, 'totalMs')),
    timeInBandSettled: share(sum(c, 'settledInBandMs'), sum(c, 'settledMs')),
    stressHours: sum(c, 'stressMs') / 3_600_000,
    timerStressHours: sum(t, 'stressMs') / 3_600_000,
    litres: applied,
    timerLitres: timerApplied,
    etcLitres: need,
    waterOverEtc: share(applied, need),
    timerOverEtc: share(timerApplied, need),
    /** Litres the soil store gained (negative: drawn down) over the counted days. */
    storedLitres: sum(c, 'storedLitres'),
    timerStoredLitres: sum(t, 'storedLitres'),
    savingVsTimer: 1 - share(applied, timerApplied),
    savingVsTimerStorageAdjusted: 1 - share(waterSpent(c), waterSpent(t)),
  };
}
