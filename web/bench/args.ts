import { parseArgs } from 'node:util';
import { z } from 'zod';

// The command line, checked at the boundary: a typo fails with a usage line, not a NaN run.

const positiveInt = z.coerce.number().int().positive();

const argsSchema = z.object({
  db: z.enum(['pglite', 'postgres', 'both']).default('both'),
  messages: positiveInt.default(100_000),
  bridges: positiveInt.max(500).default(40),
  /** QoS 1 publishes each bridge keeps in flight (a real bridge keeps one; see README). */
  window: positiveInt.max(1_000).default(16),
  /** Where the broker runs: its own process (as in production) or inside the bench process. */
  broker: z.enum(['child', 'inline']).default('child'),
  /** Which brokers carry the end-to-end runs: the embedded aedes, a private Mosquitto, or both. */
  brokers: z.enum(['aedes', 'mosquitto', 'both']).default('both'),
  /** Where the simulated bridges run: their own process (as in production) or the bench process. */
  fleet: z.enum(['child', 'inline']).default('child'),
  /** Ingest tuning; unset means ingest's own defaults. */
  batchSize: positiveInt.optional(),
  lanes: positiveInt.max(16).optional(),
  flushMs: z.coerce.number().int().nonnegative().optional(),
  pgUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgresql:// URL')
    .default('postgresql://postgres@127.0.0.1:5432/postgres'),
});

export type BenchArgs = z.infer<typeof argsSchema>;

export const USAGE =
  'usage: npm run bench:ingest -- [--db pglite|postgres|both] [--messages N] [--bridges N] [--window N] ' +
  '[--brokers aedes|mosquitto|both] [--broker child|inline] [--fleet child|inline] [--batch-size N] [--lanes N] [--flush-ms N] [--pg-url postgresql://…]';

export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      db: { type: 'string' },
      messages: { type: 'string' },
      bridges: { type: 'string' },
      window: { type: 'string' },
      broker: { type: 'string' },
      brokers: { type: 'string' },
      fleet: { type: 'string' },
      'batch-size': { type: 'string' },
      lanes: { type: 'string' },
      'flush-ms': { type: 'string' },
      'pg-url': { type: 'string' },
    },
  });
  const parsed = argsSchema.safeParse({
    db: values.db,
    messages: values.messages,
    bridges: values.bridges,
    window: values.window,
    broker: values.broker,
    brokers: values.brokers,
    fleet: values.fleet,
    batchSize: values['batch-size'],
    lanes: values.lanes,
    flushMs: values['flush-ms'],
    pgUrl: values['pg-url'],
  });
  if (!parsed.success) throw new Error(`${z.prettifyError(parsed.error)}\n${USAGE}`);
  if (parsed.data.messages < parsed.data.bridges) throw new Error(`--messages must be at least --bridges\n${USAGE}`);
  return parsed.data;
}
