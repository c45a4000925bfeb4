// Topic rules of the local broker, the same as the IoT policies in the cloud:
//   device T  publishes  dt/seedline/T/{telemetry,events}, $aws/things/T/shadow/name/irrigation/{get,update}
//             subscribes within dt/seedline/T/# and $aws/things/T/shadow/name/irrigation/#
//   ingest    subscribes dt/seedline/+/{telemetry,events} and $aws/things/+/shadow/name/irrigation/#
//             publishes  any thing's irrigation shadow get and update, and dt/seedline/+/stored (its
//                        confirmations); never telemetry or events
//   shadow    (the local Device Shadow service) subscribes $aws/things/+/shadow/name/irrigation/{get,update}
//             publishes  any thing's irrigation shadow answers: {get,update}/{accepted,rejected},
//                        update/{delta,documents}
// So no client but the shadow service can forge an answer (a delta, an accepted document).
// A subscription filter is allowed only if every topic it can match is allowed.
import { isValidThingName, type Identity } from './identity.ts';

const SHADOW = (thing: string) => `$aws/things/${thing}/shadow/name/irrigation`;

export function mayPublish(identity: Identity, topic: string): boolean {
  if (!isConcreteTopic(topic)) return false;
  const levels = topic.split('/');
  if (identity.kind === 'device') {
    const own = identity.thingName;
    return (
      topic === `dt/seedline/${own}/telemetry` ||
      topic === `dt/seedline/${own}/events` ||
      topic === `${SHADOW(own)}/get` ||
      topic === `${SHADOW(own)}/update`
    );
  }
  if (identity.kind === 'ingest' && isConfirmationTopic(levels)) return true;
  // $aws/things/{thing}/shadow/name/irrigation/<operation>
  const [root, things, thing, shadow, name, irrigation, ...rest] = levels;
  const isIrrigationShadow =
    root === '$aws' &&
    things === 'things' &&
    thing !== undefined &&
    isValidThingName(thing) &&
    shadow === 'shadow' &&
    name === 'name' &&
    irrigation === 'irrigation';
  if (!isIrrigationShadow) return false;
  const operation = rest.join('/');
  return identity.kind === 'ingest' ? REQUESTS.has(operation) : ANSWERS.has(operation);
}

/** dt/seedline/{thing}/stored: ingest tells a bridge what it stored (decision 038). */
function isConfirmationTopic(levels: string[]): boolean {
  const [dt, seedline, thing, stored, ...rest] = levels;
  return (
    dt === 'dt' &&
    seedline === 'seedline' &&
    thing !== undefined &&
    isValidThingName(thing) &&
    stored === 'stored' &&
    rest.length === 0
  );
}

const REQUESTS = new Set(['get', 'update']);
const ANSWERS = new Set([
  'get/accepted',
  'get/rejected',
  'update/accepted',
  'update/rejected',
  'update/delta',
  'update/documents',
]);

export function maySubscribe(identity: Identity, filter: string): boolean {
  if (!isValidFilter(filter)) return false;
  const allowed =
    identity.kind === 'device'
      ? [`dt/seedline/${identity.thingName}/#`, `${SHADOW(identity.thingName)}/#`]
      : identity.kind === 'ingest'
        ? ['dt/seedline/+/telemetry', 'dt/seedline/+/events', `${SHADOW('+')}/#`]
        : [`${SHADOW('+')}/get`, `${SHADOW('+')}/update`];
  return allowed.some((pattern) => filterWithin(filter, pattern));
}

/** A topic name a client may publish to: non-empty, no wildcards, no NUL. */
export function isConcreteTopic(topic: string): boolean {
  return topic.length > 0 && !topic.includes('+') && !topic.includes('#') && !topic.includes('\u0000');
}

/** MQTT 3.1.1 §4.7: `#` only as the whole last level, `+` only as a whole level. */
export function isValidFilter(filter: string): boolean {
  if (filter.length === 0 || filter.includes('\u0000')) return false;
  const levels = filter.split('/');
  return levels.every(
    (level, i) =>
      (level === '#' && i === levels.length - 1) || level === '+' || (!level.includes('#') && !level.includes('+')),
  );
}

/** True when every topic matched by `filter` is also matched by `pattern` (both valid filters). */
export function filterWithin(filter: string, pattern: string): boolean {
  return within(filter.split('/'), pattern.split('/'));
}

function within(f: readonly string[], p: readonly string[]): boolean {
  const [fHead, ...fRest] = f;
  const [pHead, ...pRest] = p;
  if (pHead === undefined) return fHead === undefined;
  // `a/#` matches `a` and everything below it.
  if (pHead === '#') return true;
  // `a/#` in the filter also matches the parent `a`, so the pattern must allow zero more levels.
  if (fHead === undefined || fHead === '#') return false;
  if (fHead === '+') return pHead === '+' && within(fRest, pRest);
  return (pHead === '+' || pHead === fHead) && within(fRest, pRest);
}
