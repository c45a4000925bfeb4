// The reporting guarantees of reporting.e2e and ingest-live, proven against Mosquitto rather than
// the embedded aedes broker: the real AWS IoT device SDK (MQTT 3.1.1) on both sides, the bridge's
// durable outbox and publisher, and the real ingest subscriber into a test database. Two brokers:
// a mutual-TLS Mosquitto started here (certificates from infra/local/pki.ts, the ACL of acl.ts,
// persistence on), and the plain Mosquitto every machine runs on 127.0.0.1:1883 (no auth; shared,
// so the sessions used here are ended before and after).
//
// What must hold: each message is stored exactly once and first arrives in seq order, across a
// broker stop, a bridge killed with messages still in its outbox and an ingest that was away
// (persistent session, kept by Mosquitto across its own restart); bad messages are counted and
// ingest goes on; a device cannot publish as another thing.
import { randomBytes } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type MqttLink, connectMqtt } from '../firmware-bridge/src/reporting/mqtt.ts';
import { type Outbox, openOutbox } from '../firmware-bridge/src/reporting/outbox.ts';
import { type Message, MAX_MESSAGE_BYTES, telemetryTopic } from '../firmware-bridge/src/reporting/protocol.ts';
import { createPublisher } from '../firmware-bridge/src/reporting/publisher.ts';
import { T0, event, telemetry, tempDir } from '../firmware-bridge/src/reporting/testkit.ts';
import { type RunningMosquitto, startMosquitto } from '../infra/local/mosquitto.ts';
import { type PkiPaths, ensurePki } from '../infra/local/pki.ts';
import { type RunningIngest, startIngest } from '../web/app/ingest/subscriber.server.ts';
import { type Observer, SYSTEM_MOSQUITTO, discardSession, observe, waitFor } from './support/mosquitto.ts';
import { type TestEndpoint, bridgePublisher, connectionFor, deviceLinkTo } from './support/mqtt.ts';

/**
 * The system Mosquitto keeps sessions on disk from one run to the next (a run that died leaves
 * its sessions and their queued messages): names used there are this run's own.
 */
const run = randomBytes(4).toString('hex');

/** One thing per scenario, so each one's rows can be counted on their own. */
const THINGS = {
  restart: 'seedline-mq-restart',
  killed: 'seedline-mq-killed',
  away1: 'seedline-mq-away-1',
  away2: 'seedline-mq-away-2',
  own: 'seedline-mq-own',
  other: 'seedline-mq-other',
  plainBad: `seedline-mq-plain-bad-${run}`,
  plainPath: `seedline-mq-plain-path-${run}`,
} as const;

let dir: string;
let pki: PkiPaths;
let mosquitto: RunningMosquitto;
let mtls: TestEndpoint;
let database: Database;
/** Run after each test, last first, whatever happened. */
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'seedline-reliability-mosquitto-'));
  ({ paths: pki } = await ensurePki({ dir: path.join(dir, 'pki'), things: Object.values(THINGS) }));
  // Ingest's certificate from a CA of its own, for the services' listener.
  const { paths: services } = await ensurePki({ dir: path.join(dir, 'pki-services'), things: [] });
  mosquitto = await startMosquitto({
    tls: { caPath: pki.ca.cert, certPath: pki.broker.cert, keyPath: pki.broker.key },
    services: { caPath: services.ca.cert, certPath: services.broker.cert, keyPath: services.broker.key },
  });
  mtls = { port: mosquitto.port, tls: true, pki, services: { port: mosquitto.servicesPort, pki: services } };
  database = await openTestDatabase();
  const farm = await database.prisma.farm.create({
    data: { code: 'MQT', name: 'Trại thử', commune: 'Xuân Hòa', province: 'Thanh Hóa' },
  });
  const settings = { moistureLow: 32, moistureHigh: 42, maxRunMinutes: 20, minSoakMinutes: 45, dailyBudgetLitres: 900, windows: [] }; // prettier-ignore
  // Every thing has a greenhouse, so a message that got through would be stored, not refused.
  for (const thingName of Object.values(THINGS)) {
    await database.prisma.greenhouse.create({
      data: {
        farmId: farm.id,
        name: thingName,
        thingName,
        areaM2: 500,
        zones: { create: [{ key: 'z1', name: 'A', areaM2: 500, desiredSettings: settings }] },
      },
    });
  }
});

beforeEach(({ onTestFailed }) => {
  // What Mosquitto did is the first thing to read when a test here fails.
  onTestFailed(() => console.error(`mosquitto log (end):\n${mosquitto.log().slice(-20_000)}`));
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

afterAll(async () => {
  await mosquitto?.close();
  await database?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Thing `thing`'s messages 1..n: telemetry, with an event every fifth. */
function messages(thing: string, n: number): Message[] {
  return range(n).map((seq) => ({ ...(seq % 5 === 0 ? event(seq, T0 + seq * 1000) : telemetry(seq, T0 + seq * 1000)), thing })); // prettier-ignore
}

function filledOutbox(thing: string, n: number, folder = tempDir()): Outbox {
  const outbox = openOutbox({ folder });
  for (const message of messages(thing, n)) outbox.enqueue(message);
  return outbox;
}

function device(endpoint: TestEndpoint, thing: string): { link: MqttLink; states: EventEmitter } {
  const opened = deviceLinkTo(endpoint, thing);
  cleanups.push(async () => {
    await opened.link.close(1_000);
    // The device's own session, on a broker that keeps sessions on disk.
    await discardSession(endpoint, thing);
  });
  return opened;
}

/** The bridge's publisher, woken as the CLI wakes it; `acked` counts PUBACKs, `errors` failed sends. */
function publish(outbox: Outbox, link: MqttLink, states: EventEmitter, thing: string) {
  const errors = new EventEmitter();
  const acks = new EventEmitter();
  let acked = 0;
  // A confirmation lost with the broker is sent again after 5 s, not a minute (the helper's default).
  const publisher = bridgePublisher({ link, states }, thing, outbox, {
    send: async (topic, payload) => {
      await link.publish(topic, payload);
      acked += 1;
      acks.emit('ack');
    },
    onError: (error) => errors.emit('error-seen', error),
  });
  cleanups.push(() => publisher.stop());
  return { publisher, errors, untilAcked: (n: number) => waitFor(acks, 'ack', () => acked >= n) };
}

/** Ingest's confirmations have emptied the bridge's outbox (or the test fails after 15 s). */
const outboxEmptied = (outbox: Outbox) =>
  vi.waitUntil(() => outbox.size().messages === 0, { timeout: 15_000, interval: 50 });

/** Ingest as web runs it, on a fresh persistent session unless `resume` (then it takes up `clientId`'s). */
function ingest(endpoint: TestEndpoint, clientId: string, resume = false) {
  const lines: string[] = [];
  const discarded = resume ? Promise.resolve() : discardSession(endpoint, clientId);
  let running: RunningIngest | undefined;
  const started = discarded.then(() => {
    running = startIngest({
      ...connectionFor(endpoint, 'ingest'),
      db: database.prisma,
      endpoint: '127.0.0.1',
      clientId,
      flushMs: 50,
      reconnectMinSeconds: 1,
      reconnectMaxSeconds: 2,
      log: (line) => lines.push(line),
    });
    return running;
  });
  cleanups.push(async () => {
    await (await started).close(2_000);
    await discardSession(endpoint, clientId);
  });
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { started, entries, close: async () => (await started).close(2_000) };
}

async function observer(endpoint: TestEndpoint, clientId: string): Promise<Observer> {
  const seen = await observe(endpoint, clientId);
  cleanups.push(() => seen.close());
  return seen;
}

/** The seqs stored for `thing`, in order. */
async function storedSeqs(thing: string): Promise<number[]> {
  const rows = await database.prisma.ingestedMessage.findMany({
    where: { thingName: thing },
    select: { sequence: true },
    orderBy: { sequence: 'asc' },
  });
  return rows.map((row) => Number(row.sequence));
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('reporting through a mutual-TLS Mosquitto', () => {
  it('stores every message once, first arriving in seq order, when the broker stops mid-stream and comes back', async () => {
    const thing = THINGS.restart;
    const n = 60;
    const sub = ingest(mtls, 'seedline-ingest-mq-restart');
    await (await sub.started).ready();
    const seen = await observer(mtls, 'seedline-ingest-mq-restart-observer');
    const outbox = filledOutbox(thing, n);
    const { link, states } = device(mtls, thing);
    const { publisher, errors } = publish(outbox, link, states, thing);

    await seen.until(() => seen.firstSeqs(thing).length >= 15);
    const down = once(states, 'interrupted');
    await mosquitto.stop();
    await down;
    // Down "for a while": until the publisher has failed to send at least twice.
    await once(errors, 'error-seen');
    await once(errors, 'error-seen');
    expect(outbox.size().messages).toBeGreaterThan(0);

    const resumed = once(states, 'resumed');
    await mosquitto.start();
    await resumed;
    const stats = await (await sub.started).until((s) => s.stored >= n, 30_000);
    await seen.until(() => seen.firstSeqs(thing).length >= n);
    await outboxEmptied(outbox);
    await publisher.stop();

    expect(seen.firstSeqs(thing)).toEqual(range(n));
    expect(seen.problems).toEqual([]);
    // A message on the wire when the broker stopped may come twice; it is stored once.
    expect(stats).toEqual({ received: stats.stored + stats.duplicates, stored: n, duplicates: stats.duplicates, rejected: 0, clamped: 0, shed: 0 }); // prettier-ignore
    expect(await storedSeqs(thing)).toEqual(range(n));
    expect(outbox.size().messages).toBe(0);
    // Mosquitto kept ingest's session across its restart (aedes forgets it).
    expect(sub.entries().filter((e) => e.msg === 'reconnected')).toContainEqual(expect.objectContaining({ sessionPresent: true })); // prettier-ignore
  });

  it('delivers what a killed bridge left in its outbox, from disk, with a new connection', async () => {
    const thing = THINGS.killed;
    const n = 40;
    const sentBeforeKill = 12;
    const sub = ingest(mtls, 'seedline-ingest-mq-killed');
    await (await sub.started).ready();
    const seen = await observer(mtls, 'seedline-ingest-mq-killed-observer');
    const folder = tempDir();
    const first = filledOutbox(thing, n, folder);
    const { link: firstLink } = device(mtls, thing);
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

    const second = openOutbox({ folder });
    // Ingest stored the first 12, but the killed bridge never heard so: all go again, stored once.
    expect(second.size().messages).toBe(n);
    const { link, states } = device(mtls, thing);
    const { publisher } = publish(second, link, states, thing);
    await (await sub.started).until((s) => s.stored >= n, 30_000);
    await seen.until(() => seen.firstSeqs(thing).length >= n);
    await outboxEmptied(second);
    await publisher.stop();

    expect(seen.firstSeqs(thing)).toEqual(range(n));
    expect(await storedSeqs(thing)).toEqual(range(n));
    expect(second.size().messages).toBe(0);
    expect((await sub.started).stats()).toMatchObject({ stored: n, rejected: 0 });
  });

  it('stores what two bridges published while ingest was away, after a broker restart too (persistent session)', async () => {
    const clientId = 'seedline-ingest-mq-away';
    const m = 25;
    const first = ingest(mtls, clientId);
    await (await first.started).ready();
    await first.close();

    const bridges = [THINGS.away1, THINGS.away2].map((thing) => {
      const { link, states } = device(mtls, thing);
      return publish(filledOutbox(thing, m), link, states, thing);
    });
    // Acked by the broker: queued in ingest's session while nobody listens.
    await Promise.all(bridges.map((b) => b.untilAcked(m)));
    expect(await storedSeqs(THINGS.away1)).toEqual([]);
    // Mosquitto writes the queue to disk on stop and reads it back on start.
    await mosquitto.stop();
    await mosquitto.start();

    const second = ingest(mtls, clientId, true);
    const stats = await (await second.started).until((s) => s.stored >= 2 * m, 30_000);
    expect(stats).toEqual({ received: 2 * m, stored: 2 * m, duplicates: 0, rejected: 0, clamped: 0, shed: 0 });
    expect(await storedSeqs(THINGS.away1)).toEqual(range(m));
    expect(await storedSeqs(THINGS.away2)).toEqual(range(m));
    expect(second.entries().find((e) => e.msg === 'connected')).toMatchObject({ sessionPresent: true });
  });

  it("refuses a device's publish under another thing's name, even with that thing's client id", async () => {
    const { own, other } = THINGS;
    const sub = ingest(mtls, 'seedline-ingest-mq-acl');
    const running = await sub.started;
    await running.ready();
    const { link, states } = device(mtls, own);
    await once(states, 'connected');
    const foreign = JSON.stringify({ ...telemetry(1, T0), thing: other });

    // MQTT 3.1.1 has no negative PUBACK: Mosquitto acks the refused publish and keeps the
    // connection (aedes and AWS IoT Core would close it). What shows is that nothing arrives.
    await link.publish(telemetryTopic(other), foreign);
    expect(link.connected()).toBe(true);

    // Thing `own`'s certificate asking for `other`'s client id is named `own` all the same (so it
    // takes over its own session, not `other`'s), and its rights follow the certificate.
    await link.close(1_000);
    const impostor = connectMqtt({
      ...connectionFor(mtls, { thing: own }),
      endpoint: '127.0.0.1',
      clientId: other,
      reconnectMinSeconds: 1,
      reconnectMaxSeconds: 1,
      onState: (state) => states.emit(`impostor-${state.kind}`),
    });
    cleanups.push(() => impostor.close(1_000));
    await once(states, 'impostor-connected');
    expect(mosquitto.log()).toMatch(new RegExp(`as ${own} \\(.*u'${own}'\\)`));
    await impostor.publish(telemetryTopic(other), foreign);

    // Published after both refusals were acked, so it reaches ingest after them, were they delivered.
    await impostor.publish(telemetryTopic(own), JSON.stringify({ ...telemetry(1, T0), thing: own }));
    const stats = await running.until((s) => s.stored >= 1);
    expect(stats).toEqual({ received: 1, stored: 1, duplicates: 0, rejected: 0, clamped: 0, shed: 0 });
    expect(await storedSeqs(own)).toEqual([1]);
    expect(await storedSeqs(other)).toEqual([]);
    // Mosquitto's log reaches us through a pipe, a moment after the fact.
    const denied = () =>
      mosquitto
        .log()
        .split('\n')
        .filter((line) => line.includes('Denied PUBLISH') && line.includes(`'${telemetryTopic(other)}'`)).length;
    await expect.poll(denied).toBe(2);
  });
});

describe('reporting through the plain Mosquitto on 1883', () => {
  it('counts malformed, oversized and duplicate messages, stores nothing twice and goes on storing', async () => {
    const thing = THINGS.plainBad;
    const sub = ingest(SYSTEM_MOSQUITTO, `seedline-ingest-mq-plain-bad-${run}`);
    const running = await sub.started;
    await running.ready();
    const { link, states } = device(SYSTEM_MOSQUITTO, thing);
    await once(states, 'connected');
    const valid = (seq: number) => JSON.stringify({ ...telemetry(seq, T0 + seq * 1000), thing });
    const oversized = JSON.stringify({ ...telemetry(3, T0), thing, padding: 'x'.repeat(MAX_MESSAGE_BYTES) });

    await link.publish(telemetryTopic(thing), valid(1));
    await link.publish(telemetryTopic(thing), '{"this is": not json');
    await link.publish(telemetryTopic(thing), oversized);
    await link.publish(telemetryTopic(thing), valid(2));
    await link.publish(telemetryTopic(thing), valid(2)); // a duplicate
    await link.publish(telemetryTopic(thing), valid(3)); // after the bad ones: ingest goes on

    const stats = await running.until((s) => s.received >= 6 && s.stored + s.duplicates + s.rejected >= 6);
    expect(stats).toEqual({ received: 6, stored: 3, duplicates: 1, rejected: 2, clamped: 0, shed: 0 });
    expect(await storedSeqs(thing)).toEqual([1, 2, 3]);
    const reasons = sub
      .entries()
      .filter((e) => e.msg === 'message rejected' && e.topic === telemetryTopic(thing))
      .map((e) => String(e.reason));
    expect(reasons).toHaveLength(2);
    // Refused on receipt, before it was buffered (not later, by the parser).
    expect(reasons.some((reason) => reason.includes(`over ${MAX_MESSAGE_BYTES}`))).toBe(true);
  });

  it('carries a bridge outbox to ingest end to end: each message once, in seq order', async () => {
    const thing = THINGS.plainPath;
    const n = 40;
    const sub = ingest(SYSTEM_MOSQUITTO, `seedline-ingest-mq-plain-path-${run}`);
    await (await sub.started).ready();
    const seen = await observer(SYSTEM_MOSQUITTO, `seedline-ingest-mq-plain-observer-${run}`);
    const outbox = filledOutbox(thing, n);
    const { link, states } = device(SYSTEM_MOSQUITTO, thing);
    const { publisher } = publish(outbox, link, states, thing);

    await seen.until(() => seen.firstSeqs(thing).length >= n);
    await (await sub.started).until((s) => s.stored >= n);
    await outboxEmptied(outbox);
    await publisher.stop();

    // No interruption here: nothing may come twice.
    expect(seen.arrivals.filter((a) => a.thing === thing).map((a) => a.seq)).toEqual(range(n));
    expect((await sub.started).stats()).toMatchObject({ stored: n, duplicates: 0, rejected: 0 });
    expect(await storedSeqs(thing)).toEqual(range(n));
    expect(outbox.size().messages).toBe(0);
  });
});
