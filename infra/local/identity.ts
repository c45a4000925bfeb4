// Who is on the other end of a connection, decided only by the subject CN of a client
// certificate that our CA signed — never by the MQTT client id or user name.

export const INGEST_COMMON_NAME = 'seedline-ingest';
export const BROKER_COMMON_NAME = 'seedline-broker';

export type Identity = { kind: 'device'; thingName: string } | { kind: 'ingest' };

const RESERVED_NAMES = new Set([INGEST_COMMON_NAME, BROKER_COMMON_NAME]);

/** AWS IoT thing names: 1–128 of letters, digits, `:`, `_`, `-`. None may hold MQTT's `/ + #`. */
export function isValidThingName(name: string): boolean {
  return /^[A-Za-z0-9:_-]{1,128}$/.test(name) && !RESERVED_NAMES.has(name);
}

export function identityFromCommonName(commonName: string | undefined): Identity | null {
  if (commonName === INGEST_COMMON_NAME) return { kind: 'ingest' };
  if (commonName !== undefined && isValidThingName(commonName)) return { kind: 'device', thingName: commonName };
  return null;
}

/**
 * AWS IoT policy style: a device connects with its thing name as client id. Ingest uses
 * `seedline-ingest` or `seedline-ingest-<suffix>`, so it can never take over a device's session.
 */
export function mayUseClientId(identity: Identity, clientId: string): boolean {
  if (identity.kind === 'device') return clientId === identity.thingName;
  return clientId === INGEST_COMMON_NAME || /^seedline-ingest-[A-Za-z0-9:_-]{1,100}$/.test(clientId);
}
