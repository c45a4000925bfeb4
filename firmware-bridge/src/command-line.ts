import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { describeIssues } from './config/load.ts';

// The bridge's programs (`cli.ts`, `emulated-board-cli.ts`) read their options the same way: every
// option a string, checked by a zod schema, a bad one ending the program with its name and why.

/** Ends the program with a message on stderr and exit status 1. */
export function fail(message: string): never {
  process.stderr.write(`✖ ${message}\n`);
  process.exit(1);
}

/** The command line's `--name value` options, as `schema` reads them; `fail` names each bad one. */
export function readOptions<S extends z.ZodType>(schema: S, names: readonly string[]): z.infer<S> {
  const { values } = parseArgs({
    options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
  });
  const parsed = schema.safeParse(values);
  if (!parsed.success)
    fail(
      describeIssues(parsed.error.issues)
        .map((line) => `--${line}`)
        .join('; '),
    );
  return parsed.data;
}
