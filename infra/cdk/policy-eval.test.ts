import { describe, expect, it } from 'vitest';
import type { PolicyDocument, PolicyStatement } from './policies.ts';
import { globMatches, isAllowed, type Connection } from './testing/policy-eval.ts';

const asX: Connection = { clientId: 'x', attachedThings: ['x'] };
const glob = (pattern: string, value: string) => globMatches(pattern, value, asX, { ignoreCase: false });
const policy = (...Statement: PolicyStatement[]): PolicyDocument => ({ Version: '2012-10-17', Statement });

describe('the test policy evaluator', () => {
  it('reads * as any run of characters, across levels, and ? as one character', () => {
    expect(glob('topic/a/*', 'topic/a/b/c')).toBe(true);
    expect(glob('topic/a/*', 'topic/a/')).toBe(true);
    expect(glob('topic/a/*', 'topic/a')).toBe(false);
    expect(glob('topic/?/b', 'topic/a/b')).toBe(true);
    expect(glob('topic/?/b', 'topic/ab/b')).toBe(false);
  });

  it('reads MQTT wildcards and regular-expression characters literally', () => {
    expect(glob('topicfilter/a/+', 'topicfilter/a/b')).toBe(false);
    expect(glob('topicfilter/a/#', 'topicfilter/a/b')).toBe(false);
    expect(glob('topicfilter/a/#', 'topicfilter/a/#')).toBe(true);
    expect(glob('topic/a.b', 'topic/axb')).toBe(false);
    expect(glob('topic/$aws/x', 'topic/$aws/x')).toBe(true);
  });

  it('substitutes the thing name with the client id, and refuses variables it does not know', () => {
    expect(glob('client/${iot:Connection.Thing.ThingName}', 'client/x')).toBe(true);
    expect(glob('client/${iot:Connection.Thing.ThingName}', 'client/y')).toBe(false);
    expect(() => glob('client/${iot:Certificate.Subject.CommonName}', 'client/x')).toThrow(/does not model/);
  });

  it('lets a Deny statement win over an Allow', () => {
    const request = { action: 'iot:Publish' as const, resource: 'topic/a' };
    const allow: PolicyStatement = { Effect: 'Allow', Action: 'iot:*', Resource: '*' };
    expect(isAllowed(policy(allow), request, asX)).toBe(true);
    expect(isAllowed(policy(allow, { Effect: 'Deny', Action: 'iot:Publish', Resource: 'topic/a' }), request, asX)).toBe(
      false,
    );
  });

  it('evaluates IsAttached against the client id, and refuses other conditions', () => {
    const request = { action: 'iot:Connect' as const, resource: 'client/x' };
    const attached: PolicyStatement = {
      Effect: 'Allow',
      Action: 'iot:Connect',
      Resource: '*',
      Condition: { Bool: { 'iot:Connection.Thing.IsAttached': 'true' } },
    };
    expect(isAllowed(policy(attached), request, asX)).toBe(true);
    expect(isAllowed(policy(attached), request, { clientId: 'x', attachedThings: ['y'] })).toBe(false);
    const other = { ...attached, Condition: { StringEquals: { 'iot:ClientId': 'x' } } };
    expect(() => isAllowed(policy(other), request, asX)).toThrow(/does not model/);
  });
});
