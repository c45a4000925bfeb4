// The children of `npm run start:cluster`: each in a process group of its own (processes.ts), its
// output passed on line by line under its name, and restarted when it dies unasked, as ECS
// replaces a task that stopped. A child that keeps dying (3 times within a minute: a setting
// that is wrong, a port taken) is not restarted: the supervisor gives up and the launcher exits 1.
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import readline from 'node:readline';
import { type SpawnOptions, signalGroup, spawnGroup, stopGroup } from './processes.ts';

export type ChildSpec = { name: string; command: string; args: string[] } & SpawnOptions;

const RESTART_AFTER_MS = 1_000;
const CRASH_WINDOW_MS = 60_000;
const CRASHES_ALLOWED = 3;

export type Supervisor = {
  start(spec: ChildSpec): void;
  /** Resolves once child `name` prints a line containing `text` (from now on, whichever run of it). */
  line(name: string, text: string): Promise<string>;
  /** Stops the named children together (SIGTERM to each group, bounded by `ms`), never restarting them. */
  stop(names: readonly string[], ms: number): Promise<void>;
  /** Stops restarting anything: the launcher is stopping. */
  stopping(): void;
  /** SIGTERM to every child's group at once, unwaited: for the launcher's own exit. */
  terminateAll(): void;
};

/** `onGiveUp` is called once, when a child died too often to be restarted again. */
export function supervise(onGiveUp: (why: string) => void): Supervisor {
  const running = new Map<string, ChildProcess>();
  const deaths = new Map<string, number[]>();
  const lines = new EventEmitter();
  lines.setMaxListeners(0);
  let stopping = false;

  const pass = (name: string, stream: NodeJS.ReadableStream | null, to: NodeJS.WriteStream) => {
    if (!stream) return;
    readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (text) => {
      to.write(`${name.padEnd(8)} | ${text}\n`);
      lines.emit(name, text);
    });
  };

  const died = (spec: ChildSpec, how: string) => {
    const recent = [...(deaths.get(spec.name) ?? []), Date.now()].filter((at) => Date.now() - at < CRASH_WINDOW_MS);
    deaths.set(spec.name, recent);
    if (recent.length >= CRASHES_ALLOWED) {
      console.error(`✖ ${spec.name} exited (${how}), ${recent.length} times within a minute: giving up`);
      return onGiveUp(`${spec.name} keeps exiting`);
    }
    console.error(`✖ ${spec.name} exited (${how}): starting it again in ${RESTART_AFTER_MS / 1000} s`);
    setTimeout(() => {
      if (!stopping) start(spec);
    }, RESTART_AFTER_MS);
  };

  const start = (spec: ChildSpec) => {
    const pipeOut = spec.stdout === undefined || spec.stdout === 'pipe';
    const child = spawnGroup(spec.command, spec.args, {
      ...spec,
      stdout: pipeOut ? 'pipe' : spec.stdout,
      stderr: 'pipe',
    });
    running.set(spec.name, child);
    if (pipeOut) pass(spec.name, child.stdout, process.stdout);
    pass(spec.name, child.stderr, process.stderr);
    child.on('exit', (code, signal) => {
      // One that stop() took out of `running` was asked to go.
      const unasked = running.get(spec.name) === child;
      if (unasked) running.delete(spec.name);
      if (unasked && !stopping) died(spec, String(signal ?? code));
    });
  };

  return {
    start,
    line: (name, text) =>
      new Promise((resolve) => {
        const heard = (line: string) => {
          if (!line.includes(text)) return;
          lines.off(name, heard);
          resolve(line);
        };
        lines.on(name, heard);
      }),
    async stop(names, ms) {
      await Promise.all(
        names.map((name) => {
          const child = running.get(name);
          running.delete(name);
          return child ? stopGroup(name, child, ms) : undefined;
        }),
      );
    },
    stopping: () => {
      stopping = true;
    },
    terminateAll: () => {
      for (const child of running.values()) signalGroup(child, 'SIGTERM');
    },
  };
}
