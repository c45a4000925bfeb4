import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANE_DEFAULTS } from '../app/ingest/lanes.server.ts';
import type { BenchArgs } from './args.ts';
import { type Helper, forkHelper } from './child.ts';
import { freshDatabase, seedGreenhouses, storedCounts } from './database.ts';
import { ZONES, messagesPerBridge } from './payloads.ts';

// The store path alone, as the issue defines it: `ingestBatch` in a loop (no lanes, no broker, no
// fleet) on PostgreSQL, by one process and by two side by side on disjoint bridges. Each storing
// process is a child of its own (store-path-process.ts), so one and two are measured the same way;
// PostgreSQL's CPU over the same time says where the cores went when two are not twice one.

export type StorePathRun = {
  processes: number;
  perSec: number;
  /** CPU cores used per storing process, and by PostgreSQL's processes, over the run. */
  processCores: number[];
  postgresCores: number;
};

type Reply = { type: 'ready' } | { type: 'stored'; startedAt: number; endedAt: number; cpuMs: number; stored: number };

const childEntry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'store-path-process.ts');

/** `processes` children share the bridges (bridge b goes to child b mod processes). */
export async function storePath(args: BenchArgs, processes: number): Promise<StorePathRun> {
  const counts = messagesPerBridge(args.messages, args.bridges);
  const db = await freshDatabase('postgres', args.pgUrl);
  const children: Helper<Reply>[] = [];
  try {
    await seedGreenhouses(db.database, args.bridges);
    const batch = String(args.batchSize ?? LANE_DEFAULTS.batchSize);
    const ready: Promise<Reply>[] = [];
    for (let p = 0; p < processes; p++) {
      const mine = counts.map((n, bridge) => (bridge % processes === p ? n : 0));
      const child = forkHelper<Reply>(`store path ${p + 1}`, childEntry, [db.url!, mine.join(','), batch]);
      children.push(child);
      // Asked at once: a helper drops a message that comes while no question waits for it.
      ready.push(child.ask());
    }
    for (const reply of await Promise.all(ready)) expect(reply, 'ready');
    const pgBefore = await postgresCpuMs();
    const replies = await Promise.all(children.map((child) => child.ask({ type: 'store' })));
    const pgAfter = await postgresCpuMs();
    const done = replies.map((reply) => expect(reply, 'stored'));
    const startedAt = Math.min(...done.map((d) => d.startedAt));
    const seconds = (Math.max(...done.map((d) => d.endedAt)) - startedAt) / 1000;
    const stored = await storedCounts(db.database);
    if (stored.messages !== args.messages || stored.readings !== args.messages * ZONES.length) {
      throw new Error(`store path (${processes} processes): ${stored.messages} messages, ${stored.readings} readings`);
    }
    return {
      processes,
      perSec: args.messages / seconds,
      processCores: done.map((d) => d.cpuMs / 1000 / seconds),
      postgresCores: (pgAfter - pgBefore) / 1000 / seconds,
    };
  } finally {
    for (const child of children) await child.close().catch(() => undefined);
    await db.drop();
  }
}

function expect<T extends Reply['type']>(reply: Reply, type: T): Extract<Reply, { type: T }> {
  if (reply.type !== type) throw new Error(`a store-path process answered ${reply.type}, expected ${type}`);
  return reply as Extract<Reply, { type: T }>;
}

/** CPU time (user + system, ms) of every `postgres` process on the machine, from /proc (Linux). */
async function postgresCpuMs(): Promise<number> {
  let ticks = 0;
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const close = stat.lastIndexOf(')');
    if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
    const fields = stat.slice(close + 2).split(' ');
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after "pid (comm) ".
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}
