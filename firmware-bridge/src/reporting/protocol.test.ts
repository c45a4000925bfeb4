import five from 'johnny-five';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createVirtualBoard } from '../board/virtual-io.ts';
import { type BridgeOutput, startBridge } from '../runtime/bridge.ts';
import { memoryJournal } from '../runtime/journal.ts';
import { T0, dry, exampleConfig, scriptedHardware, wet } from '../../test/harness.ts';
import { eventMessage, telemetryMessage } from './messages.ts';
import {
  MAX_MESSAGE_BYTES,
  type Message,
  eventsTopic,
  parseMessage,
  telemetryTopic,
  thingFromTopic,
} from './protocol.ts';

const SOURCE = { thing: 'farm-01_gh-2', series: 'series-1' };
const THING = SOURCE.thing;

/** Runs the real bridge on the virtual board through a watering cycle and collects all it emits. */
async function realBridgeOutput(): Promise<BridgeOutput[]> {
  const config = exampleConfig();
  const hardware = scriptedHardware(config);
  hardware.raw.z1 = dry(config, 'z1');
  const io = createVirtualBoard({ config, hardware, startAt: T0, warp: 1, realNow: () => Date.now() });
  const board = new five.Board({ io, repl: false, debug: false, sigint: false });
  const ready = new Promise<void>((resolve) => board.once('ready', () => resolve()));
  await vi.advanceTimersByTimeAsync(5);
  await ready;
  const outputs: BridgeOutput[] = [];
  const bridge = startBridge({
    config,
    board,
    clock: () => io.now(),
    journal: memoryJournal(),
    output: (o) => outputs.push(o),
  });
  await vi.advanceTimersByTimeAsync(1_000);
  bridge.command({ kind: 'run', zoneId: 'no-such-zone', minutes: 5 });
  bridge.command({ kind: 'pause', zoneId: 'z2', until: T0 + 3_600_000 });
  hardware.raw.z1 = wet(config, 'z1');
  await vi.advanceTimersByTimeAsync(1_000);
  hardware.raw.z2 = null;
  await vi.advanceTimersByTimeAsync(60_000);
  bridge.stop();
  return outputs;
}

function asWire(outputs: BridgeOutput[]): { topic: string; payload: string; message: Message }[] {
  return outputs.map((o, i) => {
    const message =
      o.kind === 'event' ? eventMessage(SOURCE, i + 1, o.event) : telemetryMessage(SOURCE, i + 1, o.snapshot);
    const topic = o.kind === 'event' ? eventsTopic(THING) : telemetryTopic(THING);
    return { topic, payload: JSON.stringify(message), message };
  });
}

const sample = (): Record<string, unknown> => ({
  v: 1,
  kind: 'telemetry',
  thing: THING,
  series: SOURCE.series,
  seq: 7,
  at: T0,
  zones: [{ id: 'z1', moisture: 27.5, valveOpen: true, flowLpm: 8, litresToday: 12, mode: 'auto', alarm: null }],
  temperature: 29,
  humidity: 75,
  pump: true,
  masterValve: true,
  leak: false,
});

describe('the bridge–cloud protocol', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('accepts every message the real bridge produces: telemetry and each kind of control event', async () => {
    const wire = asWire(await realBridgeOutput());
    const types = new Set(wire.flatMap((w) => (w.message.kind === 'event' ? [w.message.event.type] : [])));
    expect(types).toEqual(
      new Set(['water-started', 'water-stopped', 'command-refused', 'mode-changed', 'alarm-raised']),
    );
    expect(wire.some((w) => w.message.kind === 'telemetry')).toBe(true);
    for (const { topic, payload, message } of wire) {
      const parsed = parseMessage(topic, Buffer.from(payload));
      expect(parsed, payload).toEqual({ ok: true, message, kind: message.kind });
    }
  });

  it('refuses an unknown schema version with a reason naming the field', () => {
    const result = parseMessage(telemetryTopic(THING), JSON.stringify({ ...sample(), v: 2 }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/expected 1\n\s*→ at v$/);
  });

  it('refuses a message missing a required field, naming it', () => {
    const { seq: _seq, ...noSeq } = sample();
    const result = parseMessage(telemetryTopic(THING), JSON.stringify(noSeq));
    expect(!result.ok && result.reason).toMatch(/→ at seq/);
    const zone = { id: 'z1', moisture: 20, valveOpen: false, flowLpm: 0, mode: 'auto', alarm: null };
    const noLitres = parseMessage(telemetryTopic(THING), JSON.stringify({ ...sample(), zones: [zone] }));
    expect(!noLitres.ok && noLitres.reason).toMatch(/→ at zones\[0\]\.litresToday/);
  });

  it('refuses a non-positive or fractional sequence number', () => {
    expect(parseMessage(telemetryTopic(THING), JSON.stringify({ ...sample(), seq: 0 })).ok).toBe(false);
    expect(parseMessage(telemetryTopic(THING), JSON.stringify({ ...sample(), seq: 1.5 })).ok).toBe(false);
  });

  it('takes a message without a series (written before series existed) and refuses a malformed one', () => {
    const { series: _series, ...noSeries } = sample();
    expect(parseMessage(telemetryTopic(THING), JSON.stringify(noSeries)).ok).toBe(true);
    const slash = parseMessage(telemetryTopic(THING), JSON.stringify({ ...sample(), series: 'a/b' }));
    expect(!slash.ok && slash.reason).toMatch(/→ at series$/);
  });

  it('refuses a time no date can hold, naming the field', () => {
    const result = parseMessage(telemetryTopic(THING), JSON.stringify({ ...sample(), at: 9e15 }));
    expect(!result.ok && result.reason).toMatch(/→ at at$/);
    expect(parseMessage(telemetryTopic(THING), JSON.stringify({ ...sample(), at: 8.64e15 })).ok).toBe(true);
  });

  it('refuses a payload over 128 KB before parsing it', () => {
    const big = JSON.stringify({ ...sample(), padding: 'x'.repeat(MAX_MESSAGE_BYTES) });
    const result = parseMessage(telemetryTopic(THING), big);
    expect(!result.ok && result.reason).toMatch(/exceeds 131072/);
  });

  it('refuses a payload that is not JSON', () => {
    const result = parseMessage(telemetryTopic(THING), Buffer.from('{"v":1,'));
    expect(!result.ok && result.reason).toMatch(/not JSON/);
  });

  it("refuses a message whose thing is not the topic's thing (a bridge writing as another farm)", () => {
    const result = parseMessage(telemetryTopic('other-farm'), JSON.stringify(sample()));
    expect(result).toEqual({ ok: false, reason: `thing "${THING}" does not match topic thing "other-farm"` });
  });

  it('refuses a message on the wrong topic of its own thing and topics that are not ours', () => {
    expect(parseMessage(eventsTopic(THING), JSON.stringify(sample())).ok).toBe(false);
    expect(parseMessage('dt/other/x/telemetry', JSON.stringify(sample())).ok).toBe(false);
  });

  it('builds topics from a thing name and reads the thing name back', () => {
    expect(telemetryTopic(THING)).toBe('dt/seedline/farm-01_gh-2/telemetry');
    expect(eventsTopic(THING)).toBe('dt/seedline/farm-01_gh-2/events');
    expect(thingFromTopic(eventsTopic(THING))).toBe(THING);
    expect(thingFromTopic('dt/seedline/a+b/events')).toBeNull();
    expect(thingFromTopic('$aws/things/x/shadow/update')).toBeNull();
  });
});
