import type { IoTClient } from '@aws-sdk/client-iot';
import { THING_GROUP_NAME, THING_TYPE_NAME } from '../cdk/names.ts';
import type { ProvisionArgs } from './args.ts';
import { provisionInAws, ProvisionError } from './aws.ts';
import { bridgeConfigFragment, ingestEnvFile, MQTT_PORT } from './config.ts';
import {
  AMAZON_ROOT_CA_FILE,
  AMAZON_ROOT_CA_URL,
  exists,
  outputPaths,
  refuseToOverwrite,
  writeOutputs,
} from './files.ts';

/**
 * Provisions one bridge (or the ingest principal) and writes its credentials. Every check that
 * can refuse runs before anything is created in AWS; if writing fails after, the new certificate
 * is rolled back, as its key is gone. Returns what to tell the user.
 */
export async function runProvision(client: IoTClient, args: ProvisionArgs): Promise<string[]> {
  const paths = outputPaths(args.outDir, args.principal, args.caPath);
  if (args.caPath !== undefined && !(await exists(args.caPath))) throw new Error(`--ca: no file at ${args.caPath}`);
  await refuseToOverwrite(paths, args.force);

  const provisioned = await provisionInAws(client, args.principal);
  const config =
    args.principal.kind === 'thing'
      ? bridgeConfigFragment(args.principal.thingName, provisioned.endpoint, paths)
      : ingestEnvFile(provisioned.endpoint, paths);
  let warnings: string[];
  try {
    ({ warnings } = await writeOutputs(
      paths,
      { cert: provisioned.certificatePem, key: provisioned.privateKey, config },
      args.force,
    ));
  } catch (error) {
    throw new ProvisionError('write-files', error, await provisioned.rollback());
  }

  const lines: string[] = [];
  if (provisioned.thing) {
    const { name, created } = provisioned.thing;
    lines.push(
      `thing ${name}: ${created ? 'created' : 'already registered, reused'} (type ${THING_TYPE_NAME}, group ${THING_GROUP_NAME})`,
    );
  }
  lines.push(
    `certificate ${provisioned.certificateId}: active, policy ${provisioned.policyName}` +
      (provisioned.thing ? `, attached to thing ${provisioned.thing.name}` : ''),
    `wrote ${paths.cert}`,
    `wrote ${paths.key} (0600)`,
    `wrote ${paths.config}`,
    `endpoint ${provisioned.endpoint}:${MQTT_PORT}`,
  );
  if (args.caPath !== undefined) lines.push(`CA ${paths.ca}`);
  else if (await exists(paths.ca)) lines.push(`CA ${paths.ca} (found)`);
  else {
    lines.push(
      `CA not fetched (this command uses no internet): download ${AMAZON_ROOT_CA_FILE} from ${AMAZON_ROOT_CA_URL} and save it as ${paths.ca}`,
    );
  }
  lines.push(
    args.principal.kind === 'thing'
      ? `next: copy thingName and reporting from ${paths.config} into the gateway config, then npm run bridge -- --config FILE`
      : `next: set -a; . ${paths.config}; set +a — then start web (see firmware-bridge/README.md)`,
  );
  return [...lines, ...warnings.map((w) => `warning: ${w}`)];
}
