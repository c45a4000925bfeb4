import type { PrismaClient } from '@seedline/db';
import { telemetryTopic } from '@seedline/firmware-bridge/protocol';
import { ingestBatch } from '../../app/ingest/store.server.ts';
import { telemetry, thingName } from '../payloads.ts';

// The load: telemetry stored by ingest's own store path (ingestBatch, which announces each report in
// its transaction) at a fixed rate, one message per call, round-robin over the greenhouses, from
// this process on a database client of its own, as an ingest process would. Each report carries a
// fresh `at` (epoch ms, rising per greenhouse) that names it; its commit time is when ingestBatch
// resolves here. The schedule does not wait for the database: a slow commit delays its own report,
// not the next one (the rate is what a fleet of bridges offers, whatever the database does).

export type Report = {
  greenhouse: number;
  at: number;
  /** Counted in the figures (false in the warm-up). */
  measured: boolean;
  /** performance.now() when ingestBatch was called. */
  calledMs: number;
  /**
   * performance.now() when ingestBatch resolved; undefined until then, or if it failed. The commit
   * itself (and its NOTIFY) happened between the call and this: a few events are read before it.
   */
  commitMs?: number;
};

export type LoadRun = {
  reports: Report[];
  /** Reports ingest did not store (a rejection or a database error), with why. */
  failures: string[];
  /** Reports per second actually started in the measured part. */
  offeredPerSec: number;
};

export async function runLoad(options: {
  prisma: PrismaClient;
  greenhouses: number;
  rate: number;
  warmupS: number;
  durationS: number;
  onMeasuring?: () => void;
}): Promise<LoadRun> {
  const { greenhouses, rate } = options;
  const reports: Report[] = [];
  const failures: string[] = [];
  const inFlight = new Set<Promise<void>>();
  const seqs = new Array<number>(greenhouses).fill(0);
  const lastAt = new Array<number>(greenhouses).fill(0);
  const total = Math.round((options.warmupS + options.durationS) * rate);
  const warmupReports = Math.round(options.warmupS * rate);
  const start = performance.now();
  let measuredFrom = start;

  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (i === warmupReports) {
      measuredFrom = performance.now();
      options.onMeasuring?.();
    }
    const greenhouse = i % greenhouses;
    const seq = (seqs[greenhouse] ?? 0) + 1;
    seqs[greenhouse] = seq;
    const at = Math.max(Date.now(), (lastAt[greenhouse] ?? 0) + 1);
    lastAt[greenhouse] = at;
    const report: Report = { greenhouse, at, measured: i >= warmupReports, calledMs: performance.now() };
    reports.push(report);
    const message = { ...telemetry(greenhouse, seq), at };
    const stored = ingestBatch(options.prisma, [
      { topic: telemetryTopic(thingName(greenhouse)), payload: JSON.stringify(message), receivedAt: new Date() },
    ]).then(
      (result) => {
        report.commitMs = performance.now();
        if (result.stored !== 1) failures.push(`${thingName(greenhouse)} seq ${seq}: ${JSON.stringify(result)}`);
      },
      (error: unknown) => {
        failures.push(`${thingName(greenhouse)} seq ${seq}: ${String(error)}`);
      },
    );
    inFlight.add(stored);
    void stored.finally(() => inFlight.delete(stored));
  }
  // From the first measured report's start to one interval after the last's.
  const measuredS = (performance.now() - measuredFrom) / 1000 + 1 / rate;
  await Promise.all(inFlight);
  const measured = reports.filter((r) => r.measured).length;
  return { reports, failures, offeredPerSec: measured / measuredS };
}
