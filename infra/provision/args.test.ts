import { describe, expect, it } from 'vitest';
import { parseProvisionArgs } from './args.ts';

const parse = (...argv: string[]) => parseProvisionArgs(argv, '/home/farmer');
const failure = (...argv: string[]) => {
  const result = parse(...argv);
  if (result.ok !== false) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  return result.message;
};

describe('provision arguments', () => {
  it('takes a thing, resolving --out and --ca from where the command was typed', () => {
    expect(
      parse(
        '--thing',
        'seedline-xh-nm1',
        '--out',
        'creds',
        '--ca',
        '../AmazonRootCA1.pem',
        '--region',
        'ap-southeast-1',
      ),
    ).toEqual({
      ok: true,
      args: {
        principal: { kind: 'thing', thingName: 'seedline-xh-nm1' },
        outDir: '/home/farmer/creds',
        caPath: '/home/AmazonRootCA1.pem',
        region: 'ap-southeast-1',
        force: false,
      },
    });
  });

  it('takes --ingest instead of a thing', () => {
    const result = parse('--ingest', '--out', '/etc/seedline/ingest', '--force');
    expect(result).toMatchObject({
      ok: true,
      args: { principal: { kind: 'ingest' }, outDir: '/etc/seedline/ingest', force: true },
    });
  });

  it.each([
    [['--thing', 'a/b', '--out', 'x'], /^--thing: must be 1–128 letters/],
    [['--thing', 'x'.repeat(129), '--out', 'x'], /^--thing: /],
    [['--thing', 'seedline-ingest', '--out', 'x'], /^--thing: is reserved/],
    [['--thing', 'seedline-ingest-web1', '--out', 'x'], /^--thing: is reserved/],
    [['--thing', 'seedline-broker', '--out', 'x'], /^--thing: is reserved/],
    [['--out', 'x'], /^--thing: is required/],
    [['--thing', 'seedline-xh-nm1', '--ingest', '--out', 'x'], /^--thing: cannot be given with --ingest/],
    [['--thing', 'seedline-xh-nm1'], /^--out: is required/],
    [['--thing', 'seedline-xh-nm1', '--out', "it's"], /^--out: must not contain a single quote/],
    [['--thing', 'seedline-xh-nm1', '--out', 'x', '--region', 'Asia'], /^--region: must be an AWS region/],
    [['--thing', 'seedline-xh-nm1', '--out', 'x', '--colour', 'red'], /colour/],
  ])('refuses %j with one line naming the field', (argv, message) => {
    const text = failure(...argv);
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });
});
