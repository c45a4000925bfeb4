import { z } from 'zod';
import type { PolicyDocument } from '../policies.ts';
import { resolveIntrinsics } from './template-json.ts';

const stringOrList = z.union([z.string(), z.array(z.string()).min(1)]);

// Strict objects: a key the evaluator does not know (NotResource, NotAction...) fails the parse.
const policyDocumentSchema = z.strictObject({
  Version: z.literal('2012-10-17'),
  Statement: z.array(
    z.strictObject({
      Effect: z.enum(['Allow', 'Deny']),
      Action: stringOrList,
      Resource: stringOrList,
      Condition: z.record(z.string(), z.record(z.string(), z.string())).optional(),
    }),
  ),
});

/** The policy document of the synthesized `AWS::IoT::Policy` named `policyName`, with plain-string ARNs. */
export function policyFromTemplate(
  template: { Resources?: Record<string, unknown> },
  policyName: string,
): PolicyDocument {
  const policies = Object.values(template.Resources ?? {}).flatMap((resource) => {
    const parsed = z
      .object({
        Type: z.literal('AWS::IoT::Policy'),
        Properties: z.object({ PolicyName: z.string(), PolicyDocument: z.unknown() }),
      })
      .safeParse(resource);
    return parsed.success && parsed.data.Properties.PolicyName === policyName ? [parsed.data.Properties] : [];
  });
  if (policies.length !== 1) throw new Error(`expected one policy named ${policyName}, found ${policies.length}`);
  return policyDocumentSchema.parse(resolveIntrinsics(policies[0]?.PolicyDocument));
}
