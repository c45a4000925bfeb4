// Daily water budget: litres through the zone meter per local day, automatic and manual runs
// together (and any water through a leaking valve: the crop got it too).

import { clear, fmt, raise } from './alarms.ts';
import type { ZoneSettings, ZoneState } from './types.ts';
import type { Work } from './work.ts';

/**
 * Litres since the last reading. The first reading is the baseline; a total that goes backwards
 * (the meter or board restarted) is a new baseline too, never negative water.
 */
export function meterDelta(lastTotal: number | null, total: number): number {
  if (lastTotal === null || !Number.isFinite(total) || total < lastTotal) return 0;
  return total - lastTotal;
}

/**
 * Count this step's litres into the zone's day; the day starts from zero at local midnight.
 * Returns the litres counted.
 */
export function accountLitres(z: ZoneState, total: number | undefined, newDay: boolean): number {
  if (newDay) z.dayLitres = 0;
  if (total === undefined || !Number.isFinite(total)) return 0;
  const litres = meterDelta(z.lastLitresTotal, total);
  z.dayLitres += litres;
  z.lastLitresTotal = total;
  return litres;
}

export function isBudgetReached(z: ZoneState, settings: ZoneSettings | undefined): boolean {
  return settings !== undefined && z.dayLitres >= settings.dailyBudgetLitres;
}

/**
 * Raise 'budget-reached' when the day's litres reach the budget; it clears by itself at local
 * midnight, or at once if the farmer raises the budget (that is the override for a heat wave).
 */
export function checkBudget(w: Work, zoneId: string, z: ZoneState, settings: ZoneSettings | undefined): void {
  const reached = isBudgetReached(z, settings);
  if (reached === z.budgetReached) return;
  z.budgetReached = reached;
  if (reached) {
    raise(
      w,
      zoneId,
      'budget-reached',
      `${fmt(z.dayLitres)} L of ${fmt(settings?.dailyBudgetLitres ?? 0)} L used today`,
    );
  } else {
    clear(w, zoneId, 'budget-reached');
  }
}
