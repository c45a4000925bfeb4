import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SeedlineIotStack } from '../iot-stack.ts';

/** The stack as `cdk synth` renders it with no account or region configured. */
export function synthIotStack(): Template {
  const app = new App();
  return Template.fromStack(new SeedlineIotStack(app, 'SeedlineIot'));
}
