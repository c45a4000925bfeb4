// Season benchmark: the real controller (src/control `step`) on the virtual greenhouse (src/sim)
// against a fixed timer programme tuned to the least water that keeps every zone out of water
// stress. Run: `npx tsx bench/irrigation.ts` (or `npm run bench:irrigation`) in firmware-bridge.
// The last line is one JSON object; see bench/README.md for what each number means.

import { controllerSeason } from './controller.ts';
import { sum } from './metrics.ts';
import { fixed, pct, percentiles, share, waterSpent, weatherLine, zoneTable } from './report.ts';
import { DAYS, SEED, TICK_MS, ZONES, settingsOf } from './scenario.ts';
import { bestTimer, robustTimer } from './timer.ts';

/** Other Mays a farmer's timer would have had to survive (for the context line only). */
const OTHER_SEASONS = [1, 2, 3, 4, 5, 6, 7];

const started = process.hrtime.bigint();
/** RSS before any work: node itself and the tsx loader. */
const baseRssMb = process.memoryUsage().rss / 1048576;
const { best: timer, all: programmes } = bestTimer();
const robust = robustTimer(timer.programme, [SEED, ...OTHER_SEASONS]);
const controller = controllerSeason();
const { median, p99 } = percentiles(controller.stepNs);
const rssMb = process.resourceUsage().maxRSS / 1024; // maxRSS is in kilobytes
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

const c = controller.stats;
const t = timer.stats;
const applied = sum(c, 'appliedLitres');
const timerApplied = sum(t, 'appliedLitres');
const need = sum(c, 'etcLitres');
const totals = {
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
  savingVsTimer: 1 - share(applied, timerApplied),
  savingVsTimerStorageAdjusted: 1 - share(waterSpent(c), waterSpent(t)),
  savingVsPresetTimer: 1 - share(applied, sum(robust.stats, 'appliedLitres')),
  tickMs: median / 1e6,
  tickP99Ms: p99 / 1e6,
  rssMb,
  seconds,
};

const goals: [string, boolean][] = [
  ['time in band ≥ 0.98 (strict)', totals.timeInBand >= 0.98],
  ['zero stress hours', totals.stressHours === 0],
  ['water over need ≤ 1.10', totals.waterOverEtc <= 1.1],
  ['saving vs timer ≥ 0.30', totals.savingVsTimer >= 0.3],
  ['tick < 1 ms', totals.tickMs < 1],
  ['RSS < 120 MB', rssMb < 120],
];

const lines = [
  `Seedline irrigation season: virtual net house, Thanh Hóa 19.8° N, 1–${DAYS} May 2025, seed ${SEED}, ${ZONES.length} zones`,
  weatherLine(),
  `Controller: src/control step() every ${TICK_MS / 1000} s of simulated time, DEFAULT_LIMITS (2 zones at once); ` +
    `max run per cycle ${ZONES.map((z) => `${z.id} ${settingsOf(z).maxRunMinutes}`).join(', ')} min, soak 30 min, 05:00–18:00.`,
  `Timer: "${timer.programme.name}", minutes per run tuned with hindsight of this season: ` +
    ZONES.map((z, i) => `${z.id} ${fixed(timer.minutes[i] ?? NaN, 2)}`).join(', '),
  `  (other programmes, total litres: ${programmes.map((p) => `${p.programme.name} ${fixed(sum(p.stats, 'appliedLitres'), 0)}`).join('; ')})`,
  '',
  'inBand = true θ within [low, high]; ±0.5 = within [low − 0.5, high + 0.5] % VWC; settld = strict, from first entry',
  'into the band (the beds start at field capacity, above it); stress h = hours below θt, controller/timer.',
  ...zoneTable(c, t),
  '',
  `Drained below the roots: controller ${fixed(sum(c, 'drainedLitres'), 0)} L, timer ${fixed(sum(t, 'drainedLitres'), 0)} L. ` +
    `Water spent (crop ET + drainage): controller ${fixed(waterSpent(c), 0)} L, timer ${fixed(waterSpent(t), 0)} L: ` +
    `saving ${pct(totals.savingVsTimerStorageAdjusted)} once the soil store each leaves behind is counted.`,
  `Context: a timer preset to survive ${OTHER_SEASONS.length + 1} different Mays (seeds ${SEED}, ${OTHER_SEASONS.join(', ')}) ` +
    `applies ${fixed(sum(robust.stats, 'appliedLitres'), 0)} L this season; the controller saves ${pct(totals.savingVsPresetTimer)} against it.`,
  `Controller events: ${Object.values(controller.events.starts).reduce((a, b) => a + b, 0)} cycles, stops by rule ` +
    `${JSON.stringify(controller.events.stopRules)}, ${controller.events.alarms.length} alarms.`,
  `Controller tick: median ${fixed(median / 1000, 2)} µs per step (p99 ${fixed(p99 / 1000, 2)} µs) over ${controller.stepNs.length} steps; ` +
    `peak RSS ${fixed(rssMb, 1)} MB (${fixed(baseRssMb, 1)} MB of it before any work: node and the tsx loader); ` +
    `benchmark ${fixed(seconds, 1)} s.`,
  `Goals: ${goals.map(([name, ok]) => `${ok ? 'met' : 'MISSED'}: ${name}`).join('; ')}`,
  JSON.stringify(Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, Number(v.toPrecision(4))]))),
];
for (const line of lines) console.log(line);
