import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { isReservedThingName, THING_NAME_FORMAT } from '../cdk/names.ts';

export const USAGE =
  'usage: npm run provision -w @seedline/infra -- (--thing NAME | --ingest) --out DIR [--region R] [--ca PATH] [--force]';

// Paths are written quoted into ingest.env, where a single quote cannot be escaped.
const noQuote = (value: string) => !value.includes("'");

const schema = z
  .object({
    thing: z
      .string()
      .regex(THING_NAME_FORMAT, 'must be 1–128 letters, digits, ":", "_" or "-" (an AWS IoT thing name)')
      .refine((name) => !isReservedThingName(name), 'is reserved for a Seedline service, not a bridge')
      .optional(),
    ingest: z.boolean(),
    out: z
      .string({ error: 'is required: the folder for the certificate, key and config' })
      .min(1, 'must not be empty')
      .refine(noQuote, 'must not contain a single quote'),
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'must be an AWS region such as ap-southeast-1')
      .optional(),
    ca: z.string().min(1, 'must not be empty').refine(noQuote, 'must not contain a single quote').optional(),
    force: z.boolean(),
  })
  .superRefine((args, ctx) => {
    if (args.ingest && args.thing !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['thing'],
        message: 'cannot be given with --ingest (ingest is not a thing)',
      });
    }
    if (!args.ingest && args.thing === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['thing'],
        message: 'is required (or --ingest for the ingest certificate)',
      });
    }
  });

export type Principal = { kind: 'thing'; thingName: string } | { kind: 'ingest' };

export type ProvisionArgs = {
  principal: Principal;
  /** Absolute. */
  outDir: string;
  region?: string;
  /** Absolute; absent means Amazon's root CA is expected in `outDir`. */
  caPath?: string;
  force: boolean;
};

export type ParsedArgs = { ok: true; args: ProvisionArgs } | { ok: false; message: string } | { ok: 'help' };

/** `cwd` resolves relative --out and --ca: where the user typed the command, not infra/. */
export function parseProvisionArgs(argv: readonly string[], cwd: string): ParsedArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        thing: { type: 'string' },
        ingest: { type: 'boolean', default: false },
        out: { type: 'string' },
        region: { type: 'string' },
        ca: { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { ok: 'help' };
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0] === undefined ? 'arguments' : `--${String(issue.path[0])}`;
    return { ok: false, message: `${field}: ${issue?.message ?? 'invalid'}` };
  }
  const { thing, ingest, out, region, ca, force } = parsed.data;
  return {
    ok: true,
    args: {
      principal: ingest || thing === undefined ? { kind: 'ingest' } : { kind: 'thing', thingName: thing },
      outDir: path.resolve(cwd, out),
      region,
      caPath: ca === undefined ? undefined : path.resolve(cwd, ca),
      force,
    },
  };
}
