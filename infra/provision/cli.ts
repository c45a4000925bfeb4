// npm run provision -w @seedline/infra -- --thing NAME --out DIR [--region R] [--ca PATH] [--force]
// npm run provision -w @seedline/infra -- --ingest --out DIR [--region R] [--ca PATH] [--force]
// Registers a bridge (or the web ingest) with AWS IoT Core, using the AWS credentials and region
// of the environment (AWS_PROFILE, AWS_REGION...) unless --region is given.
import { IoTClient } from '@aws-sdk/client-iot';
import { parseProvisionArgs, USAGE } from './args.ts';
import { errorMessage } from '../../firmware-bridge/src/async.ts';
import { ProvisionError } from './aws.ts';
import { runProvision } from './run.ts';

async function main(): Promise<number> {
  // npm runs workspace scripts inside infra/; relative paths mean relative to where npm was typed.
  const parsed = parseProvisionArgs(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd());
  if (parsed.ok === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (!parsed.ok) {
    console.error(`provision: ${parsed.message}`);
    console.error(USAGE);
    return 2;
  }
  const client = new IoTClient(parsed.args.region === undefined ? {} : { region: parsed.args.region });
  try {
    for (const line of await runProvision(client, parsed.args)) console.log(line);
    return 0;
  } catch (error) {
    console.error(`provision: ${errorMessage(error)}`);
    if (error instanceof ProvisionError) {
      for (const line of error.cleanup) console.error(`  ${line}`);
      console.error('no credentials were written');
    }
    return 1;
  } finally {
    client.destroy();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(errorMessage(error));
    process.exitCode = 1;
  },
);
