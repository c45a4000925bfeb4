// The bridge's reporting path end to end: a durable outbox drained by the publisher through the
// real AWS IoT device SDK (MQTT 3.1.1, mutual TLS) into the local aedes broker, and an ingest
// subscriber on the other side. What must hold: every message arrives, in seq order, across a
// broker restart and a bridge killed with messages still unsent (duplicates only of seqs already
// seen: ingest is idempotent on (thing, series, seq)).
import { EventEmitter, once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io, iot, mqtt } from 'aws-iot-device-sdk-v2';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MqttLink } from '../firmware-bridge/src/reporting/mqtt.ts';
import { bridgePublisher, deviceLink } from './support/mqtt.ts';
import { type Outbox, openOutbox } from '../firmware-bridge/src/reporting/outbox.ts';
import { type Message, parseMessage, storedTopic } from '../firmware-bridge/src/reporting/protocol.ts';
import { createPublisher } from '../firmware-bridge/src/reporting/publisher.ts';
import { T0, THING, event, telemetry, tempDir } from '../firmware-bridge/src/reporting/testkit.ts';
import { type RunningBroker, startBroker } from '../infra/local/broker.ts';
import { type PkiPaths, brokerTls, ensurePki } from '../infra/local/pki.ts';

let dir: string;
let pki: PkiPaths;
let broker: RunningBroker;
let tlsFiles: { ca: Buffer; cert: Buffer; key: Buffer };
/** Closed after each test, whatever happened. */
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'seedline-reporting-e2e-'));
  ({ paths: pki } = await ensurePki({ dir: path.join(dir, 'pki'), things: [THING] }));
  tlsFiles = await brokerTls(pki);
  broker = await startBroker({ port: 0, tls: tlsFiles });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

afterAll(async () => {
  await broker?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** N messages, telemetry with an event every fifth, seqs 1..N. */
function fill(outbox: Outbox, n: number) {
  for (let seq = 1; seq <= n; seq += 1) {
    const at = T0 + seq * 1000;
    outbox.enqueue(seq % 5 === 0 ? event(seq, at) : telemetry(seq, at));
  }
}

/** The device side as the bridge runs it: connectMqtt, with its state changes observable. */
function device(): { link: MqttLink; states: EventEmitter } {
  const opened = deviceLink(broker, pki, THING);
  cleanups.push(() => opened.link.close(1_000));
  return opened;
}

function startPublisher(outbox: Outbox, link: MqttLink, states: EventEmitter) {
  const errors = new EventEmitter();
  const publisher = bridgePublisher({ link, states }, THING, outbox, {
    onError: (error) => errors.emit('error-seen', error),
  });
  cleanups.push(() => publisher.stop());
  return { publisher, errors };
}

/**
 * Ingest's view: every valid message in arrival order. A restarted aedes forgets subscriptions, so
 * the subscriber resubscribes on resume, and `ready()` says when it is subscribed again.
 */
async function subscriber() {
  const config = iot.AwsIotMqttConnectionConfigBuilder.new_mtls_builder_from_path(pki.ingest.cert, pki.ingest.key)
    .with_certificate_authority_from_path(undefined, pki.ca.cert)
    .with_endpoint('127.0.0.1')
    .with_port(broker.port)
    .with_client_id('seedline-ingest-test')
    .with_clean_session(true)
    .with_reconnect_min_sec(1)
    .with_reconnect_max_sec(1)
    .with_socket_options(new io.SocketOptions(io.SocketType.STREAM, io.SocketDomain.IPV4, 3_000))
    .build();
  config.disable_metrics = true;
  const connection = new mqtt.MqttClient().new_connection(config);
  const received: Message[] = [];
  const problems: string[] = [];
  const arrivals = new EventEmitter();
  let ready: Promise<void> = Promise.resolve();
  let markReady = () => undefined as void;
  connection.on('error', () => undefined);
  connection.on('interrupt', () => {
    ready = new Promise<void>((resolve) => (markReady = resolve));
    arrivals.emit('interrupted');
  });
  // One connection-wide handler, not one per subscription: the SDK calls each subscription's
  // handler through its own queue, so messages on two topics may reach two handlers out of order.
  connection.on('message', (topic: string, payload: ArrayBuffer) => {
    const parsed = parseMessage(topic, new Uint8Array(payload));
    if (parsed.ok) {
      received.push(parsed.message);
      // Confirmed as ingest confirms a stored message (decision 038), one at a time here.
      const { thing, series, seq } = parsed.message;
      const confirmation = JSON.stringify({ v: 1, series: series ?? '', seqs: [[seq, seq]] });
      connection.publish(storedTopic(thing), confirmation, mqtt.QoS.AtLeastOnce).catch(() => undefined);
    } else problems.push(parsed.reason);
    arrivals.emit('message');
  });
  const subscribeAll = async () => {
    for (const filter of ['dt/seedline/+/telemetry', 'dt/seedline/+/events']) {
      const granted = await connection.subscribe(filter, mqtt.QoS.AtLeastOnce);
      if (granted.qos !== mqtt.QoS.AtLeastOnce) throw new Error(`subscription to ${filter} refused`);
    }
  };
  // A throw inside an SDK event listener aborts the process: nothing here may throw.
  // Late on purpose (the bridge is back first): what it sends meanwhile must not be lost.
  connection.on('resume', () => {
    setTimeout(() => {
      subscribeAll().then(
        () => markReady(),
        (error: unknown) => problems.push(`resubscribe failed: ${String(error)}`),
      );
    }, 1_500);
  });
  await connection.connect();
  cleanups.push(() => connection.disconnect());
  await subscribeAll();
  /** Seqs in order of first arrival: what idempotent ingest stores. */
  const stored = () => [...new Set(received.map((m) => m.seq))];
  const until = async (predicate: () => boolean) => {
    while (!predicate()) await once(arrivals, 'message');
  };
  return { received, problems, stored, until, ready: () => ready, interrupted: () => once(arrivals, 'interrupted') };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('reporting through the broker', () => {
  it('drains an outbox of telemetry and events to ingest, each once, in seq order', async () => {
    const ingest = await subscriber();
    const outbox = openOutbox({ folder: tempDir() });
    const n = 50;
    fill(outbox, n);
    const { link, states } = device();
    const { publisher } = startPublisher(outbox, link, states);

    await ingest.until(() => ingest.received.length >= n);
    // Each confirmed: the outbox empties (and the test fails if it never does).
    await vi.waitUntil(() => outbox.size().messages === 0, { timeout: 10_000, interval: 50 });
    await publisher.stop();
    expect(ingest.received.map((m) => m.seq)).toEqual(range(n));
    expect(ingest.received.filter((m) => m.kind === 'event')).toHaveLength(n / 5);
    expect(ingest.problems).toEqual([]);
  });

  it('loses nothing when the broker stops mid-stream and comes back on the same port', async () => {
    const ingest = await subscriber();
    const outbox = openOutbox({ folder: tempDir() });
    const n = 60;
    fill(outbox, n);
    const { link, states } = device();
    // The restarted broker has forgotten ingest's subscription; it holds the bridge's publishes
    // until ingest has subscribed again, so plain sends lose nothing.
    const { errors } = startPublisher(outbox, link, states);

    await ingest.until(() => ingest.received.length >= 15);
    const port = broker.port;
    const down = Promise.all([once(states, 'interrupted'), ingest.interrupted()]);
    await broker.close();
    await down;
    // Down "for a while": until the publisher has failed to send at least twice.
    await once(errors, 'error-seen');
    await once(errors, 'error-seen');
    expect(ingest.stored().length).toBeLessThan(n);

    const resumed = once(states, 'resumed');
    broker = await startBroker({ port, tls: tlsFiles });
    expect(broker.port).toBe(port);
    await resumed;
    await ingest.until(() => ingest.stored().length >= n);

    expect(ingest.stored()).toEqual(range(n));
    expect(ingest.problems).toEqual([]);
  });

  it('delivers what a killed bridge left in its outbox, from disk, with a new client', async () => {
    const ingest = await subscriber();
    const folder = tempDir();
    const first = openOutbox({ folder });
    const n = 40;
    const sentBeforeKill = 12;
    fill(first, n);
    const { link: firstLink } = device();
    // The kill lands once the message after those is on the wire, before its PUBACK is handled.
    const killed = new EventEmitter();
    const send = (topic: string, payload: string) => {
      if ((JSON.parse(payload) as Message).seq <= sentBeforeKill) return firstLink.publish(topic, payload);
      void firstLink.publish(topic, payload).catch(() => undefined);
      killed.emit('kill');
      return new Promise<void>(() => undefined);
    };
    const kill = once(killed, 'kill');
    // Abandoned, never stopped: killed. (It fails while the link connects; nothing to report.)
    createPublisher({ outbox: first, send, maxPerSecond: 200, backoffMs: 100, onError: () => undefined });
    await kill;
    await firstLink.close(1_000);

    // The restart: the outbox from disk, a new client with the same thing name.
    const second = openOutbox({ folder });
    // Ingest has the first 12, but the killed bridge never heard so: all go again.
    expect(second.size().messages).toBe(n);
    const { link, states } = device();
    const { publisher } = startPublisher(second, link, states);
    await ingest.until(() => ingest.stored().length >= n);
    await vi.waitUntil(() => second.size().messages === 0, { timeout: 10_000, interval: 50 });
    await publisher.stop();

    expect(ingest.stored()).toEqual(range(n));
    expect(ingest.problems).toEqual([]);
  });
});
