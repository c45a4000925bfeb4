import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { webRoot } from '../../server/app.ts';
import { processTreeCpuMs } from './cpu.ts';
import { freePort } from '../../../infra/local/free-port.ts';

// The production build served by web/server/main.ts, as `npm start -w @seedline/web` starts it,
// in a child process: the load tool then has its own event loop instead of taking turns with
// the server's on one thread (which would cap the server at whatever the tool leaves it and add
// the tool's own work to every latency). On 2 cores the two processes still share the machine.

export type BenchServer = {
  url: string;
  pid: number;
  /** CPU time the server's processes (primary and workers) have used so far, ms; null where /proc cannot say. */
  cpuMs(): number | null;
  stop(): Promise<void>;
};

const serverMain = path.join(webRoot, 'server', 'main.ts');

export async function startBenchServer(options: {
  databaseUrl: string;
  dataDir: string;
  /** HTTP worker processes (WEB_CONCURRENCY). */
  workers: number;
  /** Told how to stop the child as soon as it exists, so an interrupt during start-up stops it too. */
  onSpawn: (stop: () => Promise<void>) => void;
}): Promise<BenchServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', serverMain], {
    cwd: webRoot,
    // Only what the server needs: no ingest, Stripe or other settings leak in from this shell.
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: options.databaseUrl,
      // Production on a real database wants the public https address; the bench talks http to 127.0.0.1.
      PUBLIC_URL: 'https://bench.seedline.invalid',
      SESSION_SECRET: randomBytes(32).toString('base64url'),
      SEEDLINE_DATA_DIR: options.dataDir,
      WEB_CONCURRENCY: String(options.workers),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  options.onSpawn(() => stop(child));
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout.on('data', keep);
  // The server's errors (a 500's stack) are worth seeing as they happen.
  child.stderr.on('data', (chunk: Buffer) => {
    keep(chunk);
    process.stderr.write(`server: ${chunk.toString()}`);
  });
  const url = `http://127.0.0.1:${port}`;
  const server: BenchServer = {
    url,
    pid: child.pid!,
    cpuMs: () => processTreeCpuMs(child.pid!),
    stop: () => stop(child),
  };
  try {
    await waitForHealth(url, child, 60_000);
  } catch (error) {
    await stop(child);
    throw new Error(`${(error as Error).message}\nserver output:\n${output.join('')}`);
  }
  return server;
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited before answering /health (${child.exitCode ?? child.signalCode})`);
    }
    const ok = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server did not answer /health within ${timeoutMs / 1000} s`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // SIGTERM: main.ts closes the HTTP server and its database pool (the database is dropped next).
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await gone;
  clearTimeout(timer);
}
