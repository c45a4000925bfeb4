// Live-feed benchmark: the production build on PostgreSQL in a process of its own, with 1,000
// Server-Sent-Events clients on one farm's greenhouse streams (GET /farm/live/:greenhouseId, the
// zone pages' feed) while ingest's store path stores telemetry at 50 reports a second from this
// process; how long from a report's commit to each of its greenhouse's clients reading the event.
// Run: `npm run bench:live [-- --clients N --greenhouses N --rate N --duration S --skip-build]`.
// Prints a table, then one JSON line. See bench/README.md and docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { type Cleanups, machineLoad, runBench } from './lifecycle.ts';
import path from 'node:path';
import { webRoot } from '../server/app.ts';
import { parseLiveBenchArgs } from './live/args.ts';
import { openClients } from './live/clients.ts';
import { benchFarm, sessionCookie } from './live/farm.ts';
import { type Report, runLoad } from './live/load.ts';
import { type LiveFigures, goalLine, jsonLine, liveTable } from './live/report.ts';
import { residentMb, sampleResident } from './live/rss.ts';
import { startBenchServer } from './web/server.ts';

/** How long, after the last report's commit, its events may take before the missing ones count as missed. */
const GRACE_MS = 5_000;
/** Streams opening at once: each opening is a session and a greenhouse query on the server's pool of 10. */
const CONNECTING = 50;

async function main(cleanups: Cleanups): Promise<number> {
  const args = parseLiveBenchArgs(process.argv.slice(2));
  if (!args.skipBuild) {
    console.log('Building web (npm run build -w @seedline/web)…');
    const build = spawnSync('npm', ['run', 'build', '-w', '@seedline/web'], {
      cwd: path.dirname(webRoot),
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`the web build failed:\n${build.stdout}${build.stderr}`);
  }
  console.log(
    `Seedline live bench: production build on PostgreSQL, server in its own process; ${args.clients} ` +
      `Server-Sent-Events clients over ${args.greenhouses} greenhouses; ingest stores ${args.rate} reports/s ` +
      `from this process, ${args.warmup} s warm-up + ${args.duration} s measured`,
  );
  console.log(`Before: ${machineLoad()}`);

  const farm = await benchFarm(args.pgUrl, args.greenhouses);
  cleanups.push(() => farm.db.drop());
  const dataDir = await mkdtemp(path.join(tmpdir(), 'seedline-bench-live-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  console.log(`Database: ${farm.db.describe}, ${args.greenhouses} greenhouses of 4 zones, one farmer`);
  const server = await startBenchServer({
    databaseUrl: farm.url,
    dataDir,
    // One worker: the resident memory below is sampled from the server's pid.
    workers: 1,
    onSpawn: (stop) => cleanups.push(stop),
  });
  console.log(`Server pid ${server.pid} on ${server.url}`);
  const rss = sampleResident(server.pid);
  cleanups.push(() => rss.stop());

  const cookie = await sessionCookie(server.url, farm.farmer);
  const idleRss = residentMb(server.pid);
  // Every event read, by report: `${greenhouse}:${at}` → the moments its clients read it.
  const receipts = new Map<string, number[]>();
  const connectStart = performance.now();
  const clients = await openClients({
    url: server.url,
    cookie,
    greenhouseIds: farm.greenhouseIds,
    count: args.clients,
    concurrency: CONNECTING,
    onZones: ({ greenhouse, at, receivedMs }) => {
      const key = `${greenhouse}:${at}`;
      const list = receipts.get(key);
      if (list) list.push(receivedMs);
      else receipts.set(key, [receivedMs]);
    },
  });
  cleanups.push(() => clients.close());
  const connectedRss = residentMb(server.pid);
  console.log(
    `${clients.open()} clients connected in ${((performance.now() - connectStart) / 1000).toFixed(1)} s; ` +
      `server RSS ${connectedRss?.toFixed(1) ?? '?'} MB`,
  );
  if (clients.open() !== args.clients) throw new Error(`only ${clients.open()} of ${args.clients} streams open`);

  let measuring = { cpuMs: server.cpuMs(), at: performance.now() };
  const run = await runLoad({
    prisma: farm.db.database.prisma,
    greenhouses: args.greenhouses,
    rate: args.rate,
    warmupS: args.warmup,
    durationS: args.duration,
    onMeasuring: () => (measuring = { cpuMs: server.cpuMs(), at: performance.now() }),
  });
  const cpuAfter = server.cpuMs();
  const cpuElapsed = performance.now() - measuring.at;

  const perGreenhouse = (g: number) =>
    Math.floor(args.clients / args.greenhouses) + (g < args.clients % args.greenhouses ? 1 : 0);
  const measured = run.reports.filter((r) => r.measured && r.commitMs !== undefined);
  const received = () => measured.reduce((n, r) => n + (receipts.get(`${r.greenhouse}:${r.at}`)?.length ?? 0), 0);
  const expected = measured.reduce((n, r) => n + perGreenhouse(r.greenhouse), 0);
  // The last events are on their way: wait for them, or for the grace to run out.
  const deadline = performance.now() + GRACE_MS;
  while (received() < expected && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  console.log(`After: ${machineLoad()}`);

  const since = (start: (r: Report) => number) =>
    measured.flatMap((r) => (receipts.get(`${r.greenhouse}:${r.at}`) ?? []).map((receivedMs) => receivedMs - start(r)));
  const latenciesMs = since((r) => r.commitMs ?? NaN);
  const counts = clients.counts();
  const figures: LiveFigures = {
    clients: args.clients,
    greenhouses: args.greenhouses,
    reportsPerSecond: run.offeredPerSec,
    reportsSent: measured.length,
    expected,
    received: latenciesMs.length,
    missed: expected - latenciesMs.length,
    latenciesMs,
    fromCallMs: since((r) => r.calledMs),
    storeMs: measured.map((r) => (r.commitMs ?? NaN) - r.calledMs),
    changes: counts.changes,
    closed: counts.closed,
    rssMb:
      idleRss === null || connectedRss === null
        ? null
        : { idle: idleRss, connected: connectedRss, peak: rss.peak() ?? connectedRss },
    serverCores: measuring.cpuMs === null || cpuAfter === null ? null : (cpuAfter - measuring.cpuMs) / cpuElapsed,
  };
  for (const line of liveTable(figures)) console.log(line);
  console.log(goalLine(figures));

  const problems: string[] = [];
  if (run.failures.length > 0)
    problems.push(`${run.failures.length} reports not stored: ${run.failures.slice(0, 3).join('; ')}`);
  if (figures.missed > 0) problems.push(`${figures.missed} of ${expected} events missed`);
  if (counts.closed > 0) problems.push(`${counts.closed} streams closed during the run`);
  console.log(jsonLine(figures));
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return 0;
}

runBench('bench:live', main);
