import { describe, expect, it } from 'vitest';
import { isConcreteTopic, isValidFilter, mayPublish, maySubscribe } from '../local/acl.ts';
import type { Identity } from '../local/identity.ts';
import { DEVICE_POLICY_NAME, INGEST_POLICY_NAME } from './names.ts';
import type { PolicyDocument } from './policies.ts';
import { connect, publish, receive, subscribe, testArn } from './testing/arns.ts';
import { policyFromTemplate } from './testing/policy-document.ts';
import { isAllowed, type Connection, type Request } from './testing/policy-eval.ts';
import { synthIotStack } from './testing/synth.ts';

const template = synthIotStack().toJSON();
const device = policyFromTemplate(template, DEVICE_POLICY_NAME);
const ingest = policyFromTemplate(template, INGEST_POLICY_NAME);

const A = 'seedline-xh-nm1';
const B = 'seedline-yd-nl1';
const shadow = (thing: string) => `$aws/things/${thing}/shadow/name/irrigation`;

/** Thing A's certificate, connecting as it should. */
const asA: Connection = { clientId: A, attachedThings: [A] };
/** Thing A's certificate, claiming to be B. */
const aPosingAsB: Connection = { clientId: B, attachedThings: [A] };
const asIngest: Connection = { clientId: 'seedline-ingest', attachedThings: [] };

type Case = [label: string, policy: PolicyDocument, connection: Connection, request: Request];

const mustAllow: Case[] = [
  ['A connects with client id A', device, asA, connect(A)],
  ['A publishes its telemetry', device, asA, publish(`dt/seedline/${A}/telemetry`)],
  ['A publishes its events', device, asA, publish(`dt/seedline/${A}/events`)],
  ['A asks for its irrigation shadow', device, asA, publish(`${shadow(A)}/get`)],
  ['A reports to its irrigation shadow', device, asA, publish(`${shadow(A)}/update`)],
  ['A subscribes to its shadow deltas', device, asA, subscribe(`${shadow(A)}/update/delta`)],
  ['A subscribes to all its shadow topics', device, asA, subscribe(`${shadow(A)}/#`)],
  ['A subscribes to its own dt topics', device, asA, subscribe(`dt/seedline/${A}/#`)],
  ['A receives its shadow deltas', device, asA, receive(`${shadow(A)}/update/delta`)],
  ['A receives its shadow get answer', device, asA, receive(`${shadow(A)}/get/accepted`)],
  ['ingest connects as seedline-ingest', ingest, asIngest, connect('seedline-ingest')],
  [
    'ingest connects as seedline-ingest-web1',
    ingest,
    { ...asIngest, clientId: 'seedline-ingest-web1' },
    connect('seedline-ingest-web1'),
  ],
  ['ingest subscribes to all telemetry', ingest, asIngest, subscribe('dt/seedline/+/telemetry')],
  ['ingest subscribes to all events', ingest, asIngest, subscribe('dt/seedline/+/events')],
  ['ingest subscribes to all irrigation shadows', ingest, asIngest, subscribe(`${shadow('+')}/#`)],
  ['ingest receives A’s telemetry', ingest, asIngest, receive(`dt/seedline/${A}/telemetry`)],
  ['ingest receives B’s events', ingest, asIngest, receive(`dt/seedline/${B}/events`)],
  ['ingest receives A’s shadow documents', ingest, asIngest, receive(`${shadow(A)}/update/documents`)],
  ['ingest updates A’s irrigation shadow', ingest, asIngest, publish(`${shadow(A)}/update`)],
  ['ingest gets B’s irrigation shadow', ingest, asIngest, publish(`${shadow(B)}/get`)],
  ['ingest confirms to A what it stored', ingest, asIngest, publish(`dt/seedline/${A}/stored`)],
  ['A subscribes to its confirmations', device, asA, subscribe(`dt/seedline/${A}/stored`)],
  ['A receives its confirmations', device, asA, receive(`dt/seedline/${A}/stored`)],
];

const mustDeny: Case[] = [
  ['A connects with client id B', device, asA, connect(B)],
  ['A connects as ingest', device, asA, connect('seedline-ingest')],
  ['a certificate attached to no thing connects as A', device, { clientId: A, attachedThings: [] }, connect(A)],
  ['A, claiming client id B, publishes B’s telemetry', device, aPosingAsB, publish(`dt/seedline/${B}/telemetry`)],
  ['A, claiming client id B, updates B’s shadow', device, aPosingAsB, publish(`${shadow(B)}/update`)],
  ['A, claiming client id B, subscribes to B’s topics', device, aPosingAsB, subscribe(`dt/seedline/${B}/#`)],
  ['A, claiming client id B, receives B’s shadow delta', device, aPosingAsB, receive(`${shadow(B)}/update/delta`)],
  ['A publishes B’s telemetry', device, asA, publish(`dt/seedline/${B}/telemetry`)],
  ['A publishes B’s events', device, asA, publish(`dt/seedline/${B}/events`)],
  ['A updates B’s irrigation shadow', device, asA, publish(`${shadow(B)}/update`)],
  ['A asks for B’s irrigation shadow', device, asA, publish(`${shadow(B)}/get`)],
  [
    'A publishes its own shadow’s delta (the shadow service’s topic)',
    device,
    asA,
    publish(`${shadow(A)}/update/delta`),
  ],
  ['A publishes to its classic shadow', device, asA, publish(`$aws/things/${A}/shadow/update`)],
  ['A publishes to another named shadow', device, asA, publish(`$aws/things/${A}/shadow/name/other/update`)],
  ['A publishes below its telemetry', device, asA, publish(`dt/seedline/${A}/telemetry/extra`)],
  ['A publishes to a new dt topic', device, asA, publish(`dt/seedline/${A}/commands`)],
  ['A subscribes to B’s telemetry', device, asA, subscribe(`dt/seedline/${B}/telemetry`)],
  ['A subscribes to B’s events', device, asA, subscribe(`dt/seedline/${B}/events`)],
  ['A subscribes to B’s shadow', device, asA, subscribe(`${shadow(B)}/update/delta`)],
  ['A subscribes to every bridge’s telemetry', device, asA, subscribe('dt/seedline/+/telemetry')],
  ['A subscribes to everything', device, asA, subscribe('#')],
  ['A subscribes to all of dt/seedline', device, asA, subscribe('dt/seedline/#')],
  ['A subscribes to every irrigation shadow', device, asA, subscribe(`${shadow('+')}/#`)],
  ['A subscribes to all its shadows', device, asA, subscribe(`$aws/things/${A}/shadow/#`)],
  ['A receives B’s telemetry', device, asA, receive(`dt/seedline/${B}/telemetry`)],
  ['A receives B’s events', device, asA, receive(`dt/seedline/${B}/events`)],
  ['A receives B’s shadow delta', device, asA, receive(`${shadow(B)}/update/delta`)],
  ['A receives its classic shadow', device, asA, receive(`$aws/things/${A}/shadow/update/delta`)],
  ['ingest connects with a thing’s client id', ingest, { ...asIngest, clientId: A }, connect(A)],
  [
    'ingest connects as seedline-ingestor',
    ingest,
    { ...asIngest, clientId: 'seedline-ingestor' },
    connect('seedline-ingestor'),
  ],
  ['ingest publishes telemetry', ingest, asIngest, publish(`dt/seedline/${A}/telemetry`)],
  ['ingest publishes events', ingest, asIngest, publish(`dt/seedline/${A}/events`)],
  ['ingest publishes below a confirmation topic', ingest, asIngest, publish(`dt/seedline/${A}/stored/extra`)],
  ['A forges its own confirmation', device, asA, publish(`dt/seedline/${A}/stored`)],
  ['A receives B’s confirmations', device, asA, receive(`dt/seedline/${B}/stored`)],
  ['ingest publishes a shadow delta', ingest, asIngest, publish(`${shadow(A)}/update/delta`)],
  ['ingest publishes to a classic shadow', ingest, asIngest, publish(`$aws/things/${A}/shadow/update`)],
  ['ingest subscribes to everything', ingest, asIngest, subscribe('#')],
  ['ingest subscribes to all of dt/seedline', ingest, asIngest, subscribe('dt/seedline/#')],
  ['ingest subscribes to any dt topic', ingest, asIngest, subscribe('dt/seedline/+/+')],
  ['ingest subscribes to every shadow', ingest, asIngest, subscribe('$aws/things/+/shadow/#')],
  [
    'ingest receives a dt topic that is not telemetry or events',
    ingest,
    asIngest,
    receive(`dt/seedline/${A}/commands`),
  ],
  ['ingest receives a classic shadow', ingest, asIngest, receive(`$aws/things/${A}/shadow/update/delta`)],
];

describe('device and ingest policies', () => {
  it.each(mustAllow)('allow: %s', (_label, policy, connection, request) =>
    expect(isAllowed(policy, request, connection)).toBe(true),
  );

  it.each(mustDeny)('deny: %s', (_label, policy, connection, request) =>
    expect(isAllowed(policy, request, connection)).toBe(false),
  );
});

describe('the cloud policies mirror the local broker’s ACL (infra/local/acl.ts)', () => {
  const things = [A, B];
  const topics = things.flatMap((t) => [
    `dt/seedline/${t}`,
    `dt/seedline/${t}/telemetry`,
    `dt/seedline/${t}/events`,
    `dt/seedline/${t}/commands`,
    `dt/seedline/${t}/stored`,
    `dt/seedline/${t}/stored/extra`,
    `dt/seedline/${t}/telemetry/extra`,
    shadow(t),
    `${shadow(t)}/get`,
    `${shadow(t)}/update`,
    `${shadow(t)}/delete`,
    `${shadow(t)}/get/accepted`,
    `${shadow(t)}/update/delta`,
    `${shadow(t)}/update/documents`,
    `$aws/things/${t}/shadow/update`,
    `$aws/things/${t}/shadow/name/other/update`,
  ]);
  const filters = [
    ...topics,
    '#',
    '+',
    '+/#',
    'dt/#',
    'dt/seedline/#',
    'dt/seedline/+',
    'dt/seedline/+/+',
    'dt/seedline/+/telemetry',
    'dt/seedline/+/events',
    'dt/seedline/+/#',
    '$aws/#',
    '$aws/things/+/shadow/#',
    `${shadow('+')}/#`,
    `${shadow('+')}/update/delta`,
    ...things.flatMap((t) => [`dt/seedline/${t}/#`, `dt/seedline/${t}/+`, `${shadow(t)}/#`, `${shadow(t)}/+/accepted`]),
  ];
  const deviceA: Identity = { kind: 'device', thingName: A };

  it('device A may publish exactly what the local broker lets it publish', () => {
    for (const topic of topics.filter(isConcreteTopic)) {
      expect(isAllowed(device, publish(topic), asA), topic).toBe(mayPublish(deviceA, topic));
    }
  });

  it('device A may subscribe exactly as the local broker lets it', () => {
    for (const filter of filters.filter(isValidFilter)) {
      expect(isAllowed(device, subscribe(filter), asA), filter).toBe(maySubscribe(deviceA, filter));
    }
  });

  it('ingest may subscribe exactly as the local broker lets it', () => {
    for (const filter of filters.filter(isValidFilter)) {
      expect(isAllowed(ingest, subscribe(filter), asIngest), filter).toBe(maySubscribe({ kind: 'ingest' }, filter));
    }
  });

  it("ingest may subscribe as a member of its copies' share group, and of no other group", () => {
    for (const filter of ['dt/seedline/+/telemetry', 'dt/seedline/+/events', `${shadow('+')}/update/documents`]) {
      expect(isAllowed(ingest, subscribe(`$share/seedline-ingest/${filter}`), asIngest), filter).toBe(true);
      expect(isAllowed(ingest, subscribe(`$share/elsewhere/${filter}`), asIngest), filter).toBe(false);
    }
    expect(isAllowed(ingest, subscribe('$share/seedline-ingest/dt/seedline/#'), asIngest)).toBe(false);
  });

  it('ingest may publish only what the local broker allows: shadow get and update, and confirmations', () => {
    for (const topic of topics.filter(isConcreteTopic)) {
      const allowed = isAllowed(ingest, publish(topic), asIngest);
      if (allowed) expect(mayPublish({ kind: 'ingest' }, topic), topic).toBe(true);
      expect(allowed, topic).toBe(
        /^\$aws\/things\/[^/]+\/shadow\/name\/irrigation\/(get|update)$/.test(topic) ||
          /^dt\/seedline\/[^/]+\/stored$/.test(topic),
      );
    }
  });
});

describe('the tests notice a loosened policy', () => {
  const wildcard = testArn('*');
  const denied = (policies: { device: PolicyDocument; ingest: PolicyDocument }) =>
    mustDeny.filter(([, policy, connection, request]) =>
      isAllowed(policy === device ? policies.device : policies.ingest, request, connection),
    );

  // Every single widening: one resource of one statement becomes `*`, or a condition goes.
  const loosenings = (which: 'device' | 'ingest', policy: PolicyDocument) =>
    policy.Statement.flatMap((statement, i): [string, 'device' | 'ingest', PolicyDocument][] => {
      const what = `${which} statement ${i} (${String(statement.Action)})`;
      const resources = [statement.Resource].flat();
      const widened = resources.map((_, r): [string, 'device' | 'ingest', PolicyDocument] => [
        `${what} with resource ${r} widened to *`,
        which,
        replaceStatement(policy, i, { ...statement, Resource: resources.map((x, k) => (k === r ? wildcard : x)) }),
      ]);
      const { Condition: _dropped, ...unconditioned } = statement;
      const dropped: [string, 'device' | 'ingest', PolicyDocument][] = statement.Condition
        ? [[`${what} without its condition`, which, replaceStatement(policy, i, unconditioned)]]
        : [];
      return [...widened, ...dropped];
    });

  it('catches nothing in the policies as they are', () => expect(denied({ device, ingest })).toEqual([]));

  it.each([...loosenings('device', device), ...loosenings('ingest', ingest)])(
    '%s is caught',
    (_label, which, policy) => {
      const loosened = which === 'device' ? { device: policy, ingest } : { device, ingest: policy };
      expect(denied(loosened).length).toBeGreaterThan(0);
    },
  );
});

function replaceStatement(
  policy: PolicyDocument,
  index: number,
  statement: PolicyDocument['Statement'][number],
): PolicyDocument {
  return { ...policy, Statement: policy.Statement.map((s, i) => (i === index ? statement : s)) };
}
