import { describe, expect, it } from 'vitest';
import { filterWithin, isValidFilter, mayPublish, maySubscribe } from './acl.ts';
import { identityFromCommonName, mayUseClientId, type Identity } from './identity.ts';

const xh: Identity = { kind: 'device', thingName: 'seedline-xh-nm1' };
const ingest: Identity = { kind: 'ingest' };
const shadow = (thing: string) => `$aws/things/${thing}/shadow/name/irrigation`;

describe('identity from certificate CN', () => {
  it('maps seedline-ingest to the ingest principal and a thing name to a device', () => {
    expect(identityFromCommonName('seedline-ingest')).toEqual({ kind: 'ingest' });
    expect(identityFromCommonName('seedline-xh-nm1')).toEqual(xh);
  });

  it.each([undefined, '', 'seedline-broker', 'a/b', 'a+b', '#', 'x'.repeat(129), 'with space'])(
    'refuses %j as an identity',
    (cn) => expect(identityFromCommonName(cn)).toBeNull(),
  );

  it('requires a device to use its thing name as client id', () => {
    expect(mayUseClientId(xh, 'seedline-xh-nm1')).toBe(true);
    expect(mayUseClientId(xh, 'seedline-yd-nl1')).toBe(false);
    expect(mayUseClientId(xh, 'seedline-ingest')).toBe(false);
  });

  it('keeps ingest off device client ids', () => {
    expect(mayUseClientId(ingest, 'seedline-ingest')).toBe(true);
    expect(mayUseClientId(ingest, 'seedline-ingest-web1')).toBe(true);
    expect(mayUseClientId(ingest, 'seedline-xh-nm1')).toBe(false);
  });
});

describe('mayPublish for a device', () => {
  it.each([
    'dt/seedline/seedline-xh-nm1/telemetry',
    'dt/seedline/seedline-xh-nm1/events',
    `${shadow('seedline-xh-nm1')}/get`,
    `${shadow('seedline-xh-nm1')}/update`,
  ])('allows its own %s', (topic) => expect(mayPublish(xh, topic)).toBe(true));

  it.each([
    'dt/seedline/seedline-yd-nl1/telemetry',
    `${shadow('seedline-yd-nl1')}/update`,
    // responses come from the shadow service, never from the device
    `${shadow('seedline-xh-nm1')}/update/accepted`,
    `${shadow('seedline-xh-nm1')}/update/delta`,
    `$aws/things/seedline-xh-nm1/shadow/update`,
    `$aws/things/seedline-xh-nm1/shadow/name/other/update`,
    'dt/seedline/seedline-xh-nm1/telemetry/extra',
    // What ingest stored is ingest's to say: a bridge cannot confirm its own messages.
    'dt/seedline/seedline-xh-nm1/stored',
    'dt/seedline/seedline-xh-nm1',
    'dt/seedline/+/telemetry',
    'dt/seedline/#',
    '#',
    '',
    'dt/seedline/seedline-xh-nm1/telemetry\u0000',
    '$SYS/broker',
  ])('refuses %j', (topic) => expect(mayPublish(xh, topic)).toBe(false));
});

describe('mayPublish for ingest', () => {
  it('allows a confirmation to any bridge', () => {
    expect(mayPublish(ingest, 'dt/seedline/seedline-xh-nm1/stored')).toBe(true);
  });

  it.each([`${shadow('seedline-xh-nm1')}/update`, `${shadow('seedline-yd-nl1')}/get`])(
    'allows any thing’s irrigation shadow request %s',
    (topic) => expect(mayPublish(ingest, topic)).toBe(true),
  );

  it.each([
    'dt/seedline/seedline-xh-nm1/telemetry',
    'dt/seedline/seedline-xh-nm1/events',
    'dt/seedline/seedline-xh-nm1/stored/more',
    'dt/seedline/+/stored',
    'dt/seedline//stored',
    shadow('seedline-xh-nm1'),
    `${shadow('seedline-xh-nm1')}/`,
    `$aws/things/seedline-xh-nm1/shadow/update`,
    `$aws/things/seedline-ingest/shadow/name/irrigation/update`,
    `$aws/things//shadow/name/irrigation/update`,
    `${shadow('+')}/update`,
    // Answers are the shadow service's alone: ingest must not forge a delta for a bridge.
    `${shadow('seedline-yd-nl1')}/update/delta`,
    `${shadow('seedline-yd-nl1')}/get/accepted`,
  ])('refuses %j', (topic) => expect(mayPublish(ingest, topic)).toBe(false));
});

describe('the local shadow service', () => {
  const service: Identity = { kind: 'shadow-service' };

  it('maps seedline-shadow to it, with its own client id only', () => {
    expect(identityFromCommonName('seedline-shadow')).toEqual(service);
    expect(mayUseClientId(service, 'seedline-shadow')).toBe(true);
    expect(mayUseClientId(service, 'seedline-xh-nm1')).toBe(false);
  });

  it.each(['get/accepted', 'get/rejected', 'update/accepted', 'update/rejected', 'update/delta', 'update/documents'])(
    'answers on %s of any thing',
    (operation) => expect(mayPublish(service, `${shadow('seedline-yd-nl1')}/${operation}`)).toBe(true),
  );

  it.each([
    `${shadow('seedline-yd-nl1')}/update`,
    'dt/seedline/seedline-yd-nl1/telemetry',
    '$aws/things/seedline-yd-nl1/shadow/name/other/update/delta',
  ])('never publishes %j', (topic) => expect(mayPublish(service, topic)).toBe(false));

  it('hears only requests', () => {
    expect(maySubscribe(service, `${shadow('+')}/update`)).toBe(true);
    expect(maySubscribe(service, `${shadow('+')}/get`)).toBe(true);
    expect(maySubscribe(service, `${shadow('+')}/#`)).toBe(false);
    expect(maySubscribe(service, 'dt/seedline/+/telemetry')).toBe(false);
  });
});

describe('maySubscribe for a device', () => {
  it.each([
    `${shadow('seedline-xh-nm1')}/get/accepted`,
    `${shadow('seedline-xh-nm1')}/get/rejected`,
    `${shadow('seedline-xh-nm1')}/update/accepted`,
    `${shadow('seedline-xh-nm1')}/update/rejected`,
    `${shadow('seedline-xh-nm1')}/update/delta`,
    `${shadow('seedline-xh-nm1')}/update/documents`,
    `${shadow('seedline-xh-nm1')}/+/accepted`,
    `${shadow('seedline-xh-nm1')}/#`,
    'dt/seedline/seedline-xh-nm1/telemetry',
    'dt/seedline/seedline-xh-nm1/#',
  ])('allows its own %s', (filter) => expect(maySubscribe(xh, filter)).toBe(true));

  it.each([
    '#',
    '+',
    '+/#',
    'dt/#',
    'dt/seedline/#',
    'dt/seedline/+/telemetry',
    'dt/seedline/+/#',
    'dt/+/seedline-xh-nm1/telemetry',
    '+/seedline/seedline-xh-nm1/telemetry',
    '$aws/#',
    '$aws/things/+/shadow/name/irrigation/update/delta',
    `${shadow('seedline-yd-nl1')}/update/delta`,
    `${shadow('seedline-yd-nl1')}/#`,
    '$aws/things/seedline-xh-nm1/shadow/#',
    '$aws/things/seedline-xh-nm1/shadow/+/irrigation/update/delta',
    'dt/seedline/seedline-xh-nm1#',
    'dt/seedline/seedline-xh-nm1/#/telemetry',
    'dt/seedline/seedline-xh-nm1+/telemetry',
    '',
  ])('refuses %j', (filter) => expect(maySubscribe(xh, filter)).toBe(false));
});

describe('maySubscribe for ingest', () => {
  it.each([
    'dt/seedline/+/telemetry',
    'dt/seedline/+/events',
    'dt/seedline/seedline-xh-nm1/telemetry',
    '$aws/things/+/shadow/name/irrigation/#',
    '$aws/things/+/shadow/name/irrigation/update/accepted',
    `${shadow('seedline-yd-nl1')}/update/documents`,
  ])('allows %s', (filter) => expect(maySubscribe(ingest, filter)).toBe(true));

  it.each([
    '#',
    'dt/seedline/#',
    'dt/seedline/+/+',
    'dt/seedline/+/commands',
    '$aws/things/+/shadow/#',
    '$aws/#',
    '$SYS/#',
  ])('refuses %j', (filter) => expect(maySubscribe(ingest, filter)).toBe(false));
});

describe('topic filter algebra', () => {
  it.each([
    ['a/b', 'a/b', true],
    ['a/b', 'a/+', true],
    ['a/+', 'a/b', false],
    ['a/b/c', 'a/#', true],
    ['a', 'a/#', true],
    ['a/#', 'a/#', true],
    ['#', 'a/#', false],
    ['a/#', 'a/+', false],
    ['a/+', 'a/+/c', false],
    ['a/b/c', 'a/+', false],
    ['a', 'a/b', false],
  ] as const)('%s within %s is %s', (filter, pattern, expected) =>
    expect(filterWithin(filter, pattern)).toBe(expected),
  );

  it.each([
    ['a/#', true],
    ['#', true],
    ['a/+/b', true],
    ['a#', false],
    ['a/#/b', false],
    ['a+/b', false],
    ['', false],
  ] as const)('%j is a valid filter: %s', (filter, expected) => expect(isValidFilter(filter)).toBe(expected));
});
