import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { INGEST_LAG } from './alarms.ts';
import { BACKUP_DAYS } from './database.ts';
import { EXAMPLE_CONTEXT } from './params.ts';
import { EXPORTS_PREFIX } from './storage.ts';
import { logicalId, synthSeedlineStack } from './testing/synth.ts';

const template = synthSeedlineStack();
/** Once the ingest certificate is in its secret (README, Deploy to AWS). */
const withIngest = synthSeedlineStack({ ingestTasks: '1', iotEndpoint: 'a1b2c3-ats.iot.ap-southeast-1.amazonaws.com' });
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
const ref = (id: string) => ({ Ref: id });
const groupId = (id: string) => ({ 'Fn::GetAtt': [id, 'GroupId'] });

describe('the database', () => {
  const dbId = logicalId(template, 'AWS::RDS::DBInstance', 'DatabasePostgres');
  const db = resources[dbId]!.Properties;

  it('is PostgreSQL with encrypted storage, no public address, backups kept and deletion protection', () => {
    expect(db).toMatchObject({
      Engine: 'postgres',
      StorageEncrypted: true,
      PubliclyAccessible: false,
      DeletionProtection: true,
      BackupRetentionPeriod: BACKUP_DAYS,
    });
    expect(BACKUP_DAYS).toBeGreaterThanOrEqual(7);
    // Deleting the stack leaves a final snapshot.
    template.hasResource('AWS::RDS::DBInstance', { DeletionPolicy: 'Snapshot' });
  });

  it('lives in subnets with no route anywhere (isolated), not the tasks’ or the load balancer’s', () => {
    const subnetGroup = resources[logicalId(template, 'AWS::RDS::DBSubnetGroup', 'DatabasePostgres')]!.Properties;
    const subnets = (subnetGroup.SubnetIds as { Ref: string }[]).map((s) => s.Ref);
    expect(subnets).toHaveLength(2);
    for (const subnet of subnets) expect(subnet).toMatch(/^NetworkVpcdatabaseSubnet/);
    const routed = Object.values(resources)
      .filter((r) => r.Type === 'AWS::EC2::Route')
      .map((r) => JSON.stringify(r.Properties.RouteTableId));
    for (const subnet of subnets) {
      const table = Object.values(resources).find(
        (r) =>
          r.Type === 'AWS::EC2::SubnetRouteTableAssociation' &&
          JSON.stringify(r.Properties.SubnetId) === JSON.stringify(ref(subnet)),
      )!.Properties.RouteTableId;
      expect(routed).not.toContain(JSON.stringify(table));
    }
  });

  it('accepts connections only on 5432 and only from the web, worker and ingest services', () => {
    const dbGroup = logicalId(template, 'AWS::EC2::SecurityGroup', 'DatabaseSecurityGroup');
    expect(resources[dbGroup]!.Properties.SecurityGroupIngress).toBeUndefined();
    const services = ['ServicesWebService', 'ServicesWorkerService', 'ServicesIngestService'].map((prefix) =>
      logicalId(template, 'AWS::EC2::SecurityGroup', prefix),
    );
    const ingress = Object.values(resources).filter(
      (r) =>
        r.Type === 'AWS::EC2::SecurityGroupIngress' &&
        JSON.stringify(r.Properties.GroupId) === JSON.stringify(groupId(dbGroup)),
    );
    expect(ingress.map((r) => r.Properties.SourceSecurityGroupId)).toEqual(
      expect.arrayContaining(services.map(groupId)),
    );
    expect(ingress).toHaveLength(3);
    for (const rule of ingress) {
      expect(rule.Properties).toMatchObject({ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432 });
      expect(rule.Properties.CidrIp).toBeUndefined();
    }
  });
});

describe('the bucket', () => {
  it('blocks every kind of public access, is encrypted and versioned', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
    });
    template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain' });
  });

  it('refuses every request that is not over TLS', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('expires exports, and only them', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ Prefix: EXPORTS_PREFIX, ExpirationInDays: 30, Status: 'Enabled' })]),
      },
    });
    const rules = (
      template.findResources('AWS::S3::Bucket')[logicalId(template, 'AWS::S3::Bucket', 'StorageFiles')]!.Properties
        .LifecycleConfiguration as { Rules: { ExpirationInDays?: number; Prefix?: string }[] }
    ).Rules;
    expect(rules.filter((r) => r.ExpirationInDays !== undefined).map((r) => r.Prefix)).toEqual([EXPORTS_PREFIX]);
  });
});

describe('secrets and logs', () => {
  it('puts no secret value in the template: generated, or blank until the operator sets it', () => {
    for (const secret of Object.values(template.findResources('AWS::SecretsManager::Secret'))) {
      const props = secret.Properties as { SecretString?: string; GenerateSecretString?: unknown };
      if (props.SecretString === undefined) expect(props.GenerateSecretString).toBeDefined();
      else for (const value of Object.values(JSON.parse(props.SecretString) as object)) expect(value).toBe('');
    }
  });

  it('keeps every service’s logs for a bounded time', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(groups).toHaveLength(3);
    for (const group of groups) expect(group.Properties.RetentionInDays).toBe(90);
  });
});

describe('the web service', () => {
  it('answers HTTP with a permanent redirect to HTTPS', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [
        { Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } },
      ],
    });
  });

  it('serves HTTPS with the certificate it was given', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      Certificates: [{ CertificateArn: EXAMPLE_CONTEXT.certificateArn }],
    });
  });

  it('sends traffic only to tasks whose /health answers 200', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      HealthCheckPath: '/health',
      Matcher: { HttpCode: '200' },
      Port: 3000,
    });
  });

  it('runs at least 2 tasks, scaled on CPU', () => {
    const service = logicalId(template, 'AWS::ECS::Service', 'ServicesWebService');
    expect(resources[service]!.Properties.DesiredCount).toBe(2);
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 2, MaxCapacity: 4 });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
      }),
    });
  });

  it('runs the web role only, in production, on the shop’s https address', () => {
    const task = resources[logicalId(template, 'AWS::ECS::TaskDefinition', 'ServicesWebTask')]!;
    const [container] = task.Properties.ContainerDefinitions as { Environment: { Name: string; Value: string }[] }[];
    const environment = Object.fromEntries(container!.Environment.map((e) => [e.Name, e.Value]));
    expect(environment).toMatchObject({
      SEEDLINE_ROLES: 'web',
      NODE_ENV: 'production',
      PUBLIC_URL: `https://${EXAMPLE_CONTEXT.domain}`,
      HOST: '0.0.0.0',
      TRUST_PROXY: '1',
    });
  });
});

describe('the worker and ingest services', () => {
  const command = (prefix: string) => {
    const task = resources[logicalId(template, 'AWS::ECS::TaskDefinition', prefix)]!;
    return (task.Properties.ContainerDefinitions as { Command: string[] }[])[0]!.Command;
  };

  it('run `npm run worker` and `npm run ingest`', () => {
    expect(command('ServicesWorkerTask')).toEqual(['npm', 'run', 'worker']);
    expect(command('ServicesIngestTask')).toEqual(['npm', 'run', 'ingest']);
  });

  it("gives the web the broker's address and ingest's certificate once ingest runs (the farmers' controls), not before", () => {
    const webEnvironment = (stack: typeof template) =>
      Object.values(stack.findResources('AWS::ECS::TaskDefinition'))
        .flatMap((t) => t.Properties.ContainerDefinitions as { Command: string[]; Environment: { Name: string }[] }[])
        .find((c) => c.Environment.some((e) => e.Name === 'SEEDLINE_ROLES'))!
        .Environment.map((e) => e.Name);
    expect(webEnvironment(template)).not.toContain('INGEST_MQTT_ENDPOINT');
    expect(webEnvironment(withIngest)).toContain('INGEST_MQTT_ENDPOINT');
  });

  it('starts ingest only when asked, its copies sharing the traffic as one group, a replacement up before the old one stops', () => {
    const ingest = () => resources[logicalId(template, 'AWS::ECS::Service', 'ServicesIngestService')]!.Properties;
    expect(ingest().DesiredCount).toBe(0);
    withIngest.hasResourceProperties('AWS::ECS::Service', {
      DesiredCount: 1,
      DeploymentConfiguration: Match.objectLike({ MaximumPercent: 200, MinimumHealthyPercent: 100 }),
    });
    withIngest.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: Match.arrayWith([
        Match.objectLike({
          Command: ['npm', 'run', 'ingest'],
          Environment: Match.arrayWith([{ Name: 'INGEST_SHARE_GROUP', Value: 'seedline-ingest' }]),
        }),
      ]),
    });
  });
});

describe('the alarms', () => {
  const topic = logicalId(template, 'AWS::SNS::Topic', 'AlarmsTopic');
  const alarms = Object.entries(template.findResources('AWS::CloudWatch::Alarm'));

  it('email the address given', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: EXAMPLE_CONTEXT.alarmEmail,
      TopicArn: ref(topic),
    });
  });

  it('cover 5xx, the shop down, ingest lag, database CPU and storage, and given-up messages; each goes to the topic', () => {
    expect(alarms.map(([id]) => id.replace(/^Alarms/, '').replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'DatabaseCpu',
      'DatabaseStorage',
      'IngestLag',
      'OutboxGivenUp',
      'Web5xx',
      'WebDown',
    ]);
    for (const [, alarm] of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([ref(topic)]);
      expect(alarm.Properties.OKActions).toEqual([ref(topic)]);
    }
  });

  it('watch ingest’s lag metric by its documented name', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: INGEST_LAG.namespace,
      MetricName: INGEST_LAG.metricName,
      TreatMissingData: 'notBreaching',
    });
    withIngest.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: INGEST_LAG.metricName,
      TreatMissingData: 'breaching',
    });
  });
});
