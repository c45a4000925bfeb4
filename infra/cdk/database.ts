import { Duration, RemovalPolicy, aws_ec2 as ec2, aws_rds as rds } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export const DATABASE_NAME = 'seedline';
export const DATABASE_USER = 'seedline';
export const BACKUP_DAYS = 14;
export const POSTGRES_PORT = 5432;

/**
 * Characters left out of the generated password, so that the container's entrypoint can put it in
 * DATABASE_URL as it is: only letters, digits and `-_.~`, which a URL never escapes.
 */
const NOT_URL_SAFE = ' !"#$%&\'()*+,/:;<=>?@[\\]^`{|}';

/**
 * PostgreSQL on RDS in the isolated subnets: no public address, no route out, reachable only from
 * the security groups given to `allowFrom`. The master credentials are generated into Secrets
 * Manager; the tasks read them from there.
 */
export class Database extends Construct {
  readonly instance: rds.DatabaseInstance;
  readonly secret: rds.DatabaseSecret;
  readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: { vpc: ec2.IVpc }) {
    super(scope, id);
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Seedline PostgreSQL: only from the Seedline services',
      allowAllOutbound: false,
    });
    this.secret = new rds.DatabaseSecret(this, 'Secret', {
      username: DATABASE_USER,
      excludeCharacters: NOT_URL_SAFE,
    });
    this.instance = new rds.DatabaseInstance(this, 'Postgres', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      // Burstable Graviton: a co-op's shop and 50 greenhouses' telemetry idle most of the day.
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.SMALL),
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [this.securityGroup],
      publiclyAccessible: false,
      port: POSTGRES_PORT,
      multiAz: false,
      credentials: rds.Credentials.fromSecret(this.secret),
      databaseName: DATABASE_NAME,
      allocatedStorage: 20,
      maxAllocatedStorage: 100,
      storageType: rds.StorageType.GP3,
      storageEncrypted: true,
      backupRetention: Duration.days(BACKUP_DAYS),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
      autoMinorVersionUpgrade: true,
      // Its log stays in RDS (console, `aws rds download-db-log-file-portion`): exported, it would
      // need a log-retention function of its own to be kept for a bounded time.
      enablePerformanceInsights: false,
    });
  }

  /** Lets `peer` (a service) open connections to PostgreSQL's port. */
  allowFrom(peer: ec2.IConnectable, description: string): void {
    this.instance.connections.allowFrom(peer, ec2.Port.tcp(POSTGRES_PORT), description);
  }
}
