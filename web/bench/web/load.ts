import autocannon, { type Result } from 'autocannon';
import { cpuMeter } from './cpu.ts';
import type { BenchServer } from './server.ts';
import type { Target, TargetName } from './targets.ts';

// One target under load: a warm-up whose figures are thrown away (JIT, the database pool and
// PostgreSQL's caches), then the measured run, both with the same connections.

export type TargetResult = {
  name: TargetName;
  label: string;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** 2xx and 3xx answers in the measured run. */
  ok: number;
  /** Anything else: 1xx/4xx/5xx answers, socket errors and timeouts, warm-up included. */
  failed: number;
  statuses: Record<string, number>;
  /** CPU used per second of the measured run: server process, its PostgreSQL backends, this (the load tool's) process. */
  serverCores: number | null;
  databaseCores: number | null;
  toolCores: number;
};

export async function loadTarget(
  server: BenchServer,
  target: Target,
  options: { connections: number; duration: number; warmup: number; database: string },
): Promise<TargetResult> {
  const run = (duration: number) =>
    autocannon({
      url: server.url,
      connections: options.connections,
      duration,
      // 10 s is autocannon's default; said here so a stalled page counts as failed, not as slow.
      timeout: 10,
      requests: target.requests,
    });
  const warm = options.warmup > 0 ? await run(options.warmup) : undefined;
  const meter = cpuMeter(() => server.cpuMs(), options.database);
  const result = await run(options.duration);
  const cpu = meter();
  const cores = (ms: number | null) => (ms === null ? null : ms / cpu.elapsedMs);
  return {
    name: target.name,
    label: target.label,
    requestsPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok: result['2xx'] + result['3xx'],
    failed: failures(result) + (warm ? failures(warm) : 0),
    statuses: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])),
    serverCores: cores(cpu.serverMs),
    databaseCores: cores(cpu.databaseMs),
    toolCores: cpu.toolMs / cpu.elapsedMs,
  };
}

function failures(result: Result): number {
  // autocannon counts a timeout among its errors too.
  return result['1xx'] + result['4xx'] + result['5xx'] + result.errors;
}
