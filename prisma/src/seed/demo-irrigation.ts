// What a demo zone's bridge would have reported while a planting grew: hourly roll-ups and
// irrigation runs from a small soil-water model, so batch pages have a real-looking record. Pure
// and deterministic: the same zone and period give the same rows on every run.
//
// The model, in 5-minute steps: the crop draws water by day (more at midday, more as it grows,
// more on hot days), drip runs start below the band and stop at its top or after the longest run,
// only inside the watering window and within the daily budget, as the bridge's controller does.
// One power cut at the gateway leaves a day with no data and no watering: the gap the batch page
// must show as a gap.

export type DemoZoneSettings = {
  moistureLow: number;
  moistureHigh: number;
  maxRunMinutes: number;
  minSoakMinutes: number;
  dailyBudgetLitres: number;
  windows: readonly { from: string; to: string }[];
};

export type DemoIrrigationInput = {
  /** Seeds the weather and sensor noise: a zone's own. */
  key: string;
  /** Whole hours: the first step and the end (exclusive). */
  from: Date;
  to: Date;
  areaM2: number;
  settings: DemoZoneSettings;
};

export type DemoHour = {
  hour: Date;
  samples: number;
  moistureMin: number;
  moistureAvg: number;
  moistureMax: number;
  inBandShare: number;
  litres: number;
  temperature: number;
  humidity: number;
};

export type DemoRun = {
  startedAt: Date;
  endedAt: Date;
  startRule: 'band-low';
  stopRule: 'band-high' | 'max-run' | 'budget' | 'window-closed' | 'interrupted';
  litres: number;
  status: 'COMPLETED' | 'INTERRUPTED';
};

export type DemoPowerCut = { from: Date; to: Date };

const STEP_MS = 5 * 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const VIETNAM_MS = 7 * HOUR_MS;
/** Litres per m² that move the root zone's moisture by one percentage point (300 mm of soil). */
const LITRES_PER_M2_PER_POINT = 3;
/** Drip lines deliver about 3 L/m² an hour (the demo bridge's zone z1: 6 L/min on 120 m²). */
const FLOW_LPM_PER_M2 = 0.05;
/** Reference evapotranspiration of a Thanh Hóa net house in autumn, mm a day. */
const ET0_MM_PER_DAY = 3.2;
/** Share of the sine-shaped daytime demand summed over a day's steps, plus the small night draw. */
const NIGHT_WEIGHT = 0.03;
const DAY_WEIGHT_SUM = 144 * (2 / Math.PI) + 144 * NIGHT_WEIGHT;

/** The gateway's power cut: 27 hours from 13:00 on the day 45% of the way through the period. */
export function demoPowerCut(from: Date, to: Date): DemoPowerCut {
  const days = Math.floor((to.getTime() - from.getTime()) / DAY_MS);
  const start = from.getTime() + Math.floor(days * 0.45) * DAY_MS + 13 * HOUR_MS;
  return { from: new Date(start), to: new Date(start + 27 * HOUR_MS) };
}

export function demoIrrigation({ key, from, to, areaM2, settings }: DemoIrrigationInput): {
  hours: DemoHour[];
  runs: DemoRun[];
  powerCut: DemoPowerCut;
} {
  const random = mulberry32(hash(key));
  const cut = demoPowerCut(from, to);
  const windows = settings.windows.map((w) => [minutes(w.from), minutes(w.to)] as const);
  const flowLitresPerStep = areaM2 * FLOW_LPM_PER_M2 * 5;
  const pointsPerLitre = 1 / (areaM2 * LITRES_PER_M2_PER_POINT);

  let moisture = (settings.moistureLow + settings.moistureHigh) / 2;
  let run: { startedAt: number; litres: number } | null = null;
  let lastStop = -Infinity;
  let weatherDay = -1;
  let weather = 1;
  let dayLitres = 0;
  const runs: DemoRun[] = [];
  const hours: DemoHour[] = [];
  let bucket: { hour: number; moisture: number[]; litres: number; temperature: number[] } | null = null;

  const stop = (at: number, stopRule: DemoRun['stopRule']) => {
    if (!run) return;
    runs.push({
      startedAt: new Date(run.startedAt),
      endedAt: new Date(at),
      startRule: 'band-low',
      stopRule,
      litres: round(run.litres, 1),
      status: stopRule === 'interrupted' ? 'INTERRUPTED' : 'COMPLETED',
    });
    run = null;
    lastStop = at;
  };
  const flush = () => {
    if (bucket) hours.push(hourRow(bucket, settings));
    bucket = null;
  };

  for (let t = from.getTime(); t < to.getTime(); t += STEP_MS) {
    const local = t + VIETNAM_MS;
    const day = Math.floor(local / DAY_MS);
    const minuteOfDay = Math.floor((local - day * DAY_MS) / 60_000);
    if (day !== weatherDay) {
      weatherDay = day;
      weather = 0.6 + 0.7 * random();
      dayLitres = 0;
    }

    // The crop draws water whether or not anyone is measuring.
    const grown = Math.min(1, (t - from.getTime()) / (30 * DAY_MS));
    const kc = 0.45 + 0.6 * grown;
    const sun = Math.max(0, Math.sin((Math.PI * (minuteOfDay - 360)) / 720));
    const demandMm = (ET0_MM_PER_DAY * weather * kc * (sun + NIGHT_WEIGHT)) / DAY_WEIGHT_SUM;
    moisture -= demandMm / LITRES_PER_M2_PER_POINT;

    if (t >= cut.from.getTime() && t < cut.to.getTime()) {
      // No power: no watering, no readings.
      stop(t, 'interrupted');
      continue;
    }

    const inWindow = windows.some(([a, b]) => minuteOfDay >= a && minuteOfDay < b);
    if (run) {
      if (moisture >= settings.moistureHigh) stop(t, 'band-high');
      else if (t - run.startedAt >= settings.maxRunMinutes * 60_000) stop(t, 'max-run');
      else if (!inWindow) stop(t, 'window-closed');
      else if (dayLitres + flowLitresPerStep > settings.dailyBudgetLitres) stop(t, 'budget');
    } else if (
      moisture < settings.moistureLow &&
      inWindow &&
      t - lastStop >= settings.minSoakMinutes * 60_000 &&
      dayLitres + flowLitresPerStep <= settings.dailyBudgetLitres
    ) {
      run = { startedAt: t, litres: 0 };
    }
    let litres = 0;
    if (run) {
      litres = flowLitresPerStep;
      run.litres += litres;
      dayLitres += litres;
      moisture += litres * pointsPerLitre;
    }

    const hour = Math.floor(t / HOUR_MS) * HOUR_MS;
    if (bucket && bucket.hour !== hour) flush();
    bucket ??= { hour, moisture: [], litres: 0, temperature: [] };
    // Capacitive sensors wander by about a tenth of a point.
    bucket.moisture.push(moisture + (random() - 0.5) * 0.2);
    bucket.litres += litres;
    bucket.temperature.push(24 + 8 * sun * weather + (random() - 0.5));
  }
  flush();
  // A run still open at the end has not been reported stopped yet: it is not a run record.
  return { hours, runs, powerCut: cut };
}

function hourRow(
  bucket: { hour: number; moisture: number[]; litres: number; temperature: number[] },
  settings: DemoZoneSettings,
): DemoHour {
  const m = bucket.moisture;
  const inBand = m.filter((v) => v >= settings.moistureLow && v <= settings.moistureHigh).length;
  const temperature = mean(bucket.temperature);
  return {
    hour: new Date(bucket.hour),
    samples: m.length,
    moistureMin: round(Math.min(...m), 2),
    moistureAvg: round(mean(m), 2),
    moistureMax: round(Math.max(...m), 2),
    inBandShare: round(inBand / m.length, 4),
    litres: round(bucket.litres, 1),
    temperature: round(temperature, 1),
    // Net-house air: damp at dawn, drier in the afternoon heat.
    humidity: round(Math.min(95, 118 - 2 * temperature), 1),
  };
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** FNV-1a: a string to a 32-bit seed. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A small seeded generator: the demo must come out the same every time. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
