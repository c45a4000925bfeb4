// Ingest benchmark: simulated bridges publish telemetry through the embedded aedes broker (mutual
// TLS, the AWS IoT device SDK on every side) into the database through ingest, on PGlite and on
// PostgreSQL; the same messages also go to a subscriber that only counts, for the broker's own
// rate. Run: `npm run bench:ingest [-- --db pglite|postgres|both --messages N --bridges N]`.
// Prints a table, then one JSON line per database, PostgreSQL's last. See bench/README.md.
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseBenchArgs } from './args.ts';
import { benchPki } from './pki.ts';
import { thingName } from './payloads.ts';
import { jsonLine, table } from './report.ts';
import { type RunResult, runOnce } from './run.ts';
import { storeOnly } from './store.ts';

const GOAL = { perSec: 10_000, ratio: 0.25 };

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
    const results: RunResult[] = [];
    for (const kind of kinds) {
      console.log(`- ${kind}: running…`);
      const result = await runOnce(kind, args, pki);
      console.log(`- ${kind}: the store path alone…`);
      results.push({ ...result, storeOnlyPerSec: await storeOnly(kind, args) });
    }
    console.log(`After: ${load()}`);
    for (const line of table(results)) console.log(line);
    const postgres = results.find((r) => r.db === 'postgres');
    if (postgres) {
      const met = postgres.ingestPerSec >= GOAL.perSec && postgres.ratio >= GOAL.ratio;
      console.log(
        `Goal on PostgreSQL (≥ ${GOAL.perSec} msg/s and ratio ≥ ${GOAL.ratio}): ${met ? 'met' : 'MISSED'}; ` +
          'every message stored exactly once (checked in the database).',
      );
    } else console.log('Every message stored exactly once (checked in the database).');
    for (const result of results) console.log(jsonLine(result));
    return 0;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// aws-crt keeps Node alive after its connections close: leave explicitly, with the outcome.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench:ingest FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
