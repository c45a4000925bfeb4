// The baseline: a fixed timer programme, as most net houses run today. Same start times every
// day, the same minutes every run, zones staggered so no two share the pump; a zone's runs begin
// the day it is planted. It is tuned with hindsight of this very season: for each zone, bisection
// on the minutes per run finds the least water that meets the criterion over the counted 30 days
// (to 1/2^16 of the range, well under a second), the spin-up run included. Several programmes
// (1, 2 or 3 runs a day) are tuned and the thriftiest kept. A real farmer's timer, set once
// without knowing the weather, can only do worse.

import { advance, createGreenhouse, type SimOutputs, type WeatherState } from '../src/sim/index.ts';
import { finish, open, sample, tracker, type ZoneStats } from './metrics.ts';
import { DAY, DAYS, END, MINUTE, SEED, START, ZONES, greenhouseSpec, plantedOn } from './scenario.ts';

export type TimerProgramme = {
  name: string;
  /** Local minute of day of each run of the first zone; zone i starts `i × staggerMinutes` later. */
  startMinutes: number[];
  staggerMinutes: number;
};

/** A run may last at most the stagger, so zones never overlap on the pump. */
export const PROGRAMMES: TimerProgramme[] = [
  { name: '1 run/day from 05:30', startMinutes: [330], staggerMinutes: 150 },
  { name: '2 runs/day from 06:00 and 13:00', startMinutes: [360, 780], staggerMinutes: 75 },
  { name: '3 runs/day from 06:00, 11:00 and 16:00', startMinutes: [360, 660, 960], staggerMinutes: 75 },
];

/**
 * What the tuned timer must achieve in each zone over the counted days: no stress at all
 * (`stress-free`, the headline), or also end with at least the water it started with
 * (`no-drawdown`: a programme that can run again next month, not living off the soil's store).
 */
export type Criterion = 'stress-free' | 'no-drawdown';

/** A store at field capacity is full: a bed that started above it (still draining) need only end at it. */
function meets(s: ZoneStats, zone: number, c: Criterion): boolean {
  const full = (ZONES[zone] as (typeof ZONES)[number]).soil.fieldCapacity;
  return s.stressMs === 0 && (c === 'stress-free' || s.thetaEnd >= Math.min(s.thetaStart, full));
}

const BISECTION_STEPS = 16;
const MAX_STEP_MS = MINUTE;

/**
 * The programme's valve switches in time order: instant `at[k]`, and `code[k]` = zone × 2, + 1 for
 * an opening. Typed arrays rather than ~1,000 objects per season: objects that live a whole season
 * survive the young generation's collections, and V8 grows the young generation (up to 32 MB) once
 * enough bytes have survived. Over the baselines' ~290 seasons these lists and the weather below
 * were most of what survived, and that growth was most of the ~30 MB the baselines added to the
 * run's peak RSS.
 */
type Schedule = { at: Float64Array; code: Uint8Array; length: number };

/**
 * Built in time order, not sorted: a run lasts at most the stagger, so a zone's valve closes by
 * the time the next zone's opens (the check below holds the programmes to that). Switches at the
 * same instant are all applied before the greenhouse moves, so their order among them is moot.
 */
function switches(p: TimerProgramme, minutes: readonly number[], spinUpDays: number): Schedule {
  const capacity = (spinUpDays + DAYS) * p.startMinutes.length * ZONES.length * 2;
  const s: Schedule = { at: new Float64Array(capacity), code: new Uint8Array(capacity), length: 0 };
  const push = (at: number, code: number) => {
    if (s.length > 0 && at < (s.at[s.length - 1] as number)) throw new Error(`timer: "${p.name}" runs overlap`);
    s.at[s.length] = at;
    s.code[s.length++] = code;
  };
  for (let day = -spinUpDays; day < DAYS; day++) {
    for (const start of p.startMinutes) {
      ZONES.forEach((z, zone) => {
        const length = Math.round((minutes[zone] ?? 0) * MINUTE);
        if (length <= 0 || !plantedOn(z, day)) return;
        // Local minute → epoch ms: START is local midnight of day 0.
        const at = START + day * DAY + (start + zone * p.staggerMinutes) * MINUTE;
        push(at, zone * 2 + 1);
        push(at + length, zone * 2);
      });
    }
  }
  return s;
}

/**
 * One weather series per seed and spin-up, shared by every season run in it (all on the same
 * greenhouse spec). A series is the same whoever reads it first: its days are drawn in order from
 * its own stream and kept. So this changes no figure, and the ~45 days of objects a fresh series
 * built during each season no longer survive into the old generation, season after season.
 */
const weathers = new Map<string, WeatherState>();

function sharedWeather(seed: number, spinUpDays: number, fresh: WeatherState): WeatherState {
  const key = `${seed}/${spinUpDays}`;
  const known = weathers.get(key);
  if (known) return known;
  weathers.set(key, fresh);
  return fresh;
}

/** One season under the programme with these minutes per run (per zone), in the weather of `seed`. */
export function timerSeason(
  p: TimerProgramme,
  minutes: readonly number[],
  spinUpDays: number,
  seed = SEED,
): ZoneStats[] {
  const gh = createGreenhouse({ ...greenhouseSpec(spinUpDays), seed });
  gh.weather = sharedWeather(seed, spinUpDays, gh.weather);
  const t = tracker();
  const events = switches(p, minutes, spinUpDays);
  const isOpen = ZONES.map(() => false);
  // One outputs object, rewritten at each switch (the greenhouse reads it only during `advance`).
  const outputs: SimOutputs = { valves: {}, pump: false, masterValve: false };
  let next = 0;
  while (gh.now < END) {
    if (gh.now === START) open(t, gh);
    while (next < events.length && (events.at[next] as number) <= gh.now) {
      const code = events.code[next++] as number;
      isOpen[code >> 1] = (code & 1) === 1;
      outputs.pump = outputs.masterValve = isOpen.some(Boolean);
      ZONES.forEach((z, i) => (outputs.valves[z.id] = isOpen[i] === true));
    }
    const nextAt = next < events.length ? (events.at[next] as number) : Infinity;
    const until = Math.min(END, gh.now + MAX_STEP_MS, nextAt, gh.now < START ? START : END);
    const dt = until - gh.now;
    advance(gh, dt, outputs);
    sample(t, gh, dt);
  }
  return finish(t, gh);
}

export type TunedTimer = { programme: TimerProgramme; minutes: number[]; stats: ZoneStats[]; feasible: boolean };

/** Least minutes per run, per zone, meeting the criterion; `feasible` false if even the longest run fails a zone. */
export function tuneTimer(p: TimerProgramme, spinUpDays: number, criterion: Criterion, seed = SEED): TunedTimer {
  const lo = ZONES.map(() => 0);
  const hi = ZONES.map(() => p.staggerMinutes);
  const atMax = timerSeason(p, hi, spinUpDays, seed);
  if (atMax.some((s, i) => !meets(s, i, criterion)))
    return { programme: p, minutes: hi, stats: atMax, feasible: false };
  for (let step = 0; step < BISECTION_STEPS; step++) {
    const mid = ZONES.map((_, i) => ((lo[i] as number) + (hi[i] as number)) / 2);
    // Zones never share the pump under a timer, so each zone's outcome depends on its own minutes only.
    timerSeason(p, mid, spinUpDays, seed).forEach((s, i) => {
      if (meets(s, i, criterion)) hi[i] = mid[i] as number;
      else lo[i] = mid[i] as number;
    });
  }
  const stats = timerSeason(p, hi, spinUpDays, seed);
  return { programme: p, minutes: hi, stats, feasible: stats.every((s, i) => meets(s, i, criterion)) };
}

/** The feasible programme that uses the least water in total. */
export function bestTimer(spinUpDays: number, criterion: Criterion): { best: TunedTimer; all: TunedTimer[] } {
  const all = PROGRAMMES.map((p) => tuneTimer(p, spinUpDays, criterion));
  const litres = (t: TunedTimer) => t.stats.reduce((s, z) => s + z.appliedLitres, 0);
  const feasible = all.filter((t) => t.feasible).sort((a, b) => litres(a) - litres(b));
  const best = feasible[0];
  if (!best) throw new Error(`no timer programme meets "${criterion}" in every zone, even at its longest runs`);
  return { best, all };
}

/**
 * Context, not the headline: a farmer sets a timer before the season, not after it. The least
 * minutes per run that keep each zone out of stress in every one of these Mays (this season's
 * seed among them), run on this season.
 */
export function robustTimer(p: TimerProgramme, seeds: readonly number[], spinUpDays: number): TunedTimer {
  const minutes = ZONES.map(() => 0);
  let feasible = true;
  for (const seed of seeds) {
    const tuned = tuneTimer(p, spinUpDays, 'stress-free', seed);
    feasible &&= tuned.feasible;
    tuned.minutes.forEach((m, i) => (minutes[i] = Math.max(minutes[i] as number, m)));
  }
  return { programme: p, minutes, stats: timerSeason(p, minutes, spinUpDays), feasible };
}
