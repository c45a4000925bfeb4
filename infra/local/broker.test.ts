// The embedded broker against the real AWS IoT device SDK (MQTT 3.1.1 client, mutual TLS).
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { once } from 'node:events';
import { io, iot, mqtt } from 'aws-iot-device-sdk-v2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES, startBroker, type RunningBroker } from './broker.ts';
import { brokerTls, createCa, createLeaf, ensurePki, pkiPaths, type CertPaths, type PkiPaths } from './pki.ts';

const A = 'seedline-xh-nm1';
const B = 'seedline-yd-nl1';
const shadow = (thing: string) => `$aws/things/${thing}/shadow/name/irrigation`;

let dir: string;
let pki: PkiPaths;
let broker: RunningBroker;
const brokerLog: string[] = [];
const open: mqtt.MqttClientConnection[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'seedline-broker-test-'));
  ({ paths: pki } = await ensurePki({ dir: path.join(dir, 'pki'), things: [A, B] }));
  broker = await startBroker({
    port: 0,
    tls: await brokerTls(pki),
    log: (line) => brokerLog.push(line),
  });
}, 30_000);

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.disconnect()));
});

afterAll(async () => {
  await broker?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function builder(certs: CertPaths | null, caFile = pki.ca.cert) {
  const b = certs
    ? iot.AwsIotMqttConnectionConfigBuilder.new_mtls_builder_from_path(certs.cert, certs.key)
    : iot.AwsIotMqttConnectionConfigBuilder.new_default_builder();
  return b
    .with_certificate_authority_from_path(undefined, caFile)
    .with_endpoint('127.0.0.1')
    .with_port(broker.port)
    .with_clean_session(true)
    .with_reconnect_min_sec(1)
    .with_reconnect_max_sec(1)
    .with_socket_options(new io.SocketOptions(io.SocketType.STREAM, io.SocketDomain.IPV4, 3_000));
}

async function connect(certs: CertPaths | null, clientId: string, caFile?: string) {
  const connection = new mqtt.MqttClient().new_connection(builder(certs, caFile).with_client_id(clientId).build());
  await connection.connect();
  open.push(connection);
  return connection;
}

/** Collects messages on `filter` and lets a test await the next one. */
async function listen(connection: mqtt.MqttClientConnection, filter: string) {
  const received: { topic: string; payload: string }[] = [];
  let wake: (() => void) | undefined;
  const granted = await connection.subscribe(filter, mqtt.QoS.AtLeastOnce, (topic, payload) => {
    received.push({ topic, payload: Buffer.from(payload).toString('utf8') });
    wake?.();
  });
  const next = async () => {
    while (received.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return received.shift()!;
  };
  return { granted, received, next };
}

const json = (value: object) => JSON.stringify(value);

// MQTT 3.1.1 CONNECT, clean session, keep-alive 60 s, client id "x".
const CONNECT_PACKET = Buffer.from([0x10, 13, 0, 4, 0x4d, 0x51, 0x54, 0x54, 4, 2, 0, 60, 0, 1, 0x78]);

describe('embedded broker with mutual TLS', () => {
  it('delivers a device’s own telemetry to the ingest subscriber', async () => {
    const ingest = await connect(pki.ingest, 'seedline-ingest');
    const telemetry = await listen(ingest, 'dt/seedline/+/telemetry');
    expect(telemetry.granted.qos).toBe(mqtt.QoS.AtLeastOnce);

    const device = await connect(pki.thing(A), A);
    await device.publish(`dt/seedline/${A}/telemetry`, json({ seq: 1 }), mqtt.QoS.AtLeastOnce);

    expect(await telemetry.next()).toEqual({ topic: `dt/seedline/${A}/telemetry`, payload: json({ seq: 1 }) });
  });

  it('refuses a publish over 128 KB, as AWS IoT Core does, and still delivers the next one', async () => {
    const ingest = await connect(pki.ingest, 'seedline-ingest');
    const telemetry = await listen(ingest, 'dt/seedline/+/telemetry');
    const oversized = await connect(pki.thing(A), A);
    const closedByBroker = new Promise<void>((resolve) => oversized.once('interrupt', () => resolve()));
    await oversized.publish(`dt/seedline/${A}/telemetry`, 'x'.repeat(MAX_PAYLOAD_BYTES + 1), mqtt.QoS.AtMostOnce);
    await closedByBroker;
    const device = await connect(pki.thing(B), B);
    await device.publish(`dt/seedline/${B}/telemetry`, json({ seq: 7 }), mqtt.QoS.AtLeastOnce);
    expect(await telemetry.next()).toEqual({ topic: `dt/seedline/${B}/telemetry`, payload: json({ seq: 7 }) });
    expect(telemetry.received).toEqual([]);
  });

  it('passes shadow traffic: device and ingest requests to the shadow service, its answers to the device', async () => {
    const service = await connect(pki.shadowService, 'seedline-shadow');
    const updates = await listen(service, `${shadow('+')}/update`);
    const device = await connect(pki.thing(A), A);
    const delta = await listen(device, `${shadow(A)}/update/delta`);
    expect(delta.granted.qos).toBe(mqtt.QoS.AtLeastOnce);
    const ingest = await connect(pki.ingest, 'seedline-ingest');

    await device.publish(`${shadow(A)}/update`, json({ state: { reported: { zones: 2 } } }), mqtt.QoS.AtLeastOnce);
    expect((await updates.next()).topic).toBe(`${shadow(A)}/update`);
    await ingest.publish(`${shadow(A)}/update`, json({ state: { desired: { zones: 3 } } }), mqtt.QoS.AtLeastOnce);
    expect((await updates.next()).payload).toBe(json({ state: { desired: { zones: 3 } } }));

    await service.publish(`${shadow(A)}/update/delta`, json({ state: { zone1: { low: 30 } } }), mqtt.QoS.AtLeastOnce);
    expect((await delta.next()).topic).toBe(`${shadow(A)}/update/delta`);
  });

  it.each([
    ['QoS 0', mqtt.QoS.AtMostOnce],
    ['QoS 1', mqtt.QoS.AtLeastOnce],
  ] as const)(
    'drops a %s publish by thing A to thing B’s topic and closes A’s connection, as AWS IoT does',
    async (_name, qos) => {
      const ingest = await connect(pki.ingest, 'seedline-ingest');
      const telemetry = await listen(ingest, 'dt/seedline/+/telemetry');
      const a = await connect(pki.thing(A), A);
      const interrupted = once(a, 'interrupt');

      const puback = a.publish(`dt/seedline/${B}/telemetry`, json({ forged: true }), qos);
      let acknowledged = false;
      // A refused QoS 1 publish never gets its PUBACK (the SDK retries it after reconnecting).
      puback.then(
        () => (acknowledged = true),
        () => undefined,
      );
      await interrupted;
      expect(brokerLog).toContain(`refused publish to dt/seedline/${B}/telemetry by ${A}`);

      // Thing B's own message arrives, and nothing from A came before it.
      const b = await connect(pki.thing(B), B);
      await b.publish(`dt/seedline/${B}/telemetry`, json({ seq: 1 }), mqtt.QoS.AtLeastOnce);
      expect(await telemetry.next()).toEqual({ topic: `dt/seedline/${B}/telemetry`, payload: json({ seq: 1 }) });
      expect(telemetry.received).toEqual([]);
      if (qos === mqtt.QoS.AtLeastOnce) expect(acknowledged).toBe(false);
    },
  );

  it('refuses a subscription to another thing’s shadow and keeps the connection', async () => {
    const a = await connect(pki.thing(A), A);
    const foreign = await listen(a, `${shadow(B)}/update/delta`);
    expect(foreign.granted.qos).toBe(128);
    const wildcard = await listen(a, 'dt/seedline/+/telemetry');
    expect(wildcard.granted.qos).toBe(128);
    const everything = await listen(a, '#');
    expect(everything.granted.qos).toBe(128);

    // Still connected and allowed its own shadow; what the shadow service writes to B never reaches A.
    const own = await listen(a, `${shadow(A)}/update/delta`);
    const service = await connect(pki.shadowService, 'seedline-shadow');
    await service.publish(`${shadow(B)}/update/delta`, json({ to: B }), mqtt.QoS.AtLeastOnce);
    await service.publish(`${shadow(A)}/update/delta`, json({ to: A }), mqtt.QoS.AtLeastOnce);
    expect(await own.next()).toEqual({ topic: `${shadow(A)}/update/delta`, payload: json({ to: A }) });
    expect(foreign.received).toEqual([]);
    // The SDK hands a message to every local handler whose filter matches, so `#` sees A's own
    // delta; B's message, published first, would have arrived before it.
    expect(everything.received.map((m) => m.payload)).not.toContain(json({ to: B }));
    expect(wildcard.received).toEqual([]);
  });

  it('refuses a device whose MQTT client id is not its thing name', async () => {
    await expect(connect(pki.thing(A), B)).rejects.toThrow();
    expect(brokerLog).toContain(`refused connection: ${A} may not use client id "${B}"`);
  });

  it('refuses a client without a certificate', async () => {
    const before = brokerLog.length;
    await expect(connect(null, A)).rejects.toThrow();
    expect(brokerLog.slice(before).join('\n')).toMatch(/TLS handshake refused: .*certificate/);
  });

  it('refuses a client whose certificate comes from another CA', async () => {
    const rogue = pkiPaths(path.join(dir, 'rogue'));
    await mkdir(rogue.dir, { recursive: true });
    await createCa(rogue.ca, 'Rogue CA');
    await createLeaf(rogue.ca, rogue.thing(A), A, 'client');
    await expect(connect(rogue.thing(A), A)).rejects.toThrow();
    // The broker itself refuses the chain (not only the SDK giving up). Under TLS 1.3 a client learns
    // of it only when Node's server drops the socket (no alert is sent) before any MQTT byte.
    const before = brokerLog.length;
    const socket = tls.connect({
      host: '127.0.0.1',
      port: broker.port,
      ca: await readFile(pki.ca.cert),
      cert: await readFile(rogue.thing(A).cert),
      key: await readFile(rogue.thing(A).key),
    });
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', () => undefined); // an alert or a reset is as good as a close here
    socket.write(CONNECT_PACKET);
    await once(socket, 'close');
    expect(received).toEqual([]);
    expect(brokerLog.slice(before).some((l) => l.startsWith('TLS handshake refused'))).toBe(true);
  });
});
