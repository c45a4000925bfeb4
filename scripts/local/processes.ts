// Child processes of the local launchers (`npm start`, `npm run start:cluster`), each in a process
// group of its own that only the launcher signals: npm run passes no signal on to its script
// (SIGTERM ends npm at once, SIGINT it ignores), so signalling npm alone would leave the program
// running; and in the terminal's group a Ctrl-C would reach the program as well as the launcher's
// SIGTERM, which the bridge takes for a second Ctrl-C (exit without its clean stop).
import { type ChildProcess, spawn } from 'node:child_process';

/** Sends `signal` to a child's process group (npm, its shell, tsx, the program); false when none is left. */
export const signalGroup = (child: ChildProcess, signal: NodeJS.Signals | 0): boolean => {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, signal);
    return true;
  } catch {
    return false;
  }
};

/** Sends SIGTERM to a child's group and waits (bounded) until all of it has exited. */
export async function stopGroup(name: string, child: ChildProcess, ms: number): Promise<void> {
  if (!signalGroup(child, 'SIGTERM')) return;
  const deadline = Date.now() + ms;
  while (signalGroup(child, 0) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (signalGroup(child, 0)) console.error(`${name} did not stop within ${ms / 1000} s: going on`);
}

export type SpawnOptions = {
  cwd: string;
  /** Added to this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** Where its stdout goes: this terminal, a file descriptor, or a pipe the caller reads. */
  stdout?: 'inherit' | 'pipe' | number;
  stderr?: 'inherit' | 'pipe';
};

/** Starts `command` in a process group of its own (see above), stdin closed. */
export function spawnGroup(command: string, args: string[], options: SpawnOptions): ChildProcess {
  return spawn(command, args, {
    detached: true,
    cwd: options.cwd,
    stdio: ['ignore', options.stdout ?? 'inherit', options.stderr ?? 'inherit'],
    env: { ...process.env, ...options.env },
  });
}

/** Resolves once `url` answers 200 (true), or false once `timeoutMs` has passed or `givenUp()` says so. */
export async function answers(url: string, timeoutMs: number, givenUp: () => boolean = () => false): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!givenUp() && Date.now() < deadline) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}
