import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Aws, aws_ec2 as ec2, aws_ecr_assets as assets, aws_ecs as ecs, aws_iam as iam } from 'aws-cdk-lib';
import type { aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { Database } from './database.ts';
import type { Email } from './email.ts';
import type { DeployParams } from './params.ts';
import { INGEST_SHARE_GROUP } from './names.ts';
import { type IotArn, ingestPolicy } from './policies.ts';
import { type AppSecrets, INGEST_CERTIFICATE_KEYS, MAIL_KEYS, NOTIFY_KEYS, PAYMENT_KEYS } from './secrets.ts';
import { type SeedlineTask, WEB_PORT, seedlineTask } from './task.ts';
import { type WebService, webService } from './web-service.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The npm scripts each service runs (the contract with web/server: SEEDLINE_ROLES=web serves HTTP only). */
export const COMMANDS = {
  web: ['node', '--import', 'tsx', 'web/server/main.ts'],
  worker: ['npm', 'run', 'worker'],
  ingest: ['npm', 'run', 'ingest'],
} as const;

export type ServicesProps = {
  vpc: ec2.IVpc;
  params: DeployParams;
  database: Database;
  bucket: s3.IBucket;
  secrets: AppSecrets;
  email: Email;
};

/** Every variable of a secret holding a JSON object, each from its key. */
const fromKeys = (secret: AppSecrets['payments'], keys: readonly string[]) =>
  Object.fromEntries(keys.map((key) => [key, ecs.Secret.fromSecretsManager(secret, key)]));

/**
 * The three services on one Fargate cluster, one image: web (HTTP, behind the load balancer),
 * worker (the outboxes and timers) and ingest (AWS IoT to PostgreSQL). Each has its own task role,
 * security group, log group and secrets.
 */
export class Services extends Construct {
  readonly web: SeedlineTask & WebService;
  readonly worker: SeedlineTask & { service: ecs.FargateService };
  readonly ingest: SeedlineTask & { service: ecs.FargateService };

  constructor(scope: Construct, id: string, props: ServicesProps) {
    super(scope, id);
    const { params, database } = props;
    // No Container Insights (billed per task and service): the services' own CPU and memory
    // metrics, which scaling uses, are free.
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc: props.vpc });
    const image = params.image
      ? ecs.ContainerImage.fromRegistry(params.image)
      : ecs.ContainerImage.fromAsset(repoRoot, { platform: assets.Platform.LINUX_AMD64 });
    const mailFrom = params.mailFrom ?? `orders@${params.domain}`;
    const common = { NODE_ENV: 'production', PUBLIC_URL: `https://${params.domain}`, MAIL_FROM: mailFrom };
    const { db, session, shop, mail, ingestCertificate } = taskSecrets(database, props.secrets);
    // Once ingest runs (its certificate stored), the web publishes the farmers' controls to the
    // bridges' shadows through a link of its own under that certificate (decision 033).
    const controls: { environment: Record<string, string>; secrets: Record<string, ecs.Secret> } =
      params.ingestTasks > 0 && params.iotEndpoint
        ? { environment: { INGEST_MQTT_ENDPOINT: params.iotEndpoint }, secrets: ingestCertificate }
        : { environment: {}, secrets: {} };

    const webTask = seedlineTask(this, image, {
      role: 'web',
      command: [...COMMANDS.web],
      // Half a vCPU each: the CPU scaling adds tasks when a sale or a recall brings crowds.
      cpu: 512,
      memoryLimitMiB: 1024,
      environment: {
        ...common,
        SEEDLINE_ROLES: 'web',
        HOST: '0.0.0.0',
        PORT: String(WEB_PORT),
        TRUST_PROXY: '1',
        WEB_CONCURRENCY: '1',
        SEEDLINE_S3_BUCKET: props.bucket.bucketName,
        ...controls.environment,
      },
      secrets: { ...db, ...session, ...shop, ...controls.secrets },
    });
    const web = webService(this, {
      cluster,
      taskDefinition: webTask.taskDefinition,
      certificateArn: params.certificateArn,
      minTasks: params.webMinTasks,
      maxTasks: params.webMaxTasks,
    });
    this.web = { ...webTask, ...web };
    props.bucket.grantReadWrite(webTask.taskDefinition.taskRole);

    const workerTask = seedlineTask(this, image, {
      role: 'worker',
      command: [...COMMANDS.worker],
      cpu: 256,
      memoryLimitMiB: 512,
      environment: { ...common, VAPID_SUBJECT: `mailto:${mailFrom}` },
      secrets: { ...db, ...session, ...shop, ...mail },
    });
    this.worker = {
      ...workerTask,
      service: this.backgroundService('WorkerService', cluster, workerTask, params.workerTasks),
    };
    props.email.grantSend(workerTask.taskDefinition.taskRole);

    const ingestTask = seedlineTask(this, image, {
      role: 'ingest',
      command: [...COMMANDS.ingest],
      cpu: 512,
      memoryLimitMiB: 1024,
      environment: {
        ...common,
        ...(params.iotEndpoint ? { INGEST_MQTT_ENDPOINT: params.iotEndpoint } : {}),
        // Copies share the bridges' traffic, each under its own client id (its task's host name).
        INGEST_SHARE_GROUP,
      },
      secrets: { ...db, ...ingestCertificate },
    });
    this.ingest = {
      ...ingestTask,
      service: this.backgroundService('IngestService', cluster, ingestTask, params.ingestTasks),
    };
    grantIngestIot(ingestTask.taskDefinition.taskRole);

    const services = { web: web.service, worker: this.worker.service, ingest: this.ingest.service };
    for (const [name, service] of Object.entries(services)) {
      database.allowFrom(service, `PostgreSQL from the ${name} service`);
    }
  }

  /** A service with no load balancer: its tasks only connect out. */
  private backgroundService(id: string, cluster: ecs.ICluster, task: SeedlineTask, count: number) {
    return new ecs.FargateService(this, id, {
      cluster,
      taskDefinition: task.taskDefinition,
      desiredCount: count,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      assignPublicIp: false,
      // A replacement starts before the old task stops: ingest copies share their group's traffic
      // (each under its own client id) and workers claim each item once (decisions 033, 034).
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { rollback: true },
    });
  }
}

/** The variables each kind of task may be given from Secrets Manager, by concern. */
function taskSecrets(database: Database, secrets: AppSecrets) {
  const field = (key: string) => ecs.Secret.fromSecretsManager(database.secret, key);
  return {
    db: {
      DB_HOST: field('host'),
      DB_PORT: field('port'),
      DB_NAME: field('dbname'),
      DB_USER: field('username'),
      DB_PASSWORD: field('password'),
    },
    session: { SESSION_SECRET: ecs.Secret.fromSecretsManager(secrets.session, 'SESSION_SECRET') },
    // Web offers card payment, push and Zalo only when their keys are set, so it reads them too.
    shop: { ...fromKeys(secrets.payments, PAYMENT_KEYS), ...fromKeys(secrets.notify, NOTIFY_KEYS) },
    mail: fromKeys(secrets.mail, MAIL_KEYS),
    ingestCertificate: fromKeys(secrets.ingestCertificate, INGEST_CERTIFICATE_KEYS),
  };
}

/**
 * The ingest task role may do in AWS IoT what the ingest certificate's policy allows, built from
 * the same statements (policies.ts), and nothing else. The certificate is what AWS IoT checks on
 * an MQTT connection over mutual TLS, as ingest connects today; the role's grant is what it would
 * check over WebSocket with the task's credentials (SigV4), so neither path reaches further.
 */
function grantIngestIot(role: iam.IRole): void {
  const arn: IotArn = (type, name) => `arn:${Aws.PARTITION}:iot:${Aws.REGION}:${Aws.ACCOUNT_ID}:${type}/${name}`;
  for (const statement of ingestPolicy(arn).Statement) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: [statement.Action].flat(), resources: [statement.Resource].flat() }),
    );
  }
}
