import { cpus } from 'node:os';
import type { PkiPaths } from '../../infra/local/pki.ts';
import { startIngest } from '../app/ingest/subscriber.server.ts';
import type { BenchArgs } from './args.ts';
import { type BenchBroker, startBenchBroker } from './broker.ts';
import { freshDatabase, seedGreenhouses, storedCounts } from './database.ts';
import { epochMs } from './clock.ts';
import { startFleet } from './fleet.ts';
import { startBenchMosquitto } from './mosquitto.ts';
import { ZONES, messagesPerBridge, thingName } from './payloads.ts';
import { countingSubscriber } from './raw.ts';
import { percentile } from './report.ts';

// One database's run through one broker: a fresh broker and fleet, the raw broker phase, then the
// same messages end to end into a fresh database, then the database is counted. Any loss or
// duplicate throws.

/** The embedded aedes (in a child process or inline, `--broker`) or a private Mosquitto process. */
export type BrokerKind = 'aedes' | 'mosquitto';

export type RunResult = {
  db: 'pglite' | 'postgres';
  broker: BrokerKind;
  messages: number;
  bridges: number;
  rawPerSec: number;
  ingestPerSec: number;
  ratio: number;
  /** The same messages stored through ingest's lanes with no broker or fleet (bench/store.ts). */
  storeOnlyPerSec?: number;
  /** From the last batch stored to the hourly roll-ups counting it. */
  rollupsCurrentMs: number;
  /** Publish rate the fleet reached while ingest ran (first publish to last PUBACK). */
  offeredPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  batches: number;
  /** Copies the broker delivered again (QoS 1), recognised and not stored again. */
  duplicates: number;
  readings: number;
  hourlyRows: number;
  /**
   * CPU used over the end-to-end phase per second of it: the bench process (ingest, PGlite, and the
   * broker or the bridges when inline), the broker's and the fleet's processes (null when inline).
   */
  benchCores: number;
  brokerCores: number | null;
  fleetCores: number | null;
  /** The same for the whole machine (every process: PostgreSQL too), and the cores it has. */
  machineCores: number;
  cores: number;
};

const sinceMs = (from: number, to: number) => Math.max(to - from, 1e-3);

/** CPU milliseconds the whole machine has spent busy (all cores, all processes) since boot. */
const machineBusyMs = () => cpus().reduce((sum, { times }) => sum + times.user + times.nice + times.sys + times.irq, 0);

const startBroker = (kind: BrokerKind, pki: PkiPaths, args: BenchArgs): Promise<BenchBroker> =>
  kind === 'mosquitto' ? startBenchMosquitto(pki) : startBenchBroker(pki, args.broker);

export async function runOnce(
  kind: 'pglite' | 'postgres',
  args: BenchArgs,
  pki: PkiPaths,
  brokerKind: BrokerKind,
): Promise<RunResult> {
  const counts = messagesPerBridge(args.messages, args.bridges);
  const total = args.messages;
  // Generous: a stall fails the run instead of hanging it, without cutting a slow honest one short.
  const timeoutMs = Math.max(120_000, total * 5);

  const db = await freshDatabase(kind, args.pgUrl);
  const broker = await startBroker(brokerKind, pki, args).catch(async (error: unknown) => {
    await db.drop();
    throw error;
  });
  const cleanups: (() => Promise<unknown>)[] = [() => broker.close(), () => db.drop()];
  try {
    await seedGreenhouses(db.database, args.bridges);
    const fleet = await startFleet(pki, broker.port, counts, args.fleet);
    cleanups.unshift(() => fleet.close());

    // ---- raw: the broker's pace with a subscriber that only counts ---------------------------------
    const counter = await countingSubscriber(pki, broker.port);
    cleanups.unshift(() => counter.close());
    const raw = await fleet.publishAll(args.window);
    const rawLastReceived = await counter.received(total, timeoutMs);
    await cleanups.shift()!(); // the counter
    const rawPerSec = total / (sinceMs(raw.firstSentAt, rawLastReceived) / 1000);

    // ---- end to end: the same messages through ingest into the database ----------------------------
    const bridgeOf = new Map(counts.map((_, bridge) => [thingName(bridge), bridge]));
    const storedAt = counts.map((n) => new Float64Array(n + 1));
    const decoder = new TextDecoder();
    let batches = 0;
    let lastStoredAt = 0;
    let lastRollupAt = 0;
    let seenTwice = 0;
    const ingest = startIngest({
      db: db.database.prisma,
      endpoint: '127.0.0.1',
      port: broker.port,
      certPath: pki.ingest.cert,
      keyPath: pki.ingest.key,
      caPath: pki.ca.cert,
      clientId: `seedline-ingest-bench-${process.pid}`,
      batchSize: args.batchSize,
      lanes: args.lanes,
      flushMs: args.flushMs,
      // Room for the whole burst: past `maxBuffered` ingest sheds what comes and counts on the
      // bridges to send it again (decision 041); this bench's fleet publishes each message once.
      maxBuffered: Math.max(50_000, total),
      onRollup: () => (lastRollupAt = epochMs()),
      log: (line) => {
        if (!line.includes('"level":"info"')) console.error(line);
      },
      onBatch: (items) => {
        const now = epochMs();
        batches += 1;
        lastStoredAt = now;
        for (const item of items) {
          const bridge = bridgeOf.get(item.topic.split('/')[2] ?? '');
          const text = typeof item.payload === 'string' ? item.payload : decoder.decode(item.payload);
          const seq = Number(/"seq":(\d+)/.exec(text)?.[1]);
          const times = bridge === undefined ? undefined : storedAt[bridge];
          if (!times || !(seq >= 1 && seq < times.length)) continue; // counted as rejected by ingest
          if (times[seq] !== 0) seenTwice += 1;
          else times[seq] = now;
        }
      },
    });
    cleanups.unshift(() => ingest.close(10_000));
    await ingest.ready();

    const cpuBefore = process.cpuUsage();
    const machineBefore = machineBusyMs();
    const machineFrom = performance.now();
    const brokerCpuBefore = await broker.cpuMs();
    const fleetCpuBefore = await fleet.cpuMs();
    const sent = await fleet.publishAll(args.window);
    // Done when every message is stored (or one was refused). Not when stored + duplicates reach
    // the total: a broker redelivers what ingest had received but not yet acknowledged when a
    // connection dropped, and those copies are duplicates, stored once.
    const stats = await ingest.until((s) => s.stored + s.rejected >= total, timeoutMs);
    const cpu = process.cpuUsage(cpuBefore);
    const machineCores = (machineBusyMs() - machineBefore) / sinceMs(machineFrom, performance.now());
    const brokerCpuAfter = await broker.cpuMs();
    const fleetCpuAfter = await fleet.cpuMs();
    const e2eMs = sinceMs(sent.firstSentAt, lastStoredAt);
    // Ingest refreshes the roll-ups once it has caught up, before `until` sees the last batch.
    const rollupsMs = sinceMs(sent.firstSentAt, Math.max(lastStoredAt, lastRollupAt));

    // Redelivered copies (counted as duplicates, in `seenTwice` too) are QoS 1 at work; a copy
    // stored twice would show as `stored` above the total here and as extra rows below.
    if (stats.rejected !== 0 || stats.stored !== total || seenTwice !== stats.duplicates) {
      throw new Error(
        `ingest did not store each message exactly once: ${JSON.stringify(stats)}, seen twice ${seenTwice}`,
      );
    }
    const delays: number[] = [];
    storedAt.forEach((times, bridge) => {
      for (let seq = 1; seq < times.length; seq++) {
        if (times[seq] === 0) throw new Error(`${thingName(bridge)} seq ${seq}: no batch reported it stored`);
        delays.push(times[seq]! - sent.sentAt[bridge]![seq]!);
      }
    });

    for (const cleanup of cleanups.splice(0, 2)) await cleanup(); // ingest and fleet: quiet before counting
    const stored = await storedCounts(db.database);
    const problems: string[] = [];
    if (stored.messages !== total) problems.push(`${stored.messages} IngestedMessage rows, expected ${total}`);
    if (stored.readings !== total * ZONES.length) {
      problems.push(`${stored.readings} TelemetryReading rows, expected ${total * ZONES.length}`);
    }
    counts.forEach((n, bridge) => {
      const span = stored.perThing.get(thingName(bridge));
      if (!span || span.count !== n || span.minSeq !== 1 || span.maxSeq !== n) {
        problems.push(`${thingName(bridge)}: ${JSON.stringify(span ?? null)}, expected seq 1..${n}`);
      }
    });
    if (stored.hourlySamples !== stored.readings || stored.staleHours !== 0) {
      problems.push(
        `hourly roll-ups count ${stored.hourlySamples} samples for ${stored.readings} readings, ${stored.staleHours} spans still stale`,
      );
    }
    if (problems.length > 0)
      throw new Error(`the database does not hold what was published:\n  ${problems.join('\n  ')}`);

    const ingestPerSec = total / (e2eMs / 1000);
    return {
      db: kind,
      broker: brokerKind,
      messages: total,
      bridges: args.bridges,
      rawPerSec,
      ingestPerSec,
      ratio: ingestPerSec / rawPerSec,
      rollupsCurrentMs: rollupsMs - e2eMs,
      offeredPerSec: total / (sinceMs(sent.firstSentAt, sent.lastAckAt) / 1000),
      p50Ms: percentile(delays, 0.5),
      p99Ms: percentile(delays, 0.99),
      maxMs: percentile(delays, 1),
      batches,
      duplicates: stats.duplicates,
      readings: stored.readings,
      hourlyRows: stored.hourly,
      benchCores: (cpu.user + cpu.system) / 1000 / e2eMs,
      brokerCores:
        brokerCpuBefore === null || brokerCpuAfter === null ? null : (brokerCpuAfter - brokerCpuBefore) / e2eMs,
      fleetCores: fleetCpuBefore === null || fleetCpuAfter === null ? null : (fleetCpuAfter - fleetCpuBefore) / e2eMs,
      machineCores,
      cores: cpus().length,
    };
  } finally {
    for (const cleanup of cleanups)
      await cleanup().catch((error: unknown) => console.error(`bench: cleanup: ${String(error)}`));
  }
}
