// Checks on a zone's settings before the bridge accepts them (from the shadow or its config
// file). The core assumes settings that pass; this is where a bad one is answered with a reason.

import { parseHhMm } from './windows.ts';
import type { ZoneSettings } from './types.ts';

/** Problems with the settings, one readable line each; empty when they can be applied. */
export function zoneSettingsProblems(s: ZoneSettings): string[] {
  const problems: string[] = [];
  const finite = (n: number) => Number.isFinite(n);
  if (!finite(s.moistureLow) || !finite(s.moistureHigh) || s.moistureLow < 0 || s.moistureHigh > 100) {
    problems.push('moisture band must be within 0..100 %');
  } else if (s.moistureLow >= s.moistureHigh) {
    problems.push('moistureLow must be below moistureHigh (the band needs hysteresis)');
  }
  if (!finite(s.maxRunMinutes) || s.maxRunMinutes <= 0) problems.push('maxRunMinutes must be above 0');
  if (!finite(s.minSoakMinutes) || s.minSoakMinutes < 0) problems.push('minSoakMinutes must be 0 or more');
  if (!finite(s.dailyBudgetLitres) || s.dailyBudgetLitres < 0) problems.push('dailyBudgetLitres must be 0 or more');
  for (const w of s.windows) {
    if (parseHhMm(w.from) === null || parseHhMm(w.to) === null) {
      problems.push(`window ${w.from}–${w.to}: times must be "HH:MM", 24 h`);
    }
  }
  return problems;
}
