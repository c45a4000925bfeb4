// One storing process of the store-path bench (store-path.ts): opens the bench's PostgreSQL
// database, builds its bridges' messages, says ready, then on request stores them with
// `ingestBatch` in a loop, one batch after another, and answers with its times and CPU.
import { openDatabase } from '@seedline/db/setup';
import { type IngestItem, ingestBatch } from '../app/ingest/store.server.ts';
import { epochMs } from './clock.ts';
import { fleetPayloads } from './payloads.ts';
import { helperChannel, ownCpuMs } from './child.ts';

const [url, countsArg, batchArg] = process.argv.slice(2);
const counts = (countsArg ?? '').split(',').map(Number);
const batchSize = Number(batchArg);
if (!url || !process.send || !counts.every((n) => Number.isInteger(n) && n >= 0) || !(batchSize > 0)) {
  console.error('store-path-process: run by store-path.ts (needs the URL, the counts, the batch size and IPC)');
  process.exit(2);
}
const { send, fail } = helperChannel();

/** The bridges' messages interleaved as a broker delivers them (seq 1 of each, then seq 2, …). */
function interleaved(): IngestItem[] {
  const perBridge = fleetPayloads(counts.map((n) => Math.max(n, 1))).map((b, i) => ({
    ...b,
    payloads: b.payloads.slice(0, counts[i]),
  }));
  const items: IngestItem[] = [];
  const longest = Math.max(...counts);
  for (let seq = 0; seq < longest; seq++) {
    for (const { topic, payloads } of perBridge) {
      const payload = payloads[seq];
      if (payload !== undefined) items.push({ topic, payload, receivedAt: new Date() });
    }
  }
  return items;
}

try {
  const database = await openDatabase({ kind: 'postgres', url });
  // Connected before the clock starts (Prisma connects on first use), so PostgreSQL's backend for
  // this process exists when the bench reads PostgreSQL's CPU time.
  await database.prisma.$queryRaw`SELECT 1`;
  const items = interleaved();
  process.on('message', (message: { type: string }) => {
    if (message.type === 'store') void store().then(send, fail);
    if (message.type === 'close') void database.close().finally(() => process.exit(0));
  });
  const store = async () => {
    const cpuBefore = ownCpuMs();
    const startedAt = epochMs();
    let stored = 0;
    for (let i = 0; i < items.length; i += batchSize) {
      const result = await ingestBatch(database.prisma, items.slice(i, i + batchSize));
      if (result.rejected.length > 0) throw new Error(`rejected: ${JSON.stringify(result.rejected[0])}`);
      stored += result.stored;
    }
    return { type: 'stored', startedAt, endedAt: epochMs(), cpuMs: ownCpuMs() - cpuBefore, stored };
  };
  send({ type: 'ready' });
} catch (error) {
  fail(error);
}
