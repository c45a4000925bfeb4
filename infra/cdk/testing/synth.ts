import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SeedlineIotStack } from '../iot-stack.ts';
import { EXAMPLE_CONTEXT, parseDeployParams } from '../params.ts';
import { SeedlineStack } from '../seedline-stack.ts';

/** The stack as `cdk synth` renders it with no account or region configured. */
export function synthIotStack(): Template {
  const app = new App();
  return Template.fromStack(new SeedlineIotStack(app, 'SeedlineIot'));
}

/** The shop's stack as `cdk synth -c example=1` renders it, with `context` over the example values. */
export function synthSeedlineStack(context: Record<string, unknown> = {}): Template {
  const app = new App();
  const params = parseDeployParams({ ...EXAMPLE_CONTEXT, ...context });
  return Template.fromStack(new SeedlineStack(app, 'Seedline', { params }));
}

/** The one resource of `type` whose logical id starts with `prefix` (construct path without hashes). */
export function logicalId(template: Template, type: string, prefix: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  if (ids.length !== 1) throw new Error(`expected one ${type} named ${prefix}*, found ${ids.join(', ') || 'none'}`);
  return ids[0]!;
}
