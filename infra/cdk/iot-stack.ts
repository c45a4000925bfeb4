import { Aws, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnPolicy, CfnThingGroup, CfnThingType } from 'aws-cdk-lib/aws-iot';
import type { Construct } from 'constructs';
import { DEVICE_POLICY_NAME, INGEST_POLICY_NAME, THING_GROUP_NAME, THING_TYPE_NAME } from './names.ts';
import { devicePolicy, ingestPolicy, type IotArn } from './policies.ts';

/**
 * AWS IoT Core for the bridges: their thing type and group, and the two least-privilege
 * policies. Things and certificates are not here: each bridge gets its own from the provisioning
 * command (`infra/provision`), as a private key must never pass through CloudFormation.
 *
 * No IoT rule: ingest subscribes to the bridges' topics itself over MQTT (the same code path as
 * with the local broker) and stores idempotently on (thing, sequence); each bridge keeps its
 * durable outbox until the broker acknowledges. A rule into SQS, Lambda or a database would be a
 * second ingest path to keep in step with the first. What that path would add is a buffer for
 * long ingest outages: ingest's persistent session holds QoS 1 messages only for the account's
 * persistent-session expiry (an AWS IoT quota: 1 hour by default, up to 7 days).
 */
export class SeedlineIotStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // Tokens, not the stack's env: the same template deploys to whichever account and region the
    // CLI's credentials point at.
    const arn: IotArn = (resourceType, name) =>
      `arn:${Aws.PARTITION}:iot:${Aws.REGION}:${Aws.ACCOUNT_ID}:${resourceType}/${name}`;

    const thingType = new CfnThingType(this, 'BridgeThingType', {
      thingTypeName: THING_TYPE_NAME,
      thingTypeProperties: { thingTypeDescription: 'A Seedline greenhouse gateway running firmware-bridge' },
    });
    const thingGroup = new CfnThingGroup(this, 'BridgeGroup', {
      thingGroupName: THING_GROUP_NAME,
      thingGroupProperties: { thingGroupDescription: 'Every Seedline greenhouse bridge' },
    });
    const device = new CfnPolicy(this, 'DevicePolicy', {
      policyName: DEVICE_POLICY_NAME,
      policyDocument: devicePolicy(arn),
    });
    const ingest = new CfnPolicy(this, 'IngestPolicy', {
      policyName: INGEST_POLICY_NAME,
      policyDocument: ingestPolicy(arn),
    });

    new CfnOutput(this, 'ThingTypeName', { value: thingType.ref });
    new CfnOutput(this, 'ThingGroupName', { value: thingGroup.ref });
    new CfnOutput(this, 'DevicePolicyName', { value: device.ref });
    new CfnOutput(this, 'IngestPolicyName', { value: ingest.ref });
  }
}
