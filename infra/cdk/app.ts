// `npx cdk synth` / `npx cdk deploy` from infra/ (cdk.json points here).
// The shop's stack needs its parameters as context: `-c domain=shop.example.vn -c
// certificateArn=arn:aws:acm:... -c alarmEmail=ops@example.vn` (README, Deploy to AWS). Without
// any of them only the IoT stack is synthesized, as before; with some, a wrong or missing one
// stops the synth with its name. `-c example=1` (npm run synth) fills them with stand-ins.
import { App } from 'aws-cdk-lib';
import { SeedlineIotStack } from './iot-stack.ts';
import { EXAMPLE_CONTEXT, ParamsError, deployParamsSchema, parseDeployParams } from './params.ts';
import { SeedlineStack } from './seedline-stack.ts';

const app = new App();
// Account and region come from the CLI's credentials and profile (CDK_DEFAULT_*); unset, as when
// synthesizing offline, the stacks stay environment-agnostic.
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;
const env = account && region ? { account, region } : undefined;
new SeedlineIotStack(app, 'SeedlineIot', {
  env,
  description: 'Seedline: AWS IoT Core thing type, group and policies for the greenhouse bridges',
});

const given = Object.keys(deployParamsSchema.shape).flatMap((name) => {
  const value: unknown = app.node.tryGetContext(name);
  return value === undefined ? [] : [[name, value] as const];
});
const example = app.node.tryGetContext('example') === '1' ? EXAMPLE_CONTEXT : {};
const context = { ...example, ...Object.fromEntries(given) };
if (Object.keys(context).length > 0) {
  try {
    new SeedlineStack(app, 'Seedline', {
      env,
      params: parseDeployParams(context),
      description: 'Seedline: network, PostgreSQL, storage, web, ingest and workers on ECS Fargate, mail, alarms',
    });
  } catch (error) {
    if (!(error instanceof ParamsError)) throw error;
    console.error(`✖ ${error.message}`);
    process.exit(1);
  }
}
app.synth();
