import { percentile } from '../report.ts';

// The bench's report: an aligned table for people, one JSON line (the last) for machines.

export const GOAL = { p95Ms: 1_000 };

export type LiveFigures = {
  clients: number;
  greenhouses: number;
  reportsPerSecond: number;
  reportsSent: number;
  expected: number;
  received: number;
  missed: number;
  /** Ingest commit (ingestBatch resolved) → the client read the event, one per (client, report) received. */
  latenciesMs: number[];
  /** The same from ingestBatch's call: with the above, it brackets the time from the real commit. */
  fromCallMs: number[];
  /** ingestBatch's call → resolved, per measured report. */
  storeMs: number[];
  changes: number;
  closed: number;
  rssMb: { idle: number; connected: number; peak: number } | null;
  serverCores: number | null;
};

const round = (value: number, digits: number) => Number(value.toFixed(digits));

export function liveTable(f: LiveFigures): string[] {
  const q = (p: number, values = f.latenciesMs) => percentile(values, p).toFixed(1);
  const spread = (values: number[]) => [0, 0.5, 0.95, 0.99, 1].map((p) => q(p, values)).join(' / ');
  const rows: [string, string][] = [
    ['clients (streams open)', String(f.clients)],
    ['greenhouses (clients each)', `${f.greenhouses} (${(f.clients / f.greenhouses).toFixed(1)})`],
    ['reports stored (per second)', `${f.reportsSent} (${f.reportsPerSecond.toFixed(1)})`],
    ['events expected / received / missed', `${f.expected} / ${f.received} / ${f.missed}`],
    ['commit → event min / p50 / p95 / p99 / max ms', spread(f.latenciesMs)],
    ['ingestBatch called → event, the same', spread(f.fromCallMs)],
    ['ingestBatch called → resolved, the same', spread(f.storeMs)],
    ['`change` events, streams closed', `${f.changes}, ${f.closed}`],
    [
      'server RSS MB: no clients / clients connected / peak',
      f.rssMb ? [f.rssMb.idle, f.rssMb.connected, f.rssMb.peak].map((mb) => mb.toFixed(1)).join(' / ') : '?',
    ],
    ['server CPU cores used (measured part)', f.serverCores?.toFixed(2) ?? '?'],
  ];
  const first = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(first)}  ${value}`);
}

export function goalLine(f: LiveFigures): string {
  const p95 = percentile(f.latenciesMs, 0.95);
  const met = p95 <= GOAL.p95Ms && f.missed === 0;
  return `Goal (p95 ≤ ${GOAL.p95Ms} ms, every event received): ${met ? 'met' : 'MISSED'}`;
}

/** The figures the issue asks for, rounded for reading. */
export function jsonLine(f: LiveFigures): string {
  return JSON.stringify({
    clients: f.clients,
    reportsPerSecond: round(f.reportsPerSecond, 1),
    p50Ms: round(percentile(f.latenciesMs, 0.5), 1),
    p95Ms: round(percentile(f.latenciesMs, 0.95), 1),
    p99Ms: round(percentile(f.latenciesMs, 0.99), 1),
    missed: f.missed,
    rssMb: f.rssMb ? round(f.rssMb.peak, 1) : null,
  });
}
