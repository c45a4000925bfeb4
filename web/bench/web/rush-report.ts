import { type LatencyFigures, latencyByKind, statusCounts } from './latency.ts';
import { RUSH_KINDS, type RushKind } from './mix.ts';
import type { RushResult } from './rush.ts';

// The steady rush, reported: latency overall and by kind of request, and what it cost the server.

export type RushFigures = {
  rate: number;
  seconds: number;
  latency: Record<RushKind | 'all', LatencyFigures>;
  statuses: Record<string, number>;
  /** Server CPU per request sent: what the mix costs, whatever share of the machine it had. */
  serverCpuMsPerRequest: number | null;
  cores: { server: number | null; database: number | null; tool: number };
  /** How far behind its schedule the sender fell at worst (its own event loop's lag). */
  maxLateMs: number;
  firstError?: string;
};

export function rushFigures(result: RushResult, run: { rate: number; seconds: number }): RushFigures {
  const { cpu, samples } = result;
  const cores = (ms: number | null) => (ms === null ? null : ms / cpu.elapsedMs);
  return {
    ...run,
    latency: latencyByKind(samples),
    statuses: statusCounts(samples),
    serverCpuMsPerRequest: cpu.serverMs === null ? null : cpu.serverMs / samples.length,
    cores: { server: cores(cpu.serverMs), database: cores(cpu.databaseMs), tool: cpu.toolMs / cpu.elapsedMs },
    maxLateMs: result.maxLateMs,
    ...(result.firstError ? { firstError: result.firstError } : {}),
  };
}

export function rushTable(f: RushFigures): string[] {
  const columns = ['requests', 'failed', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'];
  const line = (label: string, cells: string[]) => label.padEnd(12) + cells.map((c) => c.padStart(10)).join('');
  const fixed = (value: number) => value.toFixed(1);
  const cpu = [f.cores.server, f.cores.database, f.cores.tool].map((c) => c?.toFixed(2) ?? '?').join(' / ');
  return [
    `\nSteady rush: ${f.rate} requests/s for ${f.seconds} s, 40 % catalogue, 40 % batch pages, 20 % cart-add ` +
      `(latency from when each was due to its last byte):`,
    line('', columns),
    ...(['all', ...RUSH_KINDS] as const).map((kind) => {
      const l = f.latency[kind];
      return line(kind, [
        String(l.count),
        String(l.failed),
        fixed(l.p50Ms),
        fixed(l.p90Ms),
        fixed(l.p99Ms),
        fixed(l.maxMs),
      ]);
    }),
    `server CPU ${f.serverCpuMsPerRequest?.toFixed(1) ?? '?'} ms a request; CPU cores server / database / tool ${cpu}; ` +
      `sender at worst ${f.maxLateMs.toFixed(1)} ms behind its schedule`,
    `answers: ${Object.entries(f.statuses)
      .map(([status, count]) => `${status} × ${count}`)
      .join(', ')}${f.firstError ? `; first failure: ${f.firstError}` : ''}`,
  ];
}

const round = (value: number | null, digits: number) => (value === null ? null : Number(value.toFixed(digits)));

export function rushJson(f: RushFigures) {
  const latency = (l: LatencyFigures) => ({
    count: l.count,
    failed: l.failed,
    p50Ms: round(l.p50Ms, 1),
    p90Ms: round(l.p90Ms, 1),
    p99Ms: round(l.p99Ms, 1),
  });
  return {
    rate: f.rate,
    seconds: f.seconds,
    ...latency(f.latency.all),
    byKind: Object.fromEntries(RUSH_KINDS.map((kind) => [kind, latency(f.latency[kind])])),
    statuses: f.statuses,
    serverCpuMsPerRequest: round(f.serverCpuMsPerRequest, 2),
    cpuCores: { server: round(f.cores.server, 2), database: round(f.cores.database, 2) },
  };
}
