// `npx cdk synth` / `npx cdk deploy` from infra/ (cdk.json points here).
import { App } from 'aws-cdk-lib';
import { SeedlineIotStack } from './iot-stack.ts';

const app = new App();
// Account and region come from the CLI's credentials and profile (CDK_DEFAULT_*); unset, as when
// synthesizing offline, the stack stays environment-agnostic.
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;
new SeedlineIotStack(app, 'SeedlineIot', {
  env: account && region ? { account, region } : undefined,
  description: 'Seedline: AWS IoT Core thing type, group and policies for the greenhouse bridges',
});
app.synth();
