import { describe, expect, it } from 'vitest';
import { DEVICE_POLICY_NAME, INGEST_POLICY_NAME } from './names.ts';
import type { PolicyDocument } from './policies.ts';
import { rolePolicy, mayDo, taskRoles } from './testing/iam.ts';
import { TEST_ACCOUNT, TEST_REGION } from './testing/template-json.ts';
import { logicalId, synthSeedlineStack } from './testing/synth.ts';

const template = synthSeedlineStack();
const id = (type: string, prefix: string) => logicalId(template, type, prefix);
const roles = (prefix: string) => {
  const { task, execution } = taskRoles(template, id('AWS::ECS::TaskDefinition', `Services${prefix}Task`));
  return { app: rolePolicy(template, task), ecs: rolePolicy(template, execution) };
};
const web = roles('Web');
const worker = roles('Worker');
const ingest = roles('Ingest');
const all = { web, worker, ingest };

const bucket = `arn:${id('AWS::S3::Bucket', 'StorageFiles')}`;
const photo = `${bucket}/photos/originals/listing-1.jpg`;
const iot = (resource: string) => `arn:aws:iot:${TEST_REGION}:${TEST_ACCOUNT}:${resource}`;
const sesIdentity = (name: string) => `arn:aws:ses:${TEST_REGION}:${TEST_ACCOUNT}:identity/${name}`;
const ourIdentity = sesIdentity(`ref:${id('AWS::SES::EmailIdentity', 'EmailDomain')}`);

const actions = (policy: PolicyDocument) => policy.Statement.flatMap((s) => [s.Action].flat());

describe('the tasks’ roles', () => {
  it('let only web read and write the bucket', () => {
    expect(mayDo(web.app, 's3:GetObject', photo)).toBe(true);
    expect(mayDo(web.app, 's3:PutObject', photo)).toBe(true);
    for (const [name, policy] of Object.entries({ worker: worker.app, ingest: ingest.app, ...execRoles() })) {
      expect(mayDo(policy, 's3:GetObject', photo), name).toBe(false);
      expect(mayDo(policy, 's3:PutObject', photo), name).toBe(false);
    }
  });

  it('give web nothing in AWS IoT', () => {
    expect(actions(web.app).filter((a) => a === '*' || a.toLowerCase().startsWith('iot'))).toEqual([]);
    expect(mayDo(web.app, 'iot:Publish', iot('topic/$aws/things/seedline-xh-nm1/shadow/name/irrigation/update'))).toBe(
      false,
    );
    expect(mayDo(web.app, 'iot:AttachPolicy', iot(`policy/${DEVICE_POLICY_NAME}`))).toBe(false);
  });

  it('let ingest do in AWS IoT what its certificate policy allows, and nothing else', () => {
    expect(mayDo(ingest.app, 'iot:Connect', iot('client/seedline-ingest'))).toBe(true);
    expect(mayDo(ingest.app, 'iot:Subscribe', iot('topicfilter/dt/seedline/+/telemetry'))).toBe(true);
    expect(mayDo(ingest.app, 'iot:Receive', iot('topic/dt/seedline/seedline-xh-nm1/events'))).toBe(true);
    expect(
      mayDo(ingest.app, 'iot:Publish', iot('topic/$aws/things/seedline-xh-nm1/shadow/name/irrigation/update')),
    ).toBe(true);
    // Not a bridge: it may not speak for one, connect as one, or change policies and things.
    expect(mayDo(ingest.app, 'iot:Publish', iot('topic/dt/seedline/seedline-xh-nm1/telemetry'))).toBe(false);
    expect(mayDo(ingest.app, 'iot:Connect', iot('client/seedline-xh-nm1'))).toBe(false);
    for (const action of [
      'iot:AttachPolicy',
      'iot:CreatePolicyVersion',
      'iot:UpdateThingShadow',
      'iot:DeleteThing',
    ] as const) {
      expect(mayDo(ingest.app, action, iot(`policy/${INGEST_POLICY_NAME}`)), action).toBe(false);
    }
    expect(
      actions(ingest.app).every((a) => ['iot:Connect', 'iot:Subscribe', 'iot:Receive', 'iot:Publish'].includes(a)),
    ).toBe(true);
  });

  it('let only the worker send mail through SES, and only from the shop’s identity', () => {
    expect(mayDo(worker.app, 'ses:SendRawEmail', ourIdentity)).toBe(true);
    expect(mayDo(worker.app, 'ses:SendEmail', ourIdentity)).toBe(true);
    expect(mayDo(worker.app, 'ses:SendRawEmail', sesIdentity('someone-else.example'))).toBe(false);
    expect(mayDo(worker.app, 'ses:CreateEmailIdentity', ourIdentity)).toBe(false);
    expect(mayDo(web.app, 'ses:SendRawEmail', ourIdentity)).toBe(false);
    expect(mayDo(ingest.app, 'ses:SendRawEmail', ourIdentity)).toBe(false);
  });

  it('give each task exactly the secrets it needs (ECS reads them; the app’s own role reads none)', () => {
    const secrets = Object.keys(template.findResources('AWS::SecretsManager::Secret'));
    const readable = (policy: PolicyDocument) =>
      secrets
        .filter((s) => mayDo(policy, 'secretsmanager:GetSecretValue', `secret:${s}`))
        .map((s) => s.replace(/(Secret)?[0-9A-F]{8}$/, '').replace(/^Secrets/, ''));
    expect(readable(web.ecs).sort()).toEqual(['Database', 'Notify', 'Payments', 'Session']);
    expect(readable(worker.ecs).sort()).toEqual(['Database', 'Mail', 'Notify', 'Payments', 'Session']);
    expect(readable(ingest.ecs).sort()).toEqual(['Database', 'IngestCertificate']);
    for (const [name, roleSet] of Object.entries(all)) expect(readable(roleSet.app), name).toEqual([]);
  });
});

function execRoles(): Record<string, PolicyDocument> {
  return Object.fromEntries(Object.entries(all).map(([name, r]) => [`${name} execution`, r.ecs]));
}
