// A small AWS IoT policy evaluator for tests: enough of the real rules to ask "may this
// connection do that", and loud (it throws) on any policy feature it does not model, so a policy
// that grows past it fails its tests instead of passing them by accident.
//   - allowed when some Allow statement matches and no Deny statement does
//   - Action and Resource match with `*` (any run of characters, `/` included) and `?` (one
//     character); `+` and `#` are plain characters, as in AWS IoT
//   - `${iot:Connection.Thing.ThingName}` and `${iot:ClientId}` are the connection's client id;
//     `iot:Connection.Thing.IsAttached` is whether a thing of that name is attached to the certificate
import type { PolicyDocument, PolicyStatement } from '../policies.ts';

export type Connection = {
  clientId: string;
  /** The things attached to the connecting certificate. */
  attachedThings: readonly string[];
};

export type Request = {
  /** An IoT policy's `iot:Connect`..., or any IAM action (`s3:GetObject`) for an IAM policy. */
  action: `${string}:${string}`;
  resource: string;
};

export function isAllowed(policy: PolicyDocument, request: Request, connection: Connection): boolean {
  const matching = policy.Statement.filter((statement) => matches(statement, request, connection));
  return matching.some((s) => s.Effect === 'Allow') && !matching.some((s) => s.Effect === 'Deny');
}

function matches(statement: PolicyStatement, request: Request, connection: Connection): boolean {
  const known = new Set(['Effect', 'Action', 'Resource', 'Condition']);
  for (const key of Object.keys(statement)) {
    if (!known.has(key)) throw new Error(`policy-eval does not model statement key ${key}`);
  }
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') {
    throw new Error(`unknown Effect ${String(statement.Effect)}`);
  }
  const actions = [statement.Action].flat();
  const resources = [statement.Resource].flat();
  return (
    actions.some((a) => globMatches(a, request.action, connection, { ignoreCase: true })) &&
    resources.some((r) => globMatches(r, request.resource, connection, { ignoreCase: false })) &&
    conditionHolds(statement.Condition, connection)
  );
}

function conditionHolds(condition: PolicyStatement['Condition'], connection: Connection): boolean {
  if (condition === undefined) return true;
  return Object.entries(condition).every(([operator, tests]) => {
    if (operator !== 'Bool') throw new Error(`policy-eval does not model condition operator ${operator}`);
    return Object.entries(tests).every(([key, expected]) => {
      if (key !== 'iot:Connection.Thing.IsAttached') throw new Error(`policy-eval does not model condition key ${key}`);
      const actual = connection.attachedThings.includes(connection.clientId);
      return String(actual) === String(expected).toLowerCase();
    });
  });
}

const VARIABLES: Record<string, (connection: Connection) => string> = {
  'iot:Connection.Thing.ThingName': (c) => c.clientId,
  'iot:ClientId': (c) => c.clientId,
};

/** `pattern` with its policy variables replaced by their values, matched against `value`. */
export function globMatches(
  pattern: string,
  value: string,
  connection: Connection,
  { ignoreCase }: { ignoreCase: boolean },
): boolean {
  let source = '';
  // Variables, then the two wildcards, then runs of anything else, taken literally.
  for (const [token] of pattern.matchAll(/\$\{[^}]*\}|\*|\?|[^$*?]+|\$/g)) {
    if (token === '*') source += '.*';
    else if (token === '?') source += '.';
    else if (token.startsWith('${')) {
      const name = token.slice(2, -1);
      const resolve = VARIABLES[name];
      if (!resolve) throw new Error(`policy-eval does not model policy variable ${token}`);
      source += escapeRegExp(resolve(connection));
    } else source += escapeRegExp(token);
  }
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
