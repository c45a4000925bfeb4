import { z } from 'zod';

// What an operator passes to `cdk deploy -c name=value` (or cdk.json's context). Parsed once, in
// app.ts, so a missing or malformed value stops the synth with its name instead of deploying a
// stack that cannot work.
const count = (max: number) => z.coerce.number().int().min(0).max(max);

export const deployParamsSchema = z.object({
  /** The shop's host name (PUBLIC_URL is https://domain) and the SES identity mail is sent from. */
  domain: z
    .string()
    .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a lower-case domain name'),
  /** An ACM certificate for the domain, in the stack's region. */
  certificateArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/, 'must be an ACM certificate ARN'),
  /** Where the alarms go (an SNS email subscription the operator confirms once). */
  alarmEmail: z.email(),
  /**
   * An image already built from the repository's Dockerfile and pushed (e.g. by CI), with its tag:
   * `123456789012.dkr.ecr.ap-southeast-1.amazonaws.com/seedline:1.4.0`. Unset: cdk builds the
   * Dockerfile at the repository root and pushes it to the bootstrap repository.
   */
  image: z
    .string()
    .regex(/^[a-z0-9.-]+(:\d+)?\/[a-z0-9._/-]+:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'must be registry/repository:tag')
    .optional(),
  /** The sender of order mail; default orders@domain. */
  mailFrom: z.email().optional(),
  /** Web tasks at the quiet hours; scaling adds up to webMaxTasks on CPU. */
  webMinTasks: count(20).pipe(z.number().min(2, 'must be at least 2 (one per zone)')).default(2),
  webMaxTasks: count(20).default(4),
  /** 0 until the ingest certificate is in its secret (README, Deploy to AWS), then 1. */
  ingestTasks: count(1).default(0),
  /** The account's AWS IoT data endpoint (`aws iot describe-endpoint --endpoint-type iot:Data-ATS`). */
  iotEndpoint: z
    .string()
    .regex(/^[a-z0-9]+-ats\.iot\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/, 'must be the iot:Data-ATS endpoint')
    .optional(),
  workerTasks: count(2).default(1),
});

export type DeployParams = z.infer<typeof deployParamsSchema>;

export class ParamsError extends Error {
  override name = 'ParamsError';
}

/** The deploy parameters from CDK context values (strings from `-c`, or JSON from cdk.json). */
export function parseDeployParams(context: Record<string, unknown>): DeployParams {
  const parsed = deployParamsSchema.safeParse(context);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  -c ${i.path.join('.')}: ${i.message}`);
    throw new ParamsError(`Seedline's deploy parameters are wrong:\n${lines.join('\n')}`);
  }
  const wrong = (name: string, message: string) =>
    new ParamsError(`Seedline's deploy parameters are wrong:\n  -c ${name}: ${message}`);
  if (parsed.data.webMaxTasks < parsed.data.webMinTasks) throw wrong('webMaxTasks', 'must not be below webMinTasks');
  if (parsed.data.ingestTasks > 0 && !parsed.data.iotEndpoint)
    throw wrong('iotEndpoint', 'is required with ingestTasks');
  return parsed.data;
}

/**
 * Stand-in values for `npm run synth` (`-c example=1`) and the tests: a template to read, not to
 * deploy (the certificate does not exist).
 */
export const EXAMPLE_CONTEXT = {
  domain: 'shop.example.com',
  certificateArn: 'arn:aws:acm:ap-southeast-1:111122223333:certificate/00000000-0000-4000-8000-000000000000',
  alarmEmail: 'ops@example.com',
} as const;
