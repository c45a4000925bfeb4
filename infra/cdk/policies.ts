// The two IoT policies, as plain documents so tests can evaluate them. They mirror the local
// broker's rules (infra/local/acl.ts and identity.ts):
//   device T  connects as T only, from a certificate attached to thing T
//             publishes  dt/seedline/T/{telemetry,events}, $aws/things/T/shadow/name/irrigation/{get,update}
//             subscribes within dt/seedline/T/# and $aws/things/T/shadow/name/irrigation/#
//   ingest    connects as seedline-ingest or seedline-ingest-*
//             subscribes dt/seedline/+/{telemetry,events} and $aws/things/+/shadow/name/irrigation/#
//             publishes  any thing's irrigation shadow get and update, and dt/seedline/+/stored (its
//                        confirmations of what it stored); never telemetry or events
// In a policy resource `*` is the only wildcard; MQTT's `+` and `#` are plain characters, which is
// why subscriptions are checked on `topicfilter/...` (the filter as written) and deliveries on
// `topic/...` (the concrete topic).
import { INGEST_CLIENT_ID, INGEST_SHARE_GROUP } from './names.ts';

export type PolicyStatement = {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string>>;
};
export type PolicyDocument = { Version: '2012-10-17'; Statement: PolicyStatement[] };

/** Builds an IoT ARN in the deploying account and region, e.g. `topic/dt/seedline/x/events`. */
export type IotArn = (resourceType: 'client' | 'topic' | 'topicfilter', name: string) => string;

/** Resolved by AWS IoT to the MQTT client id of the connection being authorized. */
export const THING_NAME = '${iot:Connection.Thing.ThingName}';

/**
 * The thing named by the client id must be attached to the connecting certificate. Without it a
 * bridge's certificate could connect with another thing's name as client id, and the thing-name
 * variable would then grant it that thing's topics.
 */
const ATTACHED = { Bool: { 'iot:Connection.Thing.IsAttached': 'true' } };

const shadow = (thing: string) => `$aws/things/${thing}/shadow/name/irrigation`;
const telemetry = (thing: string) => `dt/seedline/${thing}/telemetry`;
const events = (thing: string) => `dt/seedline/${thing}/events`;
const stored = (thing: string) => `dt/seedline/${thing}/stored`;

export function devicePolicy(arn: IotArn): PolicyDocument {
  // `x` and `x/*` together are MQTT's `x/#`, which also matches `x` itself.
  const own = [
    `dt/seedline/${THING_NAME}`,
    `dt/seedline/${THING_NAME}/*`,
    shadow(THING_NAME),
    `${shadow(THING_NAME)}/*`,
  ];
  return {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 'iot:Connect', Resource: arn('client', THING_NAME), Condition: ATTACHED },
      {
        Effect: 'Allow',
        Action: 'iot:Publish',
        Resource: [
          telemetry(THING_NAME),
          events(THING_NAME),
          `${shadow(THING_NAME)}/get`,
          `${shadow(THING_NAME)}/update`,
        ].map((t) => arn('topic', t)),
        Condition: ATTACHED,
      },
      {
        Effect: 'Allow',
        Action: 'iot:Subscribe',
        Resource: own.map((f) => arn('topicfilter', f)),
        Condition: ATTACHED,
      },
      { Effect: 'Allow', Action: 'iot:Receive', Resource: own.map((t) => arn('topic', t)), Condition: ATTACHED },
    ],
  };
}

export function ingestPolicy(arn: IotArn): PolicyDocument {
  // `*` stands for `+` here. It also spans levels, but no device can publish to a topic with more
  // levels: its own policy pins every topic to its thing name, which never contains `/`.
  const bridges = [telemetry('*'), events('*'), shadow('*'), `${shadow('*')}/*`];
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: 'iot:Connect',
        Resource: [arn('client', INGEST_CLIENT_ID), arn('client', `${INGEST_CLIENT_ID}-*`)],
      },
      {
        Effect: 'Allow',
        Action: 'iot:Subscribe',
        // Alone, or as a member of the copies' share group (AWS IoT checks the filter as written).
        Resource: bridges.flatMap((f) => [
          arn('topicfilter', f),
          arn('topicfilter', `$share/${INGEST_SHARE_GROUP}/${f}`),
        ]),
      },
      { Effect: 'Allow', Action: 'iot:Receive', Resource: bridges.map((t) => arn('topic', t)) },
      // Settings and commands go through the shadow's desired state; the shadow service, not
      // ingest, answers on accepted/rejected/delta/documents.
      // ...and each bridge hears on its own `stored` topic which of its messages ingest committed.
      {
        Effect: 'Allow',
        Action: 'iot:Publish',
        Resource: [`${shadow('*')}/get`, `${shadow('*')}/update`, stored('*')].map((t) => arn('topic', t)),
      },
    ],
  };
}
