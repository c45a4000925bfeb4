import { availableParallelism, loadavg } from 'node:os';

// How a benchmark process starts and ends: what it sets up is undone last in, first out, once,
// whether it ends, fails or is interrupted; and it says how busy the machine was.

export type Cleanups = { push(cleanup: () => unknown): void };

/** Others' work on the machine moves every figure: say how busy it was. */
export const machineLoad = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${availableParallelism()} cores`;

/** Runs `main` and exits with its code (1 when it throws), its clean-ups done first. */
export function runBench(name: string, main: (cleanups: Cleanups) => Promise<number>): void {
  const cleanups: (() => unknown)[] = [];
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      for (const cleanup of cleanups.reverse()) {
        try {
          await cleanup();
        } catch (error) {
          console.error(`${name}: cleanup: ${String(error)}`);
        }
      }
    })());
  // `on`, not `once`: Ctrl-C reaches the process twice (from the terminal, and relayed by the tsx
  // that started it), and with no handler left the second would end it before the clean-up.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      console.error(`${name}: ${signal}, cleaning up`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  // Prisma's schema engine leaves timers behind after migrating: leave explicitly, with the outcome.
  main({ push: (cleanup) => cleanups.push(cleanup) })
    .catch((error: unknown) => {
      console.error(`${name} FAILED: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    })
    .then(async (code) => {
      await cleanUp();
      process.exit(code);
    });
}
