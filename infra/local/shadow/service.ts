// The local Device Shadow service: an MQTT client (certificate CN `seedline-shadow`) that answers
// the `irrigation` shadow topics as AWS IoT Core does in the cloud, on any broker (the embedded
// aedes or Mosquitto). Documents are kept in one JSON file, so a restart forgets nothing.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type MqttLink, type MqttState, connectMqtt } from '../../../firmware-bridge/src/reporting/mqtt.ts';
import { SHADOW_SERVICE_COMMON_NAME } from '../identity.ts';
import { type JsonObject, type ShadowDocument, applyUpdate, stateForGet } from './document.ts';

export type ShadowServiceOptions = {
  endpoint: string;
  port: number;
  certPath: string;
  keyPath: string;
  caPath: string;
  /** JSON file of every document; in memory only when absent. */
  file?: string;
  shadowName?: string;
  log?: (line: string) => void;
  onState?: (state: MqttState) => void;
};

export type ShadowService = {
  /** The document of a thing now (tests and diagnostics). */
  document(thing: string): ShadowDocument | null;
  close(): Promise<void>;
};

const REQUEST = /^\$aws\/things\/([^/]+)\/shadow\/name\/([^/]+)\/(get|update)$/;

export function startShadowService(options: ShadowServiceOptions): ShadowService {
  const name = options.shadowName ?? 'irrigation';
  const log = options.log ?? (() => undefined);
  const documents = load(options.file);
  const link: MqttLink = connectMqtt({
    endpoint: options.endpoint,
    port: options.port,
    clientId: SHADOW_SERVICE_COMMON_NAME,
    certPath: options.certPath,
    keyPath: options.keyPath,
    caPath: options.caPath,
    reconnectMinSeconds: 1,
    reconnectMaxSeconds: 10,
    onState: options.onState,
  });

  const topic = (thing: string, operation: string) => `$aws/things/${thing}/shadow/name/${name}/${operation}`;
  const answer = (thing: string, operation: string, body: object) => {
    link.publish(topic(thing, operation), JSON.stringify(body)).catch((error: Error) => {
      // The requester asks again after its next connect; nothing is lost but this answer.
      log(`answer on ${operation} for ${thing} not sent: ${error.message}`);
    });
  };

  const handle = (requestTopic: string, payload: string) => {
    const match = REQUEST.exec(requestTopic);
    if (!match || match[2] !== name) return;
    const thing = match[1] as string;
    const operation = match[3] as 'get' | 'update';
    let request: unknown;
    try {
      request = payload.trim() === '' ? {} : JSON.parse(payload);
    } catch {
      return answer(thing, `${operation}/rejected`, rejection(400, 'Payload contains invalid json', null));
    }
    const clientToken = tokenOf(request);
    const timestamp = Math.floor(Date.now() / 1000);
    const current = documents.get(thing) ?? null;

    if (operation === 'get') {
      if (!current)
        return answer(thing, 'get/rejected', rejection(404, `No shadow exists with name: '${name}'`, clientToken));
      return answer(thing, 'get/accepted', {
        state: stateForGet(current),
        version: current.version,
        timestamp,
        ...(clientToken ? { clientToken } : {}),
      });
    }

    const result = applyUpdate(current, request);
    if (!result.ok) {
      log(`update for ${thing} rejected: ${result.rejection.code} ${result.rejection.message}`);
      return answer(thing, 'update/rejected', rejection(result.rejection.code, result.rejection.message, clientToken));
    }
    documents.set(thing, result.document);
    save(options.file, documents);
    const version = result.document.version;
    answer(thing, 'update/accepted', {
      state: result.accepted,
      version,
      timestamp,
      ...(clientToken ? { clientToken } : {}),
    });
    answer(thing, 'update/documents', {
      previous: current ? wire(current) : null,
      current: wire(result.document),
      timestamp,
      ...(clientToken ? { clientToken } : {}),
    });
    if (result.delta) answer(thing, 'update/delta', { state: result.delta, version, timestamp });
  };

  link.subscribe(`$aws/things/+/shadow/name/${name}/get`, handle);
  link.subscribe(`$aws/things/+/shadow/name/${name}/update`, handle);

  return {
    document: (thing) => documents.get(thing) ?? null,
    close: () => link.close(2_000),
  };
}

function wire(document: ShadowDocument) {
  const state: JsonObject = {};
  if (document.desired) state.desired = document.desired;
  if (document.reported) state.reported = document.reported;
  return { state, version: document.version };
}

function rejection(code: number, message: string, clientToken: string | null) {
  return { code, message, timestamp: Math.floor(Date.now() / 1000), ...(clientToken ? { clientToken } : {}) };
}

function tokenOf(request: unknown): string | null {
  if (typeof request !== 'object' || request === null) return null;
  const token = (request as { clientToken?: unknown }).clientToken;
  return typeof token === 'string' && token.length <= 64 ? token : null;
}

function load(file: string | undefined): Map<string, ShadowDocument> {
  if (!file) return new Map();
  try {
    return new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, ShadowDocument>));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new Error(`shadow documents in ${file} are unreadable: ${(error as Error).message}`);
  }
}

/** Written whole to a temporary file, then renamed: a crash leaves the old file or the new one. */
function save(file: string | undefined, documents: Map<string, ShadowDocument>) {
  if (!file) return;
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(Object.fromEntries(documents)), { mode: 0o600 });
  renameSync(temporary, file);
}
