import { ConfigError } from '../config.ts';
import { DatabaseInUseError } from '../lock.ts';
import { DatabaseUnreachableError } from '../open.ts';
import { NotMigratedError } from '../status.ts';

/**
 * Runs a command-line task: known problems print one clear line and exit 1, never a stack trace.
 * Exits explicitly because Prisma's schema engine leaves timers running.
 */
export function runCli(task: () => Promise<void>): void {
  task().then(
    () => process.exit(0),
    (error: unknown) => {
      const known =
        error instanceof ConfigError ||
        error instanceof DatabaseUnreachableError ||
        error instanceof DatabaseInUseError ||
        error instanceof NotMigratedError;
      console.error(known ? `✖ ${(error as Error).message}` : error);
      process.exit(1);
    },
  );
}
