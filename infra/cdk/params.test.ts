import { describe, expect, it } from 'vitest';
import { EXAMPLE_CONTEXT, parseDeployParams } from './params.ts';

describe('the deploy parameters', () => {
  it('take the example values, with the defaults an operator would otherwise have to know', () => {
    expect(parseDeployParams(EXAMPLE_CONTEXT)).toMatchObject({
      webMinTasks: 2,
      webMaxTasks: 4,
      ingestTasks: 0,
      workerTasks: 1,
    });
  });

  it('read numbers given as -c strings', () => {
    expect(parseDeployParams({ ...EXAMPLE_CONTEXT, webMinTasks: '3', webMaxTasks: '6' })).toMatchObject({
      webMinTasks: 3,
      webMaxTasks: 6,
    });
  });

  it.each([
    [{ certificateArn: undefined }, /-c certificateArn: /],
    [{ certificateArn: 'my-cert' }, /-c certificateArn: must be an ACM certificate ARN/],
    [{ domain: 'https://shop.example.com' }, /-c domain: must be a lower-case domain name/],
    [{ alarmEmail: 'ops' }, /-c alarmEmail: /],
    [{ webMinTasks: '1' }, /-c webMinTasks: must be at least 2/],
    [{ webMinTasks: '3', webMaxTasks: '2' }, /-c webMaxTasks: must not be below webMinTasks/],
    [{ ingestTasks: '1' }, /-c iotEndpoint: is required with ingestTasks/],
    [{ image: 'seedline' }, /-c image: must be registry\/repository:tag/],
  ])('refuse %o, naming the parameter', (change, message) => {
    expect(() => parseDeployParams({ ...EXAMPLE_CONTEXT, ...change })).toThrow(message);
  });
});
