import { errorMessage } from '../../firmware-bridge/src/async.ts';
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
  ResourceNotFoundException,
  UpdateCertificateCommand,
  type IoTClient,
} from '@aws-sdk/client-iot';
import { z } from 'zod';
import { DEVICE_POLICY_NAME, INGEST_POLICY_NAME, THING_GROUP_NAME, THING_TYPE_NAME } from '../cdk/names.ts';
import type { Principal } from './args.ts';

export type Step =
  | 'describe-endpoint'
  | 'describe-thing'
  | 'create-thing'
  | 'add-thing-to-group'
  | 'create-certificate'
  | 'attach-policy'
  | 'attach-thing-principal'
  | 'write-files';

export type Provisioned = {
  /** The account's AWS IoT data endpoint (ATS), host name only. */
  endpoint: string;
  certificateId: string;
  certificateArn: string;
  certificatePem: string;
  privateKey: string;
  policyName: string;
  thing?: { name: string; created: boolean };
  /** Deactivates and deletes the certificate this run created; says what it did or could not do. */
  rollback(): Promise<string[]>;
};

/** A step failed; `cleanup` says what was undone or left in place (empty when nothing was created). */
export class ProvisionError extends Error {
  constructor(
    readonly step: Step,
    cause: unknown,
    readonly cleanup: string[],
  ) {
    super(`${step} failed: ${errorMessage(cause)}`, { cause });
    this.name = 'ProvisionError';
  }
}

const endpointResponse = z.object({ endpointAddress: z.string().min(1) });
const certificateResponse = z.object({
  certificateArn: z.string().min(1),
  certificateId: z.string().min(1),
  certificatePem: z.string().min(1),
  keyPair: z.object({ PrivateKey: z.string().min(1) }),
});

/**
 * Registers a bridge (or the ingest principal) in AWS IoT and returns its new credentials, which
 * exist nowhere else: the private key is never stored by AWS. Read-only first (the endpoint, which
 * also proves the credentials and region), then the thing, then the certificate.
 *
 * The certificate is the one thing rolled back on failure: without its key, which is only in this
 * process, it can never be used, and an active, unowned certificate is a credential nobody
 * watches. A thing this run created stays: it grants nothing without a certificate, and running
 * the command again reuses it.
 */
export async function provisionInAws(client: IoTClient, principal: Principal): Promise<Provisioned> {
  let step: Step = 'describe-endpoint';
  let certificate: { id: string; arn: string } | undefined;
  let attachedTo: string | undefined;
  let createdThing: string | undefined;
  const policyName = principal.kind === 'thing' ? DEVICE_POLICY_NAME : INGEST_POLICY_NAME;
  try {
    const endpoint = endpointResponse.parse(
      await client.send(new DescribeEndpointCommand({ endpointType: 'iot:Data-ATS' })),
    ).endpointAddress;

    let thing: Provisioned['thing'];
    if (principal.kind === 'thing') {
      const { thingName } = principal;
      step = 'describe-thing';
      const existing = await describeThing(client, thingName);
      if (existing && existing.thingTypeName !== THING_TYPE_NAME) {
        throw new Error(
          `thing ${thingName} already exists with ${existing.thingTypeName ? `type ${existing.thingTypeName}` : 'no type'}, not ${THING_TYPE_NAME}`,
        );
      }
      if (!existing) {
        step = 'create-thing';
        await client.send(new CreateThingCommand({ thingName, thingTypeName: THING_TYPE_NAME }));
        createdThing = thingName;
      }
      step = 'add-thing-to-group';
      // Adding a thing to a group it is already in succeeds, so a re-run needs no check.
      await client.send(new AddThingToThingGroupCommand({ thingName, thingGroupName: THING_GROUP_NAME }));
      thing = { name: thingName, created: !existing };
    }

    step = 'create-certificate';
    const created = certificateResponse.parse(
      await client.send(new CreateKeysAndCertificateCommand({ setAsActive: true })),
    );
    certificate = { id: created.certificateId, arn: created.certificateArn };

    step = 'attach-policy';
    await client.send(new AttachPolicyCommand({ policyName, target: created.certificateArn }));

    if (thing) {
      step = 'attach-thing-principal';
      await client.send(new AttachThingPrincipalCommand({ thingName: thing.name, principal: created.certificateArn }));
      attachedTo = thing.name;
    }

    const made = { id: created.certificateId, arn: created.certificateArn };
    return {
      endpoint,
      certificateId: created.certificateId,
      certificateArn: created.certificateArn,
      certificatePem: created.certificatePem,
      privateKey: created.keyPair.PrivateKey,
      policyName,
      thing,
      rollback: () => rollbackCertificate(client, made, thing?.name),
    };
  } catch (error) {
    const cleanup = certificate ? await rollbackCertificate(client, certificate, attachedTo) : [];
    if (createdThing !== undefined)
      cleanup.push(`kept the new thing ${createdThing}: it grants nothing alone, and a re-run reuses it`);
    throw new ProvisionError(step, withHint(step, error), cleanup);
  }
}

async function describeThing(client: IoTClient, thingName: string) {
  try {
    return await client.send(new DescribeThingCommand({ thingName }));
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/** Best effort, step by step, so that whatever is left is named with the command that removes it. */
async function rollbackCertificate(
  client: IoTClient,
  certificate: { id: string; arn: string },
  thingName: string | undefined,
): Promise<string[]> {
  const report: string[] = [];
  const manual = `aws iot update-certificate --certificate-id ${certificate.id} --new-status INACTIVE && aws iot delete-certificate --certificate-id ${certificate.id} --force-delete`;
  const attempt = async (what: string, action: () => Promise<unknown>) => {
    try {
      await action();
      report.push(`${what}: done`);
      return true;
    } catch (error) {
      report.push(`${what}: failed (${errorMessage(error)}); remove the certificate with: ${manual}`);
      return false;
    }
  };
  const detached =
    thingName === undefined ||
    (await attempt(`detach certificate ${certificate.id} from thing ${thingName}`, () =>
      client.send(new DetachThingPrincipalCommand({ thingName, principal: certificate.arn })),
    ));
  const deactivated =
    detached &&
    (await attempt(`deactivate certificate ${certificate.id}`, () =>
      client.send(new UpdateCertificateCommand({ certificateId: certificate.id, newStatus: 'INACTIVE' })),
    ));
  // forceDelete also detaches the policy, however far the run got with attaching it.
  if (deactivated) {
    await attempt(`delete certificate ${certificate.id}`, () =>
      client.send(new DeleteCertificateCommand({ certificateId: certificate.id, forceDelete: true })),
    );
  }
  return report;
}

function withHint(step: Step, error: unknown): unknown {
  // The first call is the one that meets missing credentials or region.
  if (step === 'describe-endpoint') {
    return new Error(`${errorMessage(error)} (AWS credentials and region: AWS_PROFILE, AWS_REGION or --region)`);
  }
  // The thing type, group and policies come from the CDK stack.
  if (
    error instanceof ResourceNotFoundException &&
    ['create-thing', 'add-thing-to-group', 'attach-policy'].includes(step)
  ) {
    return new Error(
      `${errorMessage(error)} (is the SeedlineIot stack deployed in this account and region? npx cdk deploy)`,
    );
  }
  return error;
}
