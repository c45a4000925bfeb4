import { parseArgs } from 'node:util';
import { z } from 'zod';

// The command line, checked at the boundary: a typo fails with a usage line, not a NaN run.

const positiveInt = z.coerce.number().int().positive();

const argsSchema = z.object({
  /** Concurrent HTTP connections the load tool keeps open, the same for every target. */
  connections: positiveInt.max(1_000).default(50),
  /** Seconds measured per target, after the warm-up. */
  duration: positiveInt.max(600).default(10),
  /** Seconds of load per target before measuring, thrown away (JIT, pools, caches). */
  warmup: z.coerce.number().int().nonnegative().max(60).default(2),
  /** The steady rush: requests per second, arriving evenly, whatever the server answers. */
  rate: positiveInt.max(2_000).default(100),
  /** How long the rush lasts; 0 leaves it out. */
  rushSeconds: z.coerce.number().int().nonnegative().max(600).default(30),
  /**
   * HTTP worker processes of the server (WEB_CONCURRENCY): one, as the issue measures throughput,
   * unless asked; `npm start` runs one per core.
   */
  workers: positiveInt.max(64).default(1),
  /** Leave out the phone in Chromium (LCP, CLS, bytes transferred). */
  skipBrowser: z.boolean().default(false),
  /** Serve web/build as it is instead of building it first. */
  skipBuild: z.boolean().default(false),
  pgUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgresql:// URL')
    .default('postgresql://postgres@127.0.0.1:5432/postgres'),
});

export type WebBenchArgs = z.infer<typeof argsSchema>;

export const USAGE =
  'usage: npm run bench:web -- [--connections N] [--duration S] [--warmup S] [--rate N] [--rush-seconds S] [--workers N] ' +
  '[--skip-browser] [--skip-build] [--pg-url postgresql://…]';

export function parseWebBenchArgs(argv: string[]): WebBenchArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      connections: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rate: { type: 'string' },
      'rush-seconds': { type: 'string' },
      workers: { type: 'string' },
      'skip-browser': { type: 'boolean' },
      'skip-build': { type: 'boolean' },
      'pg-url': { type: 'string' },
    },
  });
  const parsed = argsSchema.safeParse({
    connections: values.connections,
    duration: values.duration,
    warmup: values.warmup,
    rate: values.rate,
    rushSeconds: values['rush-seconds'],
    workers: values.workers,
    skipBrowser: values['skip-browser'],
    skipBuild: values['skip-build'],
    pgUrl: values['pg-url'],
  });
  if (!parsed.success) throw new Error(`${z.prettifyError(parsed.error)}\n${USAGE}`);
  return parsed.data;
}
