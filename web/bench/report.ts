import type { RunResult } from './run.ts';
import type { StorePathRun } from './store-path.ts';

// The bench's report: an aligned table for people, one JSON line for machines.

/** The q-quantile (0..1) by nearest rank; sorts a copy. */
export function percentile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

const ROWS: [string, (r: RunResult) => string][] = [
  ['raw broker rate (msg/s)', (r) => r.rawPerSec.toFixed(0)],
  ['end to end, stored (msg/s)', (r) => r.ingestPerSec.toFixed(0)],
  ['ratio to raw', (r) => r.ratio.toFixed(3)],
  ['store path alone, no broker (msg/s)', (r) => r.storeOnlyPerSec?.toFixed(0) ?? '—'],
  ['hourly roll-ups current after (ms)', (r) => r.rollupsCurrentMs.toFixed(0)],
  ['fleet publish rate meanwhile (msg/s)', (r) => r.offeredPerSec.toFixed(0)],
  ['publish → stored p50 (ms)', (r) => r.p50Ms.toFixed(0)],
  ['publish → stored p99 (ms)', (r) => r.p99Ms.toFixed(0)],
  ['publish → stored max (ms)', (r) => r.maxMs.toFixed(0)],
  ['batches (mean messages)', (r) => `${r.batches} (${(r.messages / r.batches).toFixed(0)})`],
  ['redelivered copies, not stored again', (r) => String(r.duplicates)],
  ['rows: readings / hourly', (r) => `${r.readings} / ${r.hourlyRows}`],
  [
    'CPU cores used: ingest (bench) / broker / fleet',
    (r) =>
      `${r.benchCores.toFixed(2)} / ${r.brokerCores?.toFixed(2) ?? 'inline'} / ${r.fleetCores?.toFixed(2) ?? 'inline'}`,
  ],
  ['CPU cores used: whole machine (of)', (r) => `${r.machineCores.toFixed(2)} (${r.cores})`],
];

export function table(results: RunResult[]): string[] {
  const first = Math.max(...ROWS.map(([label]) => label.length));
  const width = 24;
  const line = (label: string, cells: string[]) => label.padEnd(first) + cells.map((c) => c.padStart(width)).join('');
  return [
    line(
      '',
      results.map((r) => `${r.db} / ${r.broker}`),
    ),
    ...ROWS.map(([label, cell]) => line(label, results.map(cell))),
  ];
}

/** One database's figures: its end-to-end runs (one per broker) and its store-path runs. */
export type DbFigures = {
  db: 'pglite' | 'postgres';
  runs: RunResult[];
  /** `ingestBatch` in a loop by one process and by two side by side (PostgreSQL only). */
  storePath: { one: StorePathRun; two: StorePathRun } | null;
};

const round = (n: number | undefined) => (n === undefined ? null : Math.round(n));

/** The figures the issue asks for, rounded for reading: aedes's under the names they always had. */
export function jsonLine({ db, runs, storePath }: DbFigures): string {
  const aedes = runs.find((r) => r.broker === 'aedes');
  const mosquitto = runs.find((r) => r.broker === 'mosquitto');
  const any = aedes ?? mosquitto;
  return JSON.stringify({
    db,
    ingestPerSec: round(aedes?.ingestPerSec),
    rawPerSec: round(aedes?.rawPerSec),
    ratio: aedes ? Number(aedes.ratio.toFixed(3)) : null,
    p99Ms: round(aedes?.p99Ms),
    storeOnlyPerSec: round(any?.storeOnlyPerSec),
    p50Ms: round(aedes?.p50Ms),
    messages: any?.messages ?? null,
    bridges: any?.bridges ?? null,
    mosquittoPerSec: round(mosquitto?.ingestPerSec),
    mosquittoRawPerSec: round(mosquitto?.rawPerSec),
    mosquittoP99Ms: round(mosquitto?.p99Ms),
    storePathPerSec: round(storePath?.one.perSec),
    storePath2ProcessesPerSec: round(storePath?.two.perSec),
    storePath2ProcessesRatio: storePath ? Number((storePath.two.perSec / storePath.one.perSec).toFixed(2)) : null,
  });
}

/** The store-path runs for people: rates, the ratio, and where the CPU went. */
export function storePathLines({ one, two }: { one: StorePathRun; two: StorePathRun }): string[] {
  const cores = (run: StorePathRun) =>
    `ingest ${run.processCores.map((c) => c.toFixed(2)).join(' + ')}, PostgreSQL ${run.postgresCores.toFixed(2)}`;
  return [
    `store path, ingestBatch in a loop, 1 process:  ${one.perSec.toFixed(0)} msg/s (CPU cores: ${cores(one)})`,
    `store path, ingestBatch in a loop, 2 processes: ${two.perSec.toFixed(0)} msg/s (CPU cores: ${cores(two)})`,
    `2 processes / 1: ${(two.perSec / one.perSec).toFixed(2)}×`,
  ];
}
