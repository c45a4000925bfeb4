// Web benchmark: the production build served on PostgreSQL with the demo cooperative, in a child
// process; autocannon loads the catalogue, a batch page and cart-add, and a bare Remix page of the
// same build as the limit. Run: `npm run bench:web [-- --connections N --duration S --skip-build]`.
// Prints a table, the batch page's JavaScript, then one JSON line. See docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { type Cleanups, machineLoad, runBench } from './lifecycle.ts';
import path from 'node:path';
import { webRoot } from '../server/app.ts';
import { parseWebBenchArgs } from './web/args.ts';
import { unitsInCarts, checkTargets } from './web/check.ts';
import { demoDatabase } from './web/database.ts';
import { GZIP_LEVEL, pageJavaScript } from './web/javascript.ts';
import { type TargetResult, loadTarget } from './web/load.ts';
import { goalsLine, javascriptTable, jsonLine, loadTable } from './web/report.ts';
import { startBenchServer } from './web/server.ts';
import { batchPath, benchTargets } from './web/targets.ts';

async function main(cleanups: Cleanups): Promise<number> {
  const args = parseWebBenchArgs(process.argv.slice(2));
  if (!args.skipBuild) {
    console.log('Building web (npm run build -w @seedline/web)…');
    const build = spawnSync('npm', ['run', 'build', '-w', '@seedline/web'], {
      cwd: path.dirname(webRoot),
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`the web build failed:\n${build.stdout}${build.stderr}`);
  }
  console.log(
    `Seedline web bench: production build on PostgreSQL with the demo data, server in its own process; ` +
      `autocannon, ${args.connections} connections, ${args.warmup} s warm-up + ${args.duration} s per target`,
  );
  console.log(`Before: ${machineLoad()}`);

  const db = await demoDatabase(args.pgUrl);
  cleanups.push(() => db.drop());
  const dataDir = await mkdtemp(path.join(tmpdir(), 'seedline-bench-web-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  console.log(`Database ${db.name}: ${db.summary}`);
  const server = await startBenchServer({
    databaseUrl: db.url,
    dataDir,
    onSpawn: (stop) => cleanups.push(stop),
  });
  console.log(`Server pid ${server.pid} on ${server.url}`);

  await checkTargets(server.url, db.targets);
  const javascript = await pageJavaScript(server.url, batchPath(db.targets.lotCode));
  const batchJsKb = javascript.reduce((sum, f) => sum + f.gzipBytes, 0) / 1024;

  const results: TargetResult[] = [];
  for (const target of benchTargets(db.targets)) {
    console.log(`- ${target.label}: running…`);
    results.push(await loadTarget(server, target, { ...args, database: db.name }));
  }
  // autocannon drops its connections at the end, but the server still finishes what it was
  // given: let it, so the count below and the shutdown do not race those requests.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  console.log(`After: ${machineLoad()}`);
  const unitsAdded = await unitsInCarts(db.url);
  const cartOk = results.find((r) => r.name === 'cart-add')?.ok ?? 0;

  for (const line of loadTable(results)) console.log(line);
  console.log(`\nJavaScript of the batch page (gzip level ${GZIP_LEVEL}, 1 KB = 1024 B):`);
  for (const line of javascriptTable(javascript, GZIP_LEVEL)) console.log(line);
  const figures = { results, javascript, batchJsKb };
  console.log(goalsLine(figures));

  const problems: string[] = [];
  for (const r of results) {
    if (r.failed > 0) problems.push(`${r.label}: ${r.failed} failed requests (statuses ${JSON.stringify(r.statuses)})`);
  }
  // Warm-up and the checks add too, and requests cut off at the end may still have been stored.
  if (unitsAdded < cartOk) problems.push(`${unitsAdded} units in carts but ${cartOk} cart-adds answered 2xx/3xx`);
  console.log(jsonLine(figures, { connections: args.connections, durationS: args.duration }));
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return 0;
}

runBench('bench:web', main);
