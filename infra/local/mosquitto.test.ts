// The Mosquitto launcher against the real broker (/usr/sbin/mosquitto) and the real AWS IoT
// device SDK, and its ACL file against the rules of acl.ts.
import { EventEmitter, once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io, iot, mqtt } from 'aws-iot-device-sdk-v2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { filterWithin, mayPublish, maySubscribe } from './acl.ts';
import { INGEST_COMMON_NAME, SHADOW_SERVICE_COMMON_NAME, type Identity } from './identity.ts';
import { type ListenerTls, type RunningMosquitto, mosquittoAcls, startMosquitto } from './mosquitto.ts';
import { type CertPaths, type PkiPaths, createCa, createLeaf, ensurePki } from './pki.ts';

const A = 'seedline-mq-unit-a';
const B = 'seedline-mq-unit-b';

let dir: string;
let pki: PkiPaths;
/** Ingest's and the shadow service's certificates, from a CA of their own. */
let services: PkiPaths;
let broker: RunningMosquitto;
const open: mqtt.MqttClientConnection[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'seedline-mosquitto-test-'));
  ({ paths: pki } = await ensurePki({ dir: path.join(dir, 'pki'), things: [A, B] }));
  ({ paths: services } = await ensurePki({ dir: path.join(dir, 'pki-services'), things: [] }));
  broker = await startMosquitto({ tls: listenerTls(pki), services: listenerTls(services) });
}, 30_000);

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.disconnect().catch(() => undefined)));
});

afterAll(async () => {
  await broker?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const listenerTls = (from: PkiPaths): ListenerTls => ({
  caPath: from.ca.cert,
  certPath: from.broker.cert,
  keyPath: from.broker.key,
});

/** A connection to the devices' listener, or with `listener: 'services'` to the services'. */
function connection(
  certs: CertPaths,
  clientId: string,
  cleanSession = true,
  listener: 'devices' | 'services' = 'devices',
) {
  const [port, ca] = listener === 'devices' ? [broker.port, pki.ca.cert] : [broker.servicesPort, services.ca.cert];
  const config = iot.AwsIotMqttConnectionConfigBuilder.new_mtls_builder_from_path(certs.cert, certs.key)
    .with_certificate_authority_from_path(undefined, ca)
    .with_endpoint('127.0.0.1')
    .with_port(port)
    .with_client_id(clientId)
    .with_clean_session(cleanSession)
    .with_reconnect_min_sec(1)
    .with_reconnect_max_sec(1)
    .with_socket_options(new io.SocketOptions(io.SocketType.STREAM, io.SocketDomain.IPV4, 3_000))
    .build();
  config.disable_metrics = true;
  const opened = new mqtt.MqttClient().new_connection(config);
  opened.on('error', () => undefined);
  open.push(opened);
  return opened;
}

describe('Mosquitto launcher', () => {
  it('accepts a client certificate from our CA and refuses one from another CA', async () => {
    await expect(connection(pki.thing(A), A).connect()).resolves.toBe(false);

    const stranger = { cert: path.join(dir, 'stranger.crt'), key: path.join(dir, 'stranger.key') };
    const otherCa = { cert: path.join(dir, 'other-ca.crt'), key: path.join(dir, 'other-ca.key') };
    await createCa(otherCa, 'Not Seedline');
    await createLeaf(otherCa, stranger, A, 'client');
    await expect(connection(stranger, A).connect()).rejects.toThrow();
    // Mosquitto writes its log line a moment after the refused handshake.
    await expect.poll(() => broker.log()).toMatch(/certificate verify failed/);
  });

  it("admits services only on their listener, with their CA's certificates, and devices only on theirs", async () => {
    await expect(connection(services.ingest, 'seedline-ingest-unit-ok', true, 'services').connect()).resolves.toBe(
      false,
    );
    await expect(connection(services.ingest, 'seedline-ingest-unit-x').connect()).rejects.toThrow();
    // A device's certificate on the services' listener, where client ids are chosen freely.
    await expect(connection(pki.thing(A), B, true, 'services').connect()).rejects.toThrow();
  });

  it('keeps a persistent session across stop and start on the same ports', async () => {
    const first = connection(services.ingest, 'seedline-ingest-unit', false, 'services');
    await first.connect();
    await first.disconnect();
    const ports = [broker.port, broker.servicesPort];

    await broker.stop();
    await broker.start();

    expect([broker.port, broker.servicesPort]).toEqual(ports);
    const again = connection(services.ingest, 'seedline-ingest-unit', false, 'services');
    // connect() resolves with "session present".
    await expect(again.connect()).resolves.toBe(true);
  });

  it("names a device by its certificate, so it cannot take over another thing's session with its client id", async () => {
    const b = connection(pki.thing(B), B);
    let interrupted = false;
    b.on('interrupt', () => (interrupted = true));
    await b.connect();
    const echoes = new EventEmitter();
    const own = `dt/seedline/${B}/telemetry`;
    await b.subscribe(own, mqtt.QoS.AtLeastOnce, () => echoes.emit('echo'));

    await expect(connection(pki.thing(A), B).connect()).resolves.toBe(false);
    expect(broker.log()).toMatch(new RegExp(`as ${A} \\(.*u'${A}'\\)`));
    // A round trip on B's connection after A's CONNACK: had A taken B's session, Mosquitto would
    // have closed B's connection before answering A, and B would have been interrupted by now.
    const echoed = once(echoes, 'echo');
    await b.publish(own, 'still here', mqtt.QoS.AtLeastOnce);
    await echoed;
    expect(interrupted).toBe(false);
  });

  it("fails with Mosquitto's log when the broker cannot start", async () => {
    const started = startMosquitto({
      tls: { ...listenerTls(pki), keyPath: path.join(dir, 'missing.key') },
      services: listenerTls(services),
    });
    await expect(started).rejects.toThrow(/mosquitto exited while starting[\s\S]*missing\.key/);
  });
});

describe('Mosquitto ACL file', () => {
  /** What the ACL file allows `user` (a certificate CN) for a concrete topic, read the way Mosquitto does. */
  function allows(user: string, access: 'read' | 'write', topic: string): boolean {
    let current: string | null = null;
    const { devices, services } = mosquittoAcls();
    // Each principal connects on its own listener, under that listener's file only.
    const file = user === INGEST_COMMON_NAME || user === SHADOW_SERVICE_COMMON_NAME ? services : devices;
    return file.split('\n').some((line) => {
      const [keyword, ...rest] = line.split(' ');
      if (keyword === 'user') current = rest.join(' ');
      if (keyword !== 'pattern' && keyword !== 'topic') return false;
      if (keyword === 'topic' && current !== user) return false;
      const [mode, filter] = rest as [string, string];
      if (mode !== access && mode !== 'readwrite') return false;
      return filterWithin(topic, keyword === 'pattern' ? filter.replaceAll('%u', user) : filter);
    });
  }

  const shadow = (thing: string, op: string) => `$aws/things/${thing}/shadow/name/irrigation/${op}`;
  const topics = [
    ...[A, B].flatMap((thing) => [
      `dt/seedline/${thing}/telemetry`,
      `dt/seedline/${thing}/events`,
      `dt/seedline/${thing}/other`,
      ...['get', 'update', 'get/accepted', 'get/rejected', 'update/accepted', 'update/rejected', 'update/delta',
        'update/documents', 'delete', 'update/other'].map((op) => shadow(thing, op)), // prettier-ignore
      `$aws/things/${thing}/shadow/name/other/get`,
      `$aws/things/${thing}/shadow/get`,
    ]),
    'dt/seedline',
    'other/topic',
  ];
  const principals: [string, Identity][] = [
    [A, { kind: 'device', thingName: A }],
    [INGEST_COMMON_NAME, { kind: 'ingest' }],
    [SHADOW_SERVICE_COMMON_NAME, { kind: 'shadow-service' }],
  ];

  it.each(principals)('gives %s the publish and receive rights acl.ts gives it', (user, identity) => {
    for (const topic of topics) {
      expect({ topic, write: allows(user, 'write', topic) }).toEqual({ topic, write: mayPublish(identity, topic) });
      expect({ topic, read: allows(user, 'read', topic) }).toEqual({ topic, read: maySubscribe(identity, topic) });
    }
  });
});
