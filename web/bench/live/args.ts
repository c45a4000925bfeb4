import { parseArgs } from 'node:util';
import { z } from 'zod';

// The command line, checked at the boundary: a typo fails with a usage line, not a NaN run.

const positiveInt = z.coerce.number().int().positive();

const argsSchema = z.object({
  /** Server-Sent-Events clients on the one web process, spread evenly over the greenhouses. */
  clients: positiveInt.max(10_000).default(1_000),
  /** Greenhouses of the bench farm (four zones each); reports go round-robin over them. */
  greenhouses: positiveInt.max(500).default(50),
  /** Telemetry reports stored per second, one per ingestBatch call. */
  rate: positiveInt.max(1_000).default(50),
  /** Seconds measured. */
  duration: positiveInt.max(600).default(30),
  /** Seconds of load before measuring, thrown away (JIT, the pools, PostgreSQL's caches). */
  warmup: z.coerce.number().int().nonnegative().max(60).default(3),
  /** Serve web/build as it is instead of building it first. */
  skipBuild: z.boolean().default(false),
  pgUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgresql:// URL')
    .default('postgresql://postgres@127.0.0.1:5432/postgres'),
});

export type LiveBenchArgs = z.infer<typeof argsSchema>;

export const USAGE =
  'usage: npm run bench:live -- [--clients N] [--greenhouses N] [--rate N] [--duration S] [--warmup S] ' +
  '[--skip-build] [--pg-url postgresql://…]';

export function parseLiveBenchArgs(argv: string[]): LiveBenchArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      clients: { type: 'string' },
      greenhouses: { type: 'string' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      'skip-build': { type: 'boolean' },
      'pg-url': { type: 'string' },
    },
  });
  const parsed = argsSchema.safeParse({
    clients: values.clients,
    greenhouses: values.greenhouses,
    rate: values.rate,
    duration: values.duration,
    warmup: values.warmup,
    skipBuild: values['skip-build'],
    pgUrl: values['pg-url'],
  });
  if (!parsed.success) throw new Error(`${z.prettifyError(parsed.error)}\n${USAGE}`);
  if (parsed.data.clients < parsed.data.greenhouses)
    throw new Error(`--clients must be at least --greenhouses\n${USAGE}`);
  return parsed.data;
}
