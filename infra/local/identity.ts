// Who is on the other end of a connection, decided only by the subject CN of a client
// certificate that our CA signed — never by the MQTT client id or user name.

export const INGEST_COMMON_NAME = 'seedline-ingest';
export const BROKER_COMMON_NAME = 'seedline-broker';
/** The local stand-in for AWS IoT's Device Shadow service (AWS runs its own in the cloud). */
export const SHADOW_SERVICE_COMMON_NAME = 'seedline-shadow';

export type Identity = { kind: 'device'; thingName: string } | { kind: 'ingest' } | { kind: 'shadow-service' };

const RESERVED_NAMES = new Set([INGEST_COMMON_NAME, BROKER_COMMON_NAME, SHADOW_SERVICE_COMMON_NAME]);

/** AWS IoT thing names: 1–128 of letters, digits, `:`, `_`, `-`. None may hold MQTT's `/ + #`. */
export function isValidThingName(name: string): boolean {
  return /^[A-Za-z0-9:_-]{1,128}$/.test(name) && !RESERVED_NAMES.has(name);
}

export function identityFromCommonName(commonName: string | undefined): Identity | null {
  if (commonName === INGEST_COMMON_NAME) return { kind: 'ingest' };
  if (commonName === SHADOW_SERVICE_COMMON_NAME) return { kind: 'shadow-service' };
  if (commonName !== undefined && isValidThingName(commonName)) return { kind: 'device', thingName: commonName };
  return null;
}

/**
 * AWS IoT policy style: a device connects with its thing name as client id. Ingest uses
 * `seedline-ingest` or `seedline-ingest-<suffix>`, so it can never take over a device's session.
 */
export function mayUseClientId(identity: Identity, clientId: string): boolean {
  if (identity.kind === 'device') return clientId === identity.thingName;
  if (identity.kind === 'shadow-service') return clientId === SHADOW_SERVICE_COMMON_NAME;
  return clientId === INGEST_COMMON_NAME || /^seedline-ingest-[A-Za-z0-9:_-]{1,100}$/.test(clientId);
}
