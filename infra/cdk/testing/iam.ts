// The IAM policies a synthesized task may act with, as plain documents for policy-eval.ts. A
// resource of the stack becomes a readable stand-in: `Ref` of a secret is `secret:<logical id>`,
// `Fn::GetAtt [X, Arn]` is `arn:<logical id>`; pseudo parameters are the test account's.
import type { Template } from 'aws-cdk-lib/assertions';
import { z } from 'zod';
import type { PolicyDocument } from '../policies.ts';
import { isAllowed } from './policy-eval.ts';
import { TEST_ACCOUNT, TEST_PARTITION, TEST_REGION } from './template-json.ts';

const PSEUDO: Record<string, string> = {
  'AWS::Partition': TEST_PARTITION,
  'AWS::Region': TEST_REGION,
  'AWS::AccountId': TEST_ACCOUNT,
};

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

function resolve(value: unknown, resources: Resources): unknown {
  if (Array.isArray(value)) return value.map((v) => resolve(v, resources));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [first] = entries;
  if (entries.length !== 1 || first === undefined || !(first[0] === 'Ref' || first[0].startsWith('Fn::'))) {
    return Object.fromEntries(entries.map(([k, v]) => [k, resolve(v, resources)]));
  }
  const [name, argument] = first;
  if (name === 'Ref' && typeof argument === 'string') {
    if (PSEUDO[argument] !== undefined) return PSEUDO[argument];
    const type = resources[argument]?.Type;
    if (type === undefined) throw new Error(`Ref to unknown ${argument}`);
    return type === 'AWS::SecretsManager::Secret' ? `secret:${argument}` : `ref:${argument}`;
  }
  if (name === 'Fn::GetAtt' && Array.isArray(argument) && argument[1] === 'Arn') return `arn:${String(argument[0])}`;
  if (name === 'Fn::Join' && Array.isArray(argument) && typeof argument[0] === 'string') {
    const parts = resolve(argument[1], resources);
    if (Array.isArray(parts) && parts.every((p) => typeof p === 'string')) return parts.join(argument[0]);
  }
  if (name === 'Fn::Sub' && typeof argument === 'string') {
    return argument.replace(/\$\{([^}]+)\}/g, (_, v: string) => PSEUDO[v] ?? `\${${v}}`);
  }
  throw new Error(`cannot resolve ${JSON.stringify(value)}`);
}

const statementSchema = z.strictObject({
  Effect: z.enum(['Allow', 'Deny']),
  Action: z.union([z.string(), z.array(z.string())]),
  Resource: z.union([z.string(), z.array(z.string())]),
});
const documentSchema = z.object({ Statement: z.array(statementSchema) });

/** Every statement of the policies attached to the role with this logical id (none may be managed). */
export function rolePolicy(template: Template, roleId: string): PolicyDocument {
  const resources = template.toJSON().Resources as Resources;
  const role = resources[roleId];
  if (role?.Type !== 'AWS::IAM::Role') throw new Error(`${roleId} is not a role`);
  if (role.Properties?.ManagedPolicyArns !== undefined || role.Properties?.Policies !== undefined) {
    throw new Error(`${roleId} has managed or inline policies, which rolePolicy does not read`);
  }
  const attached = Object.values(resources).filter(
    (r) =>
      r.Type === 'AWS::IAM::Policy' &&
      JSON.stringify(r.Properties?.Roles ?? []).includes(JSON.stringify({ Ref: roleId })),
  );
  const statements = attached.flatMap(
    (p) => documentSchema.parse(resolve(p.Properties?.PolicyDocument, resources)).Statement,
  );
  return { Version: '2012-10-17', Statement: statements };
}

/** The logical ids of a task definition's task role (the app's) and execution role (ECS's). */
export function taskRoles(template: Template, taskDefinitionId: string): { task: string; execution: string } {
  const resources = template.toJSON().Resources as Resources;
  const props = z
    .object({
      TaskRoleArn: z.object({ 'Fn::GetAtt': z.tuple([z.string(), z.literal('Arn')]) }),
      ExecutionRoleArn: z.object({ 'Fn::GetAtt': z.tuple([z.string(), z.literal('Arn')]) }),
    })
    .parse(resources[taskDefinitionId]?.Properties);
  return { task: props.TaskRoleArn['Fn::GetAtt'][0], execution: props.ExecutionRoleArn['Fn::GetAtt'][0] };
}

/** Whether an IAM identity policy allows `action` on `resource` (no conditions modelled). */
export function mayDo(policy: PolicyDocument, action: `${string}:${string}`, resource: string): boolean {
  return isAllowed(policy, { action, resource }, { clientId: '', attachedThings: [] });
}
