// Ingest benchmark: simulated bridges publish telemetry through a broker (the embedded aedes, then
// a private Mosquitto; mutual TLS, the AWS IoT device SDK on every side) into the database through
// ingest, on PGlite and on PostgreSQL; the same messages also go to a subscriber that only counts,
// for the broker's own rate. Then the store path alone: through ingest's lanes, and (PostgreSQL)
// `ingestBatch` in a loop by one process and by two. Run:
// `npm run bench:ingest [-- --db pglite|postgres|both --brokers aedes|mosquitto|both --messages N]`.
// Prints a table, then one JSON line per database, PostgreSQL's last. See bench/README.md.
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { PkiPaths } from '../../infra/local/pki.ts';
import { type BenchArgs, parseBenchArgs } from './args.ts';
import { benchPki } from './pki.ts';
import { thingName } from './payloads.ts';
import { type DbFigures, jsonLine, storePathLines, table } from './report.ts';
import { type BrokerKind, type RunResult, runOnce } from './run.ts';
import { storeOnly } from './store.ts';
import { storePath } from './store-path.ts';

const GOAL = { perSec: 10_000, ratio: 0.25, storePathPerSec: 25_000, twoProcesses: 1.6 };

const where = (place: 'child' | 'inline') => (place === 'child' ? 'in a process of its own' : 'in this process');

async function main(): Promise<number> {
  const args = parseBenchArgs(process.argv.slice(2));
  const kinds = args.db === 'both' ? (['pglite', 'postgres'] as const) : [args.db];
  const dir = await mkdtemp(path.join(tmpdir(), 'seedline-bench-ingest-'));
  try {
    const things = Array.from({ length: args.bridges }, (_, bridge) => thingName(bridge));
    const pki = await benchPki(path.join(dir, 'pki'), things);
    console.log(
      `Seedline ingest bench: ${args.messages} telemetry messages from ${args.bridges} bridges ` +
        `(${args.window} in flight each), broker ${where(args.broker)}, fleet ${where(args.fleet)}, ` +
        `ingest batch ${args.batchSize ?? 'default'} / lanes ${args.lanes ?? 'default'} / flush ${args.flushMs ?? 'default'} ms`,
    );
    // Others' work on the machine moves every figure: say how busy it was.
    const load = () =>
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${availableParallelism()} cores`;
    console.log(`Before: ${load()}`);
    const brokers: BrokerKind[] = args.brokers === 'both' ? ['aedes', 'mosquitto'] : [args.brokers];
    const figures: DbFigures[] = [];
    for (const kind of kinds) figures.push(await measure(kind, brokers, args, pki));
    console.log(`After: ${load()}`);
    for (const line of table(figures.flatMap((f) => f.runs))) console.log(line);
    const postgres = figures.find((f) => f.db === 'postgres');
    if (postgres?.storePath) for (const line of storePathLines(postgres.storePath)) console.log(line);
    if (postgres) for (const line of goalLines(postgres)) console.log(line);
    console.log('Every message stored exactly once (checked in the database).');
    for (const f of figures) console.log(jsonLine(f));
    return 0;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function measure(
  kind: 'pglite' | 'postgres',
  brokers: BrokerKind[],
  args: BenchArgs,
  pki: PkiPaths,
): Promise<DbFigures> {
  const runs: RunResult[] = [];
  for (const broker of brokers) {
    console.log(`- ${kind}: end to end through ${broker}…`);
    runs.push(await runOnce(kind, args, pki, broker));
  }
  console.log(`- ${kind}: the store path alone, through ingest's lanes…`);
  const storeOnlyPerSec = await storeOnly(kind, args);
  // Several processes on one PGlite data directory corrupt it: the loop figures are PostgreSQL's.
  let storePathRuns: DbFigures['storePath'] = null;
  if (kind === 'postgres') {
    console.log(`- ${kind}: the store path alone, ingestBatch in a loop, 1 process then 2…`);
    storePathRuns = { one: await storePath(args, 1), two: await storePath(args, 2) };
  }
  return { db: kind, runs: runs.map((r) => ({ ...r, storeOnlyPerSec })), storePath: storePathRuns };
}

function goalLines({ runs, storePath: loop }: DbFigures): string[] {
  const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
  const lines: string[] = [];
  const aedes = runs.find((r) => r.broker === 'aedes');
  if (aedes) {
    const met = aedes.ingestPerSec >= GOAL.perSec && aedes.ratio >= GOAL.ratio;
    lines.push(`Goal on PostgreSQL through aedes (≥ ${GOAL.perSec} msg/s and ratio ≥ ${GOAL.ratio}): ${verdict(met)}`);
  }
  const mosquitto = runs.find((r) => r.broker === 'mosquitto');
  if (mosquitto) {
    const met = mosquitto.ingestPerSec >= GOAL.perSec;
    lines.push(`Goal on PostgreSQL through Mosquitto (≥ ${GOAL.perSec} msg/s): ${verdict(met)}`);
  }
  if (loop) {
    const ratio = loop.two.perSec / loop.one.perSec;
    lines.push(
      `Goal for the store path alone (≥ ${GOAL.storePathPerSec} msg/s): ${verdict(loop.one.perSec >= GOAL.storePathPerSec)}; ` +
        `2 processes ≥ ${GOAL.twoProcesses}× one: ${verdict(ratio >= GOAL.twoProcesses)}`,
    );
  }
  return lines;
}

// aws-crt keeps Node alive after its connections close: leave explicitly, with the outcome.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench:ingest FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
