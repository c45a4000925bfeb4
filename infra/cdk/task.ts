import { Duration, RemovalPolicy, aws_ecs as ecs, aws_logs as logs } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/** The three kinds of process one image runs, each its own ECS service. */
export type Role = 'web' | 'worker' | 'ingest';

export const LOG_RETENTION = logs.RetentionDays.THREE_MONTHS;
export const WEB_PORT = 3000;

export type TaskSpec = {
  role: Role;
  /** The command after the image's entrypoint (which builds DATABASE_URL from DB_* parts). */
  command: string[];
  cpu: number;
  memoryLimitMiB: number;
  environment: Record<string, string>;
  secrets: Record<string, ecs.Secret>;
};

export type SeedlineTask = { taskDefinition: ecs.FargateTaskDefinition; logGroup: logs.LogGroup };

/**
 * A Fargate task of one role, logging to a log group of its own (so a metric filter or an IAM
 * grant on one role's logs never sees another's). Log groups are encrypted by CloudWatch Logs with
 * its own keys; no customer KMS key (one more thing to pay for and to lose access to).
 */
export function seedlineTask(scope: Construct, image: ecs.ContainerImage, spec: TaskSpec): SeedlineTask {
  const id = spec.role.charAt(0).toUpperCase() + spec.role.slice(1);
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
    retention: LOG_RETENTION,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const taskDefinition = new ecs.FargateTaskDefinition(scope, `${id}Task`, {
    cpu: spec.cpu,
    memoryLimitMiB: spec.memoryLimitMiB,
    runtimePlatform: {
      cpuArchitecture: ecs.CpuArchitecture.X86_64,
      operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
    },
  });
  taskDefinition.addContainer('app', {
    image,
    command: spec.command,
    environment: spec.environment,
    secrets: spec.secrets,
    logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: spec.role }),
    // An init process as PID 1 forwards ECS's SIGTERM to the app and reaps its children (npm's
    // shell, tsx's esbuild service).
    linuxParameters: new ecs.LinuxParameters(scope, `${id}Linux`, { initProcessEnabled: true }),
    // The app stops cleanly within this: web gives requests 5 s, ingest flushes its buffers.
    stopTimeout: Duration.seconds(30),
    portMappings: spec.role === 'web' ? [{ containerPort: WEB_PORT }] : [],
  });
  return { taskDefinition, logGroup };
}
