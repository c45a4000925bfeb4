import { type IngestStats, startLanes } from '../app/ingest/lanes.server.ts';
import type { BenchArgs } from './args.ts';
import { freshDatabase, seedGreenhouses, storedCounts } from './database.ts';
import { ZONES, fleetPayloads, messagesPerBridge } from './payloads.ts';

// The store path alone: the same messages handed to ingest's lanes in one burst, in the order a
// broker interleaves bridges, with no broker, TLS or fleet on the machine. What ingest and the
// database can do by themselves; the end-to-end figure is this plus the broker's and the fleet's
// share of the same cores.

export async function storeOnly(kind: 'pglite' | 'postgres', args: BenchArgs): Promise<number> {
  const counts = messagesPerBridge(args.messages, args.bridges);
  const perBridge = fleetPayloads(counts);
  const items: { topic: string; payload: string; receivedAt: Date }[] = [];
  for (let seq = 0; items.length < args.messages; seq++) {
    for (const { topic, payloads } of perBridge) {
      const payload = payloads[seq];
      if (payload !== undefined) items.push({ topic, payload, receivedAt: new Date() });
    }
  }
  const db = await freshDatabase(kind, args.pgUrl);
  try {
    await seedGreenhouses(db.database, args.bridges);
    const counters: IngestStats = { received: 0, stored: 0, duplicates: 0, rejected: 0, clamped: 0, shed: 0 };
    const lanes = startLanes({
      db: db.database.prisma,
      lanes: args.lanes,
      batchSize: args.batchSize,
      flushMs: args.flushMs,
      log: (level, msg, fields) => {
        if (level !== 'info') console.error(JSON.stringify({ level, msg, ...fields }));
      },
      counters,
      notify: () => undefined,
    });
    const started = performance.now();
    for (const item of items) lanes.receive(item);
    const left = await lanes.drain(Date.now() + Math.max(120_000, args.messages * 5));
    const seconds = (performance.now() - started) / 1000;
    const stored = await storedCounts(db.database);
    if (left !== 0 || counters.stored !== args.messages || stored.readings !== args.messages * ZONES.length) {
      throw new Error(`store path: ${JSON.stringify(counters)}, ${left} left, ${stored.readings} readings`);
    }
    return args.messages / seconds;
  } finally {
    await db.drop();
  }
}
