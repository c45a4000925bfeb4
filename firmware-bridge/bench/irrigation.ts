// Season benchmark: the real controller (src/control `step`) on the virtual greenhouse (src/sim)
// against a fixed timer programme tuned to the least water that keeps every zone out of water
// stress. Each strategy runs the greenhouse from a spin-up before 1 May; 1–30 May is counted.
// The same season again with melon-1's moisture sensor dead from day 10 (fallback watering).
// Run: `npx tsx bench/irrigation.ts [spin-up days]` (or `npm run bench:irrigation`) in firmware-bridge.
// The last line is one JSON object; see bench/README.md for what each number means.

import { controllerSeason } from './controller.ts';
import { sum } from './metrics.ts';
import { fixed, pct, percentiles, weatherLine, zoneTable } from './report.ts';
import { DAY, DAYS, SEED, SPIN_UP_DAYS, START, TICK_MS, ZONES, settingsOf, thresholdOf } from './scenario.ts';
import { bestTimer, robustTimer } from './timer.ts';
import { share, totalsOf, waterSpent, type Totals } from './totals.ts';

/** The sensor that dies in the fallback season: melon-1's (the shallowest, sandiest bed), on day 10 (0 = 1 May), for good. */
const SENSOR_DEATH = { zoneId: 'melon-1', at: START + 10 * DAY };

/** Other Mays a farmer's timer would have had to survive (for the context line only). */
const OTHER_SEASONS = [1, 2, 3, 4, 5, 6, 7];

const arg = process.argv[2];
const spinUpDays = arg === undefined ? SPIN_UP_DAYS : Number(arg);
if (!(Number.isInteger(spinUpDays) && spinUpDays >= 0)) throw new Error('spin-up days: a whole number, 0 or more');

const started = process.hrtime.bigint();
/** RSS before any work: node itself and the tsx loader. */
const baseRssMb = process.memoryUsage().rss / 1048576;

/** The controller's season and its tick times, without keeping the 3 MB of them through the rest of the run. */
function controllerRun(spinUpDays: number) {
  const { stats, events, stepNs } = controllerSeason(spinUpDays);
  return { stats, events, steps: stepNs.length, ...percentiles(stepNs) };
}

// The headline: each strategy from its own state after the spin-up. The controller runs first;
// the peak RSS read after it is node, the loader, the model and the controller (maxRSS is in kB).
const controller = controllerRun(spinUpDays);
const rssMbControllerSeason = process.resourceUsage().maxRSS / 1024;
const { median, p99 } = controller;
// The same season with melon-1's sensor dying (its step times are not counted in tickMs).
const faulted = controllerSeason(spinUpDays, SENSOR_DEATH);
const fallback = faulted.fallback;
if (!fallback) throw new Error('bench: the fallback season has no fallback figures');
const { best: timer, all: programmes } = bestTimer(spinUpDays, 'stress-free');
const { best: steady } = bestTimer(spinUpDays, 'no-drawdown');
const robust = robustTimer(timer.programme, [SEED, ...OTHER_SEASONS], spinUpDays);
// The earlier definition, for comparison: no spin-up, every bed at field capacity on 1 May.
const before = totalsOf(controllerSeason(0).stats, bestTimer(0, 'stress-free').best.stats);
// The process's peak over the whole run, the baselines' ~290 timer seasons included: the figure
// the memory goal is judged on.
const rssMb = process.resourceUsage().maxRSS / 1024;
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

const c = controller.stats;
const t = timer.stats;
const now = totalsOf(c, t);
const vsSteady = totalsOf(c, steady.stats);
const totals = {
  ...now,
  spinUpDays,
  spinUpStressHours: sum(c, 'spinUpStressMs') / 3_600_000,
  timerSpinUpStressHours: sum(t, 'spinUpStressMs') / 3_600_000,
  noDrawdownTimerLitres: vsSteady.timerLitres,
  savingVsNoDrawdownTimer: vsSteady.savingVsTimer,
  savingVsNoDrawdownTimerStorageAdjusted: vsSteady.savingVsTimerStorageAdjusted,
  savingVsPresetTimer: 1 - share(now.litres, sum(robust.stats, 'appliedLitres')),
  tickMs: median / 1e6,
  tickP99Ms: p99 / 1e6,
  rssMb,
  rssMbControllerSeason,
  seconds,
  timeInBandNoSpinUp: before.timeInBand,
  timeInBandSettledNoSpinUp: before.timeInBandSettled,
  stressHoursNoSpinUp: before.stressHours,
  litresNoSpinUp: before.litres,
  timerLitresNoSpinUp: before.timerLitres,
  waterOverEtcNoSpinUp: before.waterOverEtc,
  savingVsTimerNoSpinUp: before.savingVsTimer,
  savingVsTimerStorageAdjustedNoSpinUp: before.savingVsTimerStorageAdjusted,
  fallbackStressHours: fallback.stressMs / 3_600_000,
  fallbackOverEtc: share(fallback.appliedLitres, fallback.etcLitres),
};

const goals: [string, boolean][] = [
  ['time in band ≥ 0.98 (strict)', totals.timeInBand >= 0.98],
  ['zero stress hours', totals.stressHours === 0],
  ['water over need ≤ 1.10', totals.waterOverEtc <= 1.1],
  ['saving vs timer ≥ 0.30', totals.savingVsTimer >= 0.3],
  ['tick < 1 ms', totals.tickMs < 1],
  ['fallback: zero stress hours', totals.fallbackStressHours === 0],
  ['fallback water over need ≤ 1.15', totals.fallbackOverEtc <= 1.15],
  ['RSS < 120 MB', rssMb < 120],
];

const W = [34, 7, 7, 9, 7, 7, 7, 6, 8, 8, 8, 8];
const cell = (x: string | number, i: number) => String(x).padStart(W[i] ?? 8);
const header = [
  'counted 1–30 May',
  'inBand',
  'settld',
  'stress h',
  'ctrl L',
  'timer L',
  'ETc L',
  'c/ETc',
  'store c',
  'store t',
  'saving',
  'spent',
];
const definition = (name: string, x: Totals) =>
  [
    name,
    fixed(x.timeInBand, 3),
    fixed(x.timeInBandSettled, 3),
    `${fixed(x.stressHours, 1)}/${fixed(x.timerStressHours, 1)}`,
    fixed(x.litres, 0),
    fixed(x.timerLitres, 0),
    fixed(x.etcLitres, 0),
    fixed(x.waterOverEtc, 2),
    fixed(x.storedLitres, 0),
    fixed(x.timerStoredLitres, 0),
    pct(x.savingVsTimer),
    pct(x.savingVsTimerStorageAdjusted),
  ]
    .map(cell)
    .join(' ');

/** The fallback season: the dead sensor's zone while in fallback, and the season as a whole. */
function fallbackLines(): string[] {
  if (!fallback) return [];
  const i = ZONES.findIndex((z) => z.id === SENSOR_DEATH.zoneId);
  const dead = faulted.stats[i];
  const healthy = c[i];
  if (!dead || !healthy) return [];
  const day = (SENSOR_DEATH.at - START) / DAY;
  return [
    `Fallback season: ${SENSOR_DEATH.zoneId}'s moisture sensor unplugged on day ${day} (${day + 1} May 00:00), never back. ` +
      `In fallback ${fixed(fallback.ms / 3_600_000, 1)} h: ${fixed(fallback.appliedLitres, 0)} L applied against ` +
      `${fixed(fallback.etcLitres, 0)} L ETc (${fixed(totals.fallbackOverEtc, 3)}), ${fixed(totals.fallbackStressHours, 1)} stress h, ` +
      `${fallback.starts} fallback-et cycles, stops ${JSON.stringify(fallback.stopRules)}.`,
    `  ${SENSOR_DEATH.zoneId} over 1–${DAYS} May: ${fixed(dead.appliedLitres, 0)} L (healthy season ${fixed(healthy.appliedLitres, 0)} L), ` +
      `θ ${fixed(dead.minTheta, 2)}–${fixed(dead.maxTheta, 2)} % (θt ${fixed(thresholdOf(ZONES[i] as (typeof ZONES)[number]), 1)}), ` +
      `drained ${fixed(dead.drainedLitres, 0)} L, ${fixed(dead.stressMs / 3_600_000, 1)} stress h; ` +
      `whole season ${fixed(sum(faulted.stats, 'stressMs') / 3_600_000, 1)} stress h, ${faulted.events.alarms.length} alarms ` +
      `(${[...new Set(faulted.events.alarms.map((e) => (e.type === 'alarm-raised' ? e.alarm : '')))].join(', ')}).`,
  ];
}

const lines = [
  `Seedline irrigation season: virtual net house, Thanh Hóa 19.8° N, 1–${DAYS} May 2025 counted after a ${spinUpDays}-day spin-up, seed ${SEED}, ${ZONES.length} zones`,
  weatherLine('Weather 1–30 May', 0, DAYS, spinUpDays),
  ...(spinUpDays > 0 ? [weatherLine(`Spin-up (${spinUpDays} days to 30 Apr)`, -spinUpDays, 0, spinUpDays)] : []),
  `Controller: src/control step() every ${TICK_MS / 1000} s of simulated time, DEFAULT_LIMITS (2 zones at once); ` +
    `max run per cycle ${ZONES.map((z) => `${z.id} ${settingsOf(z).maxRunMinutes}`).join(', ')} min, soak 30 min, 05:00–18:00.`,
  `Timer: "${timer.programme.name}", minutes per run tuned with hindsight of this season to no stress: ` +
    ZONES.map((z, i) => `${z.id} ${fixed(timer.minutes[i] ?? NaN, 2)}`).join(', '),
  `  (other programmes, total litres: ${programmes.map((p) => `${p.programme.name} ${fixed(sum(p.stats, 'appliedLitres'), 0)}`).join('; ')})`,
  `No-drawdown timer: "${steady.programme.name}", also ends May with each bed at least as wet as on 1 May: ` +
    ZONES.map((z, i) => `${z.id} ${fixed(steady.minutes[i] ?? NaN, 2)}`).join(', '),
  '',
  'inBand = true θ within [low, high]; ±0.5 = within [low − 0.5, high + 0.5] % VWC; settld = strict, from first entry',
  'into the band on or after 1 May; stress h = hours below θt, controller/timer.',
  ...zoneTable(c, t),
  '',
  'Definitions side by side (store = litres the soil store gained over May, controller/timer; saving on litres applied; spent = on crop ET + drainage):',
  header.map(cell).join(' '),
  definition('no spin-up, beds at FC (earlier)', before),
  definition(`${spinUpDays}-day spin-up (headline)`, now),
  definition(`${spinUpDays}-day spin-up, no-drawdown timer`, vsSteady),
  '',
  `Drained below the roots: controller ${fixed(sum(c, 'drainedLitres'), 0)} L, timer ${fixed(sum(t, 'drainedLitres'), 0)} L. ` +
    `Water spent (crop ET + drainage): controller ${fixed(waterSpent(c), 0)} L, timer ${fixed(waterSpent(t), 0)} L.`,
  `Spin-up stress hours (not judged): controller ${fixed(totals.spinUpStressHours, 1)}, timer ${fixed(totals.timerSpinUpStressHours, 1)}.`,
  `Context: a timer preset to survive ${OTHER_SEASONS.length + 1} different Mays (seeds ${SEED}, ${OTHER_SEASONS.join(', ')}) ` +
    `applies ${fixed(sum(robust.stats, 'appliedLitres'), 0)} L this season; the controller saves ${pct(totals.savingVsPresetTimer)} against it.`,
  `Controller events from 1 May: ${Object.values(controller.events.starts).reduce((a, b) => a + b, 0)} cycles, stops by rule ` +
    `${JSON.stringify(controller.events.stopRules)}, ${controller.events.alarms.length} alarms.`,
  ...fallbackLines(),
  `Controller tick: median ${fixed(median / 1000, 2)} µs per step (p99 ${fixed(p99 / 1000, 2)} µs) over ${controller.steps} steps; ` +
    `peak RSS of the whole benchmark ${fixed(rssMb, 1)} MB, baselines included (${fixed(rssMbControllerSeason, 1)} MB once ` +
    `the controller's season had run, ${fixed(baseRssMb, 1)} MB before any work: node and the tsx loader); ` +
    `benchmark ${fixed(seconds, 1)} s.`,
  `Goals: ${goals.map(([name, ok]) => `${ok ? 'met' : 'MISSED'}: ${name}`).join('; ')}`,
  JSON.stringify(Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, Number(v.toPrecision(4))]))),
];
for (const line of lines) console.log(line);
