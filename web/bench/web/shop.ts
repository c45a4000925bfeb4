import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { webRoot } from '../../server/app.ts';
import type { Cleanups } from '../lifecycle.ts';
import { type BenchDatabase, demoDatabase } from './database.ts';
import { type BenchServer, startBenchServer } from './server.ts';

// The shop under test: the production build, its own database with the demo cooperative, and the
// server in a child process; each undone by the bench's clean-ups, also when it fails.

export function buildWeb(): void {
  console.log('Building web (npm run build -w @seedline/web)…');
  const build = spawnSync('npm', ['run', 'build', '-w', '@seedline/web'], {
    cwd: path.dirname(webRoot),
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`the web build failed:\n${build.stdout}${build.stderr}`);
}

export async function startShop(
  pgUrl: string,
  cleanups: Cleanups,
  workers: number,
): Promise<{ db: BenchDatabase; server: BenchServer }> {
  const db = await demoDatabase(pgUrl);
  cleanups.push(() => db.drop());
  const dataDir = await mkdtemp(path.join(tmpdir(), 'seedline-bench-web-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  console.log(`Database ${db.name}: ${db.summary}`);
  const server = await startBenchServer({
    databaseUrl: db.url,
    dataDir,
    workers,
    onSpawn: (stop) => cleanups.push(stop),
  });
  console.log(`Server pid ${server.pid} on ${server.url}, ${workers} HTTP worker(s)`);
  return { db, server };
}
