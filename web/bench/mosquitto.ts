import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../infra/local/free-port.ts';
import type { PkiPaths } from '../../infra/local/pki.ts';
import type { BenchBroker } from './broker.ts';

// A private Mosquitto (Debian's /usr/sbin/mosquitto) for the bench: the closer stand-in for a
// managed broker such as AWS IoT Core (native, light), with the same mutual TLS and the same
// certificates as the aedes run, on a free port, its config in a temporary folder. Not the local
// stack's launcher (infra/local/mosquitto.ts): that one logs every packet (`log_type all`, for
// its tests' assertions), which at 100,000 messages would make the bench measure logging. Here
// Mosquitto logs errors and warnings only, keeps sessions in memory, and applies no ACL (the
// bench's clients are its own).

const BINARY = '/usr/sbin/mosquitto';

function config(port: number, pki: PkiPaths): string {
  return [
    // As root Mosquitto would switch to the `mosquitto` user, which cannot read our 0600 keys.
    ...(process.getuid?.() === 0 ? ['user root'] : []),
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    'persistence false',
    // QoS 1 messages queued for ingest while it is busy: no limit (the default of 1000 would drop).
    'max_queued_messages 0',
    `listener ${port} 127.0.0.1`,
    `cafile ${pki.ca.cert}`,
    `certfile ${pki.broker.cert}`,
    `keyfile ${pki.broker.key}`,
    'require_certificate true',
    'use_identity_as_username true',
    '',
  ].join('\n');
}

export async function startBenchMosquitto(pki: PkiPaths): Promise<BenchBroker> {
  const dir = await mkdtemp(path.join(tmpdir(), 'seedline-bench-mosquitto-'));
  const port = await freePort();
  const conf = path.join(dir, 'mosquitto.conf');
  await writeFile(conf, config(port, pki));
  const child = spawn(BINARY, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let log = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (log = (log + chunk).slice(-10_000)));
  const close = async () => {
    await stop(child);
    process.off('exit', killOnExit);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await listening(child, port, () => log);
  } catch (error) {
    await close();
    throw error;
  }
  return { port, cpuMs: () => processCpuMs(child.pid), close };
}

/** Resolves once the port accepts TCP connections; rejects if Mosquitto exits or takes over 10 s. */
async function listening(child: ChildProcess, port: number, log: () => string): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`mosquitto exited (code ${child.exitCode}): ${log()}`);
    const socket = connect(port, '127.0.0.1');
    const ok = await once(socket, 'connect').then(
      () => true,
      () => false,
    );
    socket.destroy();
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`mosquitto did not listen on ${port} within 10 s: ${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await gone;
  clearTimeout(timer);
}

/** A process's CPU time so far (user + system, ms), from /proc (Linux); null elsewhere. */
export async function processCpuMs(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // USER_HZ is 100 on Linux
}
