// Web benchmark (issue 14, "Fast on a rural phone"): the production build served on PostgreSQL
// with the demo cooperative, in a child process, measured three ways: throughput at saturation
// (autocannon; catalogue, batch page and cart-add against a bare Remix page of the same build),
// latency at a steady rush (a fixed arrival rate of a harvest-day mix), and what a buyer waits for
// on a throttled phone in Chromium (LCP, CLS, bytes). Prints tables, a goals line, then one JSON
// line. Run: `npm run bench:web [-- --rate N --rush-seconds S --skip-browser --skip-build …]`.
// See docs/benchmarks.md.
import { type Cleanups, machineLoad, runBench } from './lifecycle.ts';
import { parseWebBenchArgs } from './web/args.ts';
import { buyerTable } from './web/buyer-report.ts';
import { measureBuyer } from './web/buyer.ts';
import { checkTargets, unitsInCarts } from './web/check.ts';
import { goalsLine } from './web/goals.ts';
import { GZIP_LEVEL, pageJavaScript } from './web/javascript.ts';
import { rushSchedule } from './web/mix.ts';
import { javascriptTable, loadTable } from './web/report.ts';
import { rushFigures, rushTable } from './web/rush-report.ts';
import { runRush } from './web/rush.ts';
import { saturate, saturationProblems } from './web/saturation.ts';
import { buildWeb, startShop } from './web/shop.ts';
import { benchGoals, jsonLine } from './web/summary.ts';
import { batchPath } from './web/targets.ts';

async function main(cleanups: Cleanups): Promise<number> {
  const args = parseWebBenchArgs(process.argv.slice(2));
  if (!args.skipBuild) buildWeb();
  console.log(
    `Seedline web bench: production build on PostgreSQL with the demo data, server in its own process; ` +
      `autocannon, ${args.connections} connections, ${args.warmup} s warm-up + ${args.duration} s per target; ` +
      `rush ${args.rate}/s for ${args.rushSeconds} s; phone in Chromium ${args.skipBrowser ? 'skipped' : 'after'}`,
  );
  console.log(`Before: ${machineLoad()}`);
  const { db, server } = await startShop(args.pgUrl, cleanups, args.workers);
  const shop = db.targets;
  await checkTargets(server.url, shop);
  const javascript = await pageJavaScript(server.url, batchPath(shop.lotCode));
  const batchJsKb = javascript.reduce((sum, f) => sum + f.gzipBytes, 0) / 1024;

  const results = await saturate(server, shop, { ...args, database: db.name });
  const schedule = rushSchedule({ rate: args.rate, seconds: args.rushSeconds, ...shop });
  const rushed = args.rushSeconds > 0 ? await runRush(server, schedule, db.name) : null;
  const rush = rushed && rushFigures(rushed, { rate: args.rate, seconds: args.rushSeconds });
  const buyer = args.skipBrowser
    ? null
    : await measureBuyer(server.url, [
        { name: 'catalogue', path: '/', landsOn: '/' },
        { name: 'batch', path: shop.digitalLink, landsOn: batchPath(shop.lotCode) },
      ]);
  console.log(`After: ${machineLoad()}`);

  for (const line of loadTable(results)) console.log(line);
  console.log(`\nJavaScript of the batch page (gzip level ${GZIP_LEVEL}, 1 KB = 1024 B):`);
  for (const line of javascriptTable(javascript, GZIP_LEVEL)) console.log(line);
  for (const line of rush ? rushTable(rush) : []) console.log(line);
  for (const line of buyer ? buyerTable(buyer) : []) console.log(line);
  const figures = { results, batchJsKb, rush, buyer };
  console.log(`\n${goalsLine(benchGoals(figures))}`);

  const problems = saturationProblems(results, await unitsInCarts(db.url));
  if (rush && rush.latency.all.failed > 0)
    problems.push(`rush: ${rush.latency.all.failed} failed (${rush.firstError})`);
  console.log(jsonLine(figures, { connections: args.connections, durationS: args.duration }));
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return 0;
}

runBench('bench:web', main);
