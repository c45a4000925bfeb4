import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GIVEN_UP, outboxPattern } from './alarms.ts';
import { logicalId, synthSeedlineStack } from './testing/synth.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * What CloudWatch Logs does with a space-delimited pattern, for the conditions outboxPattern uses:
 * the line split on spaces, one field per name, `= "text"` and `> n`. Returns the named values, or
 * null when the line does not match.
 */
function matchSpaceDelimited(pattern: string, line: string): Record<string, string> | null {
  const fields = pattern.slice(1, -1).split(', ');
  const values = line.split(' ');
  if (values.length !== fields.length) return null;
  const named: Record<string, string> = {};
  for (const [i, field] of fields.entries()) {
    const [name, operator, operand] = field.split(' ');
    const value = values[i]!;
    if (operator === '=' && value !== JSON.parse(operand!)) return null;
    if (operator === '>' && !(Number(value) > Number(operand))) return null;
    named[name!] = value;
  }
  return named;
}

const stack = synthSeedlineStack();
const email = outboxPattern(['email', 'outbox', 'transport']).logPatternString;
const notifications = outboxPattern(['notifications']).logPatternString;

describe('the given-up metric filters', () => {
  it('count the messages given up in the outboxes’ own log lines', () => {
    const line = 'Email outbox (smtps://email-smtp.ap-southeast-1.amazonaws.com:465): 3 sent, 1 to retry, 2 given up';
    expect(matchSpaceDelimited(email, line)?.failed).toBe('2');
    expect(matchSpaceDelimited(notifications, 'Notifications: 0 sent, 4 to retry, 1 given up')?.failed).toBe('1');
  });

  it('ignore rounds where nothing was given up, and other lines', () => {
    expect(matchSpaceDelimited(email, 'Email outbox (smtps://h:465): 3 sent, 1 to retry, 0 given up')).toBeNull();
    expect(matchSpaceDelimited(notifications, 'Notifications: 5 sent, 0 to retry, 0 given up')).toBeNull();
    expect(matchSpaceDelimited(email, 'Bridge offline: opened 2 alarm(s)')).toBeNull();
  });

  it('still match what the outboxes log (a changed line leaves the alarm silent)', () => {
    const template = '${r.sent} sent, ${r.retrying} to retry, ${r.failed} given up`';
    const source = (file: string) => fs.readFileSync(path.join(repoRoot, 'web/app', file), 'utf8');
    expect(source('orders/email-outbox.server.ts')).toContain(
      `log(\`Email outbox (\${options.transport.name}): ${template}`,
    );
    expect(source('notify/outbox.server.ts')).toContain(`console.log(\`Notifications: ${template}`);
  });

  it('read the worker’s log group, where the outboxes run', () => {
    const workerLogs = logicalId(stack, 'AWS::Logs::LogGroup', 'ServicesWorkerLogs');
    const filters = Object.values(stack.findResources('AWS::Logs::MetricFilter'));
    expect(filters.map((f) => f.Properties.FilterPattern).sort()).toEqual([email, notifications].sort());
    for (const filter of filters) {
      expect(filter.Properties).toMatchObject({
        LogGroupName: { Ref: workerLogs },
        MetricTransformations: [
          {
            MetricNamespace: GIVEN_UP.namespace,
            MetricName: GIVEN_UP.metricName,
            MetricValue: '$failed',
            DefaultValue: 0,
          },
        ],
      });
    }
  });
});
