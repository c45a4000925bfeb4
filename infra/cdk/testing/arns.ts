import type { Request } from './policy-eval.ts';
import { TEST_ACCOUNT, TEST_PARTITION, TEST_REGION } from './template-json.ts';

export const testArn = (resource: string) => `arn:${TEST_PARTITION}:iot:${TEST_REGION}:${TEST_ACCOUNT}:${resource}`;

export const connect = (clientId: string): Request => ({
  action: 'iot:Connect',
  resource: testArn(`client/${clientId}`),
});
export const publish = (topic: string): Request => ({ action: 'iot:Publish', resource: testArn(`topic/${topic}`) });
export const receive = (topic: string): Request => ({ action: 'iot:Receive', resource: testArn(`topic/${topic}`) });
export const subscribe = (filter: string): Request => ({
  action: 'iot:Subscribe',
  resource: testArn(`topicfilter/${filter}`),
});
