import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { DEVICE_POLICY_NAME, INGEST_POLICY_NAME, THING_GROUP_NAME, THING_TYPE_NAME } from './names.ts';
import { synthIotStack } from './testing/synth.ts';

const template = synthIotStack();

describe('the IoT stack', () => {
  it('defines the bridge thing type and the group every bridge joins', () => {
    template.resourceCountIs('AWS::IoT::ThingType', 1);
    template.hasResourceProperties('AWS::IoT::ThingType', { ThingTypeName: THING_TYPE_NAME });
    template.resourceCountIs('AWS::IoT::ThingGroup', 1);
    template.hasResourceProperties('AWS::IoT::ThingGroup', { ThingGroupName: THING_GROUP_NAME });
  });

  it('defines exactly the device and ingest policies, under the names provisioning attaches', () => {
    template.resourceCountIs('AWS::IoT::Policy', 2);
    for (const name of [DEVICE_POLICY_NAME, INGEST_POLICY_NAME]) {
      template.hasResourceProperties('AWS::IoT::Policy', {
        PolicyName: name,
        PolicyDocument: { Version: '2012-10-17', Statement: Match.anyValue() },
      });
    }
  });

  it('creates no things, certificates, rules or functions', () => {
    for (const type of [
      'AWS::IoT::Thing',
      'AWS::IoT::Certificate',
      'AWS::IoT::TopicRule',
      'AWS::IoT::PolicyPrincipalAttachment',
      'AWS::Lambda::Function',
    ]) {
      template.resourceCountIs(type, 0);
    }
  });

  it('names no account or region: ARNs are built from the pseudo parameters', () => {
    const json = JSON.stringify(template.toJSON());
    expect(json).not.toMatch(/\d{12}/);
    expect(json).not.toMatch(/[a-z]{2}-[a-z]+-\d/);
    expect(json).toContain('"Ref":"AWS::AccountId"');
  });

  it('outputs the names an operator needs', () => {
    for (const output of ['ThingTypeName', 'ThingGroupName', 'DevicePolicyName', 'IngestPolicyName']) {
      template.hasOutput(output, {});
    }
  });
});
