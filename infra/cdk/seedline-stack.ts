import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Alarms } from './alarms.ts';
import { Database } from './database.ts';
import { Email } from './email.ts';
import { Network } from './network.ts';
import type { DeployParams } from './params.ts';
import { AppSecrets } from './secrets.ts';
import { Services } from './services.ts';
import { Storage } from './storage.ts';

/**
 * Seedline's shop, ingest and workers on managed services: a VPC, PostgreSQL on RDS, one S3 bucket,
 * three ECS services on Fargate (web behind a load balancer), SES for mail, alarms to one SNS
 * topic. The IoT stack (iot-stack.ts) stays its own: bridges keep reporting while this one is
 * replaced. Decision 032.
 */
export class SeedlineStack extends Stack {
  readonly services: Services;
  readonly database: Database;
  readonly storage: Storage;
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: StackProps & { params: DeployParams }) {
    super(scope, id, props);
    const { params } = props;
    const { vpc } = new Network(this, 'Network');
    this.database = new Database(this, 'Database', { vpc });
    this.storage = new Storage(this, 'Storage');
    const email = new Email(this, 'Email', { domain: params.domain });
    const secrets = new AppSecrets(this, 'Secrets');
    this.services = new Services(this, 'Services', {
      vpc,
      params,
      database: this.database,
      bucket: this.storage.bucket,
      secrets,
      email,
    });
    this.alarms = new Alarms(this, 'Alarms', {
      alarmEmail: params.alarmEmail,
      loadBalancer: this.services.web.loadBalancer,
      targetGroup: this.services.web.targetGroup,
      database: this.database.instance,
      workerLogs: this.services.worker.logGroup,
      ingestRuns: params.ingestTasks > 0,
    });

    new CfnOutput(this, 'LoadBalancerDnsName', {
      value: this.services.web.loadBalancer.loadBalancerDnsName,
      description: `Point ${params.domain} here (CNAME, or an alias record in Route 53)`,
    });
    new CfnOutput(this, 'BucketName', { value: this.storage.bucket.bucketName });
    const secretOutputs = {
      SessionSecret: secrets.session,
      PaymentsSecret: secrets.payments,
      NotifySecret: secrets.notify,
      MailSecret: secrets.mail,
      IngestCertificateSecret: secrets.ingestCertificate,
    };
    for (const [name, secret] of Object.entries(secretOutputs)) new CfnOutput(this, name, { value: secret.secretName });
    new CfnOutput(this, 'DatabaseSecret', { value: this.database.secret.secretName });
  }
}
