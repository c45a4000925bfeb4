// The rules of AWS IoT's Device Shadow service, for the local stack (AWS runs the real one): a
// document per thing and name with `desired` and `reported` states and a version. Pure: the
// service adapter feeds it requests and publishes what it answers.
//
// As AWS documents it: an update merges its state into the document (objects merge key by key,
// arrays and values replace, `null` deletes); the version goes up by one per accepted update; a
// request naming a version other than the current one is refused (409); a document over 8 KB is
// refused (413); `delta` holds every desired value that reported does not equal, and is sent to
// the device whenever an update touched desired and a delta remains.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export type ShadowDocument = { desired: JsonObject | null; reported: JsonObject | null; version: number };

export const SHADOW_MAX_BYTES = 8 * 1024;

export type Rejection = { code: 400 | 404 | 409 | 413; message: string };

export type UpdateResult =
  | { ok: false; rejection: Rejection }
  | {
      ok: true;
      document: ShadowDocument;
      /** The request's state, as AWS echoes it on update/accepted. */
      accepted: JsonObject;
      /** Set when desired was touched and still differs from reported. */
      delta: JsonObject | null;
    };

/** `previous` is null when the shadow does not exist yet. */
export function applyUpdate(previous: ShadowDocument | null, request: unknown): UpdateResult {
  if (!isObject(request) || !isObject(request.state)) {
    return reject(400, 'Missing required node: state');
  }
  const state = request.state;
  for (const key of Object.keys(state)) {
    if (key !== 'desired' && key !== 'reported') return reject(400, `Invalid state node: ${key}`);
  }
  if (state.desired !== undefined && state.desired !== null && !isObject(state.desired)) {
    return reject(400, 'State node desired must be an object');
  }
  if (state.reported !== undefined && state.reported !== null && !isObject(state.reported)) {
    return reject(400, 'State node reported must be an object');
  }
  const version = previous?.version ?? 0;
  if (request.version !== undefined && request.version !== version) {
    return reject(409, 'Version conflict');
  }
  const desired = mergeState(previous?.desired ?? null, state.desired);
  const reported = mergeState(previous?.reported ?? null, state.reported);
  const document: ShadowDocument = { desired, reported, version: version + 1 };
  if (Buffer.byteLength(JSON.stringify({ state: { desired, reported } })) > SHADOW_MAX_BYTES) {
    return reject(413, 'The payload exceeds the maximum size allowed');
  }
  const delta = state.desired !== undefined ? deltaOf(desired, reported) : null;
  return { ok: true, document, accepted: state, delta };
}

/** What `get/accepted` carries in `state`. */
export function stateForGet(document: ShadowDocument): JsonObject {
  const state: JsonObject = {};
  if (document.desired) state.desired = document.desired;
  if (document.reported) state.reported = document.reported;
  const delta = deltaOf(document.desired, document.reported);
  if (delta) state.delta = delta;
  return state;
}

/** Desired values that reported does not hold (objects compared key by key), or null when none. */
export function deltaOf(desired: JsonObject | null, reported: JsonObject | null): JsonObject | null {
  if (!desired) return null;
  const delta: JsonObject = {};
  for (const [key, want] of Object.entries(desired)) {
    const have = reported?.[key];
    if (isObject(want) && isObject(have)) {
      const inner = deltaOf(want, have);
      if (inner) delta[key] = inner;
    } else if (!equal(want, have)) {
      delta[key] = want;
    }
  }
  return Object.keys(delta).length ? delta : null;
}

function mergeState(base: JsonObject | null, change: Json | undefined): JsonObject | null {
  if (change === undefined) return base;
  if (change === null) return null;
  const merged = merge(base ?? {}, change as JsonObject);
  return Object.keys(merged).length ? merged : null;
}

function merge(base: JsonObject, change: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(change)) {
    if (value === null) delete out[key];
    else if (isObject(value) && isObject(out[key])) {
      const inner = merge(out[key] as JsonObject, value);
      if (Object.keys(inner).length) out[key] = inner;
      else delete out[key];
    } else out[key] = isObject(value) ? merge({}, value) : value;
  }
  return out;
}

function equal(a: Json | undefined, b: Json | undefined): boolean {
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && equal(a[k], b[k]));
  }
  return a === b;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function reject(code: Rejection['code'], message: string): UpdateResult {
  return { ok: false, rejection: { code, message } };
}
