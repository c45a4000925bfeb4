// Turns the CloudFormation in a synthesized policy into plain strings, with the pseudo
// parameters set to a test account and region. Any other intrinsic throws: the evaluator must
// never see an ARN it cannot read.
export const TEST_PARTITION = 'aws';
export const TEST_REGION = 'ap-southeast-1';
export const TEST_ACCOUNT = '111122223333';

const PSEUDO: Record<string, string> = {
  'AWS::Partition': TEST_PARTITION,
  'AWS::Region': TEST_REGION,
  'AWS::AccountId': TEST_ACCOUNT,
};

export function resolveIntrinsics(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolveIntrinsics);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [first] = entries;
  if (entries.length === 1 && first !== undefined && (first[0] === 'Ref' || first[0].startsWith('Fn::'))) {
    const [name, argument] = first;
    if (name === 'Ref' && typeof argument === 'string' && PSEUDO[argument] !== undefined) return PSEUDO[argument];
    if (name === 'Fn::Join' && Array.isArray(argument) && typeof argument[0] === 'string') {
      const parts = resolveIntrinsics(argument[1]);
      if (Array.isArray(parts) && parts.every((p) => typeof p === 'string')) return parts.join(argument[0]);
    }
    throw new Error(`cannot resolve ${JSON.stringify(value)}`);
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, resolveIntrinsics(v)]));
}
