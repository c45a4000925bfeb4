import {
  AddThingToThingGroupCommand,
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreateKeysAndCertificateCommand,
  CreateThingCommand,
  DeleteCertificateCommand,
  DescribeEndpointCommand,
  DescribeThingCommand,
  DetachThingPrincipalCommand,
  IoTClient,
  UpdateCertificateCommand,
} from '@aws-sdk/client-iot';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProvisionArgs } from './args.ts';
import { ProvisionError } from './aws.ts';
import { runProvision } from './run.ts';
import {
  CERT_ARN,
  CERT_ID,
  CERT_PEM,
  ENDPOINT,
  mockIot,
  notFound,
  PRIVATE_KEY,
  sent,
  type IotMock,
} from './testkit.ts';

// The SDK's notice that Node 20 support ends is for whoever runs the command, not for test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const THING = 'seedline-xh-nm1';
let iot: IotMock;
let root: string;
let out: string;
const client = new IoTClient({
  region: 'ap-southeast-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});
const thingArgs = (extra: Partial<ProvisionArgs> = {}): ProvisionArgs => ({
  principal: { kind: 'thing', thingName: THING },
  outDir: out,
  force: false,
  ...extra,
});
const mode = async (file: string) => (await stat(file)).mode & 0o777;
const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ProvisionError)) throw new Error(`expected a ProvisionError, got ${String(error)}`);
  return error;
};

beforeEach(async () => {
  iot = mockIot();
  root = await mkdtemp(path.join(tmpdir(), 'seedline-provision-'));
  out = path.join(root, 'creds');
});
afterEach(async () => {
  iot.restore();
  await rm(root, { recursive: true, force: true });
});

describe('provisioning a bridge', () => {
  it('registers the thing, then a certificate with the device policy, and writes key and config', async () => {
    const lines = await runProvision(client, thingArgs());

    expect(sent(iot)).toEqual([
      'DescribeEndpoint',
      'DescribeThing',
      'CreateThing',
      'AddThingToThingGroup',
      'CreateKeysAndCertificate',
      'AttachPolicy',
      'AttachThingPrincipal',
    ]);
    expect(iot.commandCalls(DescribeEndpointCommand)[0]?.args[0].input).toEqual({ endpointType: 'iot:Data-ATS' });
    expect(iot.commandCalls(CreateThingCommand)[0]?.args[0].input).toEqual({
      thingName: THING,
      thingTypeName: 'seedline-greenhouse-bridge',
    });
    expect(iot.commandCalls(AddThingToThingGroupCommand)[0]?.args[0].input).toEqual({
      thingName: THING,
      thingGroupName: 'seedline-bridges',
    });
    expect(iot.commandCalls(CreateKeysAndCertificateCommand)[0]?.args[0].input).toEqual({ setAsActive: true });
    expect(iot.commandCalls(AttachPolicyCommand)[0]?.args[0].input).toEqual({
      policyName: 'seedline-bridge',
      target: CERT_ARN,
    });
    expect(iot.commandCalls(AttachThingPrincipalCommand)[0]?.args[0].input).toEqual({
      thingName: THING,
      principal: CERT_ARN,
    });

    expect(await readFile(path.join(out, 'cert.pem'), 'utf8')).toBe(CERT_PEM);
    expect(await readFile(path.join(out, 'private.key'), 'utf8')).toBe(PRIVATE_KEY);
    expect(await mode(path.join(out, 'private.key'))).toBe(0o600);
    expect(await mode(path.join(out, 'cert.pem'))).toBe(0o600);
    expect(await mode(out)).toBe(0o700);
    expect(JSON.parse(await readFile(path.join(out, 'bridge-reporting.json'), 'utf8'))).toEqual({
      thingName: THING,
      reporting: {
        endpoint: ENDPOINT,
        port: 8883,
        certPath: path.join(out, 'cert.pem'),
        keyPath: path.join(out, 'private.key'),
        caPath: path.join(out, 'AmazonRootCA1.pem'),
      },
    });
    expect(lines.join('\n')).toContain('https://www.amazontrust.com/repository/AmazonRootCA1.pem');
    expect(lines.join('\n')).toContain(
      `certificate ${CERT_ID}: active, policy seedline-bridge, attached to thing ${THING}`,
    );
  });

  it('reuses a thing that is already registered with the bridge type', async () => {
    iot.on(DescribeThingCommand).resolves({ thingName: THING, thingTypeName: 'seedline-greenhouse-bridge' });
    const lines = await runProvision(client, thingArgs());
    expect(sent(iot)).not.toContain('CreateThing');
    expect(sent(iot)).toContain('AddThingToThingGroup');
    expect(lines[0]).toContain('already registered, reused');
  });

  it('refuses a thing of that name with another type, before creating a certificate', async () => {
    iot.on(DescribeThingCommand).resolves({ thingName: THING, thingTypeName: 'someone-elses-sensor' });
    const error = await failure(runProvision(client, thingArgs()));
    expect(error.step).toBe('describe-thing');
    expect(error.message).toContain('type someone-elses-sensor');
    expect(sent(iot)).not.toContain('CreateKeysAndCertificate');
  });

  it('points the config at --ca when given, and refuses a --ca that does not exist before calling AWS', async () => {
    const ca = path.join(root, 'AmazonRootCA1.pem');
    await expect(runProvision(client, thingArgs({ caPath: ca }))).rejects.toThrow(`--ca: no file at ${ca}`);
    expect(iot.calls()).toHaveLength(0);

    await writeFile(ca, 'CA');
    await runProvision(client, thingArgs({ caPath: ca }));
    const config = JSON.parse(await readFile(path.join(out, 'bridge-reporting.json'), 'utf8'));
    expect(config.reporting.caPath).toBe(ca);
  });
});

describe('existing credentials', () => {
  it('warns, without changing it, when an existing folder is open to other users', async () => {
    await mkdir(out, { mode: 0o755 });
    const lines = await runProvision(client, thingArgs());
    expect(lines.at(-1)).toBe(`warning: ${out} is accessible to other users; the key inside is not (0600)`);
    expect(await mode(out)).toBe(0o755);
    expect(await mode(path.join(out, 'private.key'))).toBe(0o600);
  });

  it('are never overwritten without --force, and nothing is created in AWS', async () => {
    await mkdir(out);
    await writeFile(path.join(out, 'private.key'), 'the old key');
    await expect(runProvision(client, thingArgs())).rejects.toThrow(/private\.key already exists.*--force/);
    expect(iot.calls()).toHaveLength(0);
    expect(await readFile(path.join(out, 'private.key'), 'utf8')).toBe('the old key');
  });

  it('are replaced with --force, the new key again readable by the owner only', async () => {
    await mkdir(out, { mode: 0o700 });
    await writeFile(path.join(out, 'private.key'), 'the old key', { mode: 0o644 });
    await writeFile(path.join(out, 'cert.pem'), 'the old cert', { mode: 0o644 });
    await runProvision(client, thingArgs({ force: true }));
    expect(await readFile(path.join(out, 'private.key'), 'utf8')).toBe(PRIVATE_KEY);
    expect(await mode(path.join(out, 'private.key'))).toBe(0o600);
  });
});

describe('a failure midway', () => {
  it('at AttachPolicy names the step, writes no file and deletes the new certificate', async () => {
    iot.on(AttachPolicyCommand).rejects(new Error('Rate exceeded'));
    const error = await failure(runProvision(client, thingArgs()));

    expect(error.step).toBe('attach-policy');
    expect(error.message).toBe('attach-policy failed: Rate exceeded');
    await expect(readdir(out)).rejects.toThrow(/ENOENT/);
    expect(sent(iot)).toEqual([
      'DescribeEndpoint',
      'DescribeThing',
      'CreateThing',
      'AddThingToThingGroup',
      'CreateKeysAndCertificate',
      'AttachPolicy',
      'UpdateCertificate',
      'DeleteCertificate',
    ]);
    expect(iot.commandCalls(UpdateCertificateCommand)[0]?.args[0].input).toEqual({
      certificateId: CERT_ID,
      newStatus: 'INACTIVE',
    });
    expect(iot.commandCalls(DeleteCertificateCommand)[0]?.args[0].input).toEqual({
      certificateId: CERT_ID,
      forceDelete: true,
    });
    expect(error.cleanup).toEqual([
      `deactivate certificate ${CERT_ID}: done`,
      `delete certificate ${CERT_ID}: done`,
      `kept the new thing ${THING}: it grants nothing alone, and a re-run reuses it`,
    ]);
  });

  it('while writing files removes what was written and detaches and deletes the certificate', async () => {
    await mkdir(path.join(out, 'bridge-reporting.json'), { recursive: true });
    const error = await failure(runProvision(client, thingArgs()));

    expect(error.step).toBe('write-files');
    expect(await readdir(out)).toEqual(['bridge-reporting.json']);
    expect(sent(iot).slice(-3)).toEqual(['DetachThingPrincipal', 'UpdateCertificate', 'DeleteCertificate']);
    expect(iot.commandCalls(DetachThingPrincipalCommand)[0]?.args[0].input).toEqual({
      thingName: THING,
      principal: CERT_ARN,
    });
  });

  it('says how to remove the certificate when the rollback itself fails', async () => {
    iot.on(AttachThingPrincipalCommand).rejects(new Error('Throttled'));
    iot.on(UpdateCertificateCommand).rejects(new Error('Network down'));
    const error = await failure(runProvision(client, thingArgs()));

    expect(error.step).toBe('attach-thing-principal');
    expect(sent(iot)).not.toContain('DeleteCertificate');
    expect(error.cleanup[0]).toContain(`deactivate certificate ${CERT_ID}: failed (Network down)`);
    expect(error.cleanup[0]).toContain(`aws iot delete-certificate --certificate-id ${CERT_ID} --force-delete`);
  });

  it('before any certificate exists has nothing to roll back', async () => {
    iot.on(DescribeEndpointCommand).rejects(new Error('Region is missing'));
    const error = await failure(runProvision(client, thingArgs()));
    expect(error.step).toBe('describe-endpoint');
    expect(error.cleanup).toEqual([]);
    expect(sent(iot)).toEqual(['DescribeEndpoint']);
  });

  it('because the stack is not deployed says so', async () => {
    iot.on(CreateThingCommand).rejects(notFound('Thing type seedline-greenhouse-bridge does not exist'));
    const error = await failure(runProvision(client, thingArgs()));
    expect(error.step).toBe('create-thing');
    expect(error.message).toContain('is the SeedlineIot stack deployed');
  });
});

describe('provisioning the ingest principal', () => {
  it('creates a certificate with the ingest policy, no thing, and writes its INGEST_* variables', async () => {
    await runProvision(client, { principal: { kind: 'ingest' }, outDir: out, force: false });

    expect(sent(iot)).toEqual(['DescribeEndpoint', 'CreateKeysAndCertificate', 'AttachPolicy']);
    expect(iot.commandCalls(AttachPolicyCommand)[0]?.args[0].input).toEqual({
      policyName: 'seedline-ingest',
      target: CERT_ARN,
    });
    expect(await mode(path.join(out, 'private.key'))).toBe(0o600);
    expect(await readFile(path.join(out, 'ingest.env'), 'utf8')).toBe(
      [
        `INGEST_MQTT_ENDPOINT='${ENDPOINT}'`,
        `INGEST_MQTT_PORT='8883'`,
        `INGEST_CERT='${path.join(out, 'cert.pem')}'`,
        `INGEST_KEY='${path.join(out, 'private.key')}'`,
        `INGEST_CA='${path.join(out, 'AmazonRootCA1.pem')}'`,
        '',
      ].join('\n'),
    );
  });
});
