import type { RunResult } from './run.ts';

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
      results.map((r) => r.db),
    ),
    ...ROWS.map(([label, cell]) => line(label, results.map(cell))),
  ];
}

/** The figures the issue asks for, rounded for reading. */
export function jsonLine(result: RunResult): string {
  return JSON.stringify({
    db: result.db,
    ingestPerSec: Math.round(result.ingestPerSec),
    rawPerSec: Math.round(result.rawPerSec),
    ratio: Number(result.ratio.toFixed(3)),
    p99Ms: Math.round(result.p99Ms),
    storeOnlyPerSec: result.storeOnlyPerSec === undefined ? null : Math.round(result.storeOnlyPerSec),
    p50Ms: Math.round(result.p50Ms),
    messages: result.messages,
    bridges: result.bridges,
  });
}
