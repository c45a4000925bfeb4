import { z } from 'zod';
import type { ControlEvent } from '../control/types.ts';

// The contract between bridge and cloud: what the bridge publishes on `dt/seedline/{thing}/...`
// and what ingest accepts. Web imports this file (`@seedline/firmware-bridge/protocol`) and never
// redefines it, so it imports only zod and types: nothing here pulls the bridge's runtime in.

/** Bumped only on a breaking change; ingest refuses versions it does not know. */
export const PROTOCOL_VERSION = 1;

/** AWS IoT Core refuses publishes over 128 KB; ours stay far below (a few KB per message). */
export const MAX_MESSAGE_BYTES = 128 * 1024;

/**
 * AWS IoT thing names: 1..128 of [a-zA-Z0-9:_-]. The stricter-than-MQTT set also keeps topic
 * wildcards ('+', '#') and '/' out of the topic levels built from it.
 */
export const thingNameSchema = z.string().regex(/^[a-zA-Z0-9:_-]{1,128}$/, 'must be an AWS IoT thing name');

/** Epoch milliseconds a Date can hold (±8.64e15): a larger one would stop ingest converting it. */
const millis = z.number().int().nonnegative().max(8_640_000_000_000_000);
const nonNegative = z.number().nonnegative();

/**
 * A bridge's message series: a random id minted with its sequence file. A replaced gateway or a
 * lost state folder starts numbering at 1 again, under a new series, so its messages are not taken
 * for ones already stored. Optional: messages written before series existed (still in an outbox
 * after an upgrade) have none, and ingest files them under the empty series.
 */
export const seriesSchema = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1 to 32 of A-Z a-z 0-9 _ -');

/**
 * Every message carries these. `seq` is unique and increasing per bridge and series: ingest is
 * idempotent on (thing, series, seq), so a message resent after a lost PUBACK is stored once.
 * `kind` routes the message at ingest (telemetry and summaries share a topic) and gives one precise
 * error per kind.
 */
const header = {
  v: z.literal(PROTOCOL_VERSION),
  thing: thingNameSchema,
  series: seriesSchema.optional(),
  seq: z.number().int().positive(),
  at: millis,
};

// ---------------------------------------------------------------------------------------------
// The control core's vocabulary, mirrored from control/types.ts (checked at compile time below).

export const alarmKindSchema = z.enum([
  'sensor-stale',
  'sensor-out-of-range',
  'sensor-stuck',
  'leak',
  'no-flow',
  'budget-reached',
]);
const startRule = z.enum(['band-low', 'manual', 'fallback-et']);
const stopRule = z.enum([
  'band-high',
  'max-run',
  'budget',
  'et-bound',
  'window-closed',
  'manual-expired',
  'manual-stop',
  'paused',
  'off',
  'fault',
  'shutdown',
  'interrupted',
  'preempted',
  'sensor-recovered',
]);
const zoneMode = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('auto') }),
  z.object({ kind: z.literal('manual'), until: millis }),
  z.object({ kind: z.literal('paused'), until: millis }),
  z.object({ kind: z.literal('off') }),
]);
const zoneCommand = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('run'), zoneId: z.string(), minutes: z.number() }),
  z.object({ kind: z.literal('stop'), zoneId: z.string() }),
  z.object({ kind: z.literal('pause'), zoneId: z.string(), until: millis }),
  z.object({ kind: z.literal('resume'), zoneId: z.string() }),
  z.object({ kind: z.literal('off'), zoneId: z.string() }),
  z.object({ kind: z.literal('auto'), zoneId: z.string() }),
  z.object({ kind: z.literal('acknowledge'), alarmKind: alarmKindSchema, zoneId: z.string().nullable() }),
]);

/** The settings as applied (already validated by the bridge): their shape, not their rules. */
const zoneSettingsWire = z.object({
  moistureLow: z.number(),
  moistureHigh: z.number(),
  maxRunMinutes: z.number(),
  minSoakMinutes: z.number(),
  dailyBudgetLitres: z.number(),
  windows: z.array(z.object({ from: z.string(), to: z.string() })),
  // Optional: bridges and outboxes from before the setting existed send settings without it (= true).
  fallbackWatering: z.boolean().optional(),
});

export const controlEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('water-started'),
    at: millis,
    zoneId: z.string(),
    rule: startRule,
    moisture: z.number().nullable(),
  }),
  z.object({
    type: z.literal('water-stopped'),
    at: millis,
    zoneId: z.string(),
    rule: stopRule,
    litres: nonNegative,
    startedAt: millis,
    moisture: z.number().nullable(),
  }),
  z.object({
    type: z.literal('alarm-raised'),
    at: millis,
    zoneId: z.string().nullable(),
    alarm: alarmKindSchema,
    message: z.string(),
    needsAck: z.boolean(),
  }),
  z.object({ type: z.literal('alarm-cleared'), at: millis, zoneId: z.string().nullable(), alarm: alarmKindSchema }),
  z.object({ type: z.literal('mode-changed'), at: millis, zoneId: z.string(), mode: zoneMode, reason: z.string() }),
  z.object({ type: z.literal('command-refused'), at: millis, command: zoneCommand, reason: z.string() }),
  z.object({ type: z.literal('settings-applied'), at: millis, zoneId: z.string(), settings: zoneSettingsWire }),
  z.object({ type: z.literal('settings-refused'), at: millis, zoneId: z.string(), reason: z.string() }),
]);

// A new event type or field in the control core must reach the wire: this fails to compile until
// the schema above says exactly what ControlEvent says (both directions, so nothing extra either).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _eventSchemaMatchesControlEvent: Same<z.infer<typeof controlEventSchema>, ControlEvent> = true;
const _eventSchemaInputMatchesControlEvent: Same<z.input<typeof controlEventSchema>, ControlEvent> = true;

// ---------------------------------------------------------------------------------------------
// Messages.

/** The zone's mode as the dashboard shows it: a manual run shows as 'manual' even in auto. */
export const zoneModeNameSchema = z.enum(['auto', 'manual', 'paused', 'off']);

export const zoneTelemetrySchema = z.object({
  id: z.string().min(1),
  /** % volumetric water content; null when the sensor gives nothing. */
  moisture: z.number().nullable(),
  valveOpen: z.boolean(),
  flowLpm: nonNegative,
  /** The zone's counter for the local day; it drops back to 0 at local midnight. */
  litresToday: nonNegative,
  mode: zoneModeNameSchema,
  alarm: alarmKindSchema.nullable(),
});

export const telemetryMessageSchema = z.object({
  ...header,
  kind: z.literal('telemetry'),
  zones: z.array(zoneTelemetrySchema),
  temperature: z.number().nullable(),
  humidity: z.number().nullable(),
  pump: z.boolean(),
  masterValve: z.boolean(),
  leak: z.boolean(),
});

export const eventMessageSchema = z.object({
  ...header,
  kind: z.literal('event'),
  event: controlEventSchema,
});

export const zoneSummarySchema = z.object({
  id: z.string().min(1),
  /** Over the samples that had a reading; null when none had. */
  moisture: z
    .object({ min: z.number(), avg: z.number(), max: z.number(), samples: z.number().int().positive() })
    .nullable(),
  /** Water through the zone from `from` to `to` (from the daily counters, across midnight). */
  litres: nonNegative,
  /** The daily counter at `to`, so the day's total stays exact after folding. */
  litresToday: nonNegative,
  /** Time the valve was open between `from` and `to`, minutes (a sample holds until the next). */
  openMinutes: nonNegative,
  /** The valve at `to`: with `litresToday`, what folding this summary again needs to stay exact. */
  valveOpen: z.boolean(),
});

/**
 * Telemetry the outbox folded while the link was down and the disk was full: it replaces the
 * telemetry messages `seq`..`throughSeq` (the numbers in between that ingest never sees were folded,
 * not lost). `at` equals `to`: the time the data describes.
 */
export const summaryMessageSchema = z.object({
  ...header,
  kind: z.literal('summary'),
  throughSeq: z.number().int().positive(),
  from: millis,
  to: millis,
  samples: z.number().int().positive(),
  zones: z.array(zoneSummarySchema),
});

export const messageSchema = z.discriminatedUnion('kind', [
  telemetryMessageSchema,
  eventMessageSchema,
  summaryMessageSchema,
]);

export type TelemetryMessage = z.infer<typeof telemetryMessageSchema>;
export type ZoneTelemetry = z.infer<typeof zoneTelemetrySchema>;
export type EventMessage = z.infer<typeof eventMessageSchema>;
export type SummaryMessage = z.infer<typeof summaryMessageSchema>;
export type ZoneSummary = z.infer<typeof zoneSummarySchema>;
export type Message = z.infer<typeof messageSchema>;
export type MessageKind = Message['kind'];

// ---------------------------------------------------------------------------------------------
// Topics: AWS's recommended `dt/{application}/{thing}/{type}` for device telemetry.

export function telemetryTopic(thing: string): string {
  return `dt/seedline/${thing}/telemetry`;
}

export function eventsTopic(thing: string): string {
  return `dt/seedline/${thing}/events`;
}

/** The topic a message is published on: summaries are telemetry, folded. */
export function topicFor(message: Message): string {
  return message.kind === 'event' ? eventsTopic(message.thing) : telemetryTopic(message.thing);
}

/**
 * Where ingest tells a bridge which of its messages it is done with (decision 038). Within the
 * bridge's own `dt/seedline/{thing}/#`, which its policy already lets it read; ingest subscribes to
 * telemetry and events by name, so it never hears these.
 */
export function storedTopic(thing: string): string {
  return `dt/seedline/${thing}/stored`;
}

/** Inclusive runs of seqs, `[from, to]`: a batch's seqs of one bridge are mostly consecutive. */
const seqRangeSchema = z
  .tuple([z.number().int().positive(), z.number().int().positive()])
  .refine(([from, to]) => from <= to, 'a range runs from its first seq to its last');

/**
 * Ingest → bridge: the messages of one series that ingest is done with — stored now, stored
 * before, or refused by a rule that would refuse them again (an unknown zone). Only then may the
 * bridge forget them: the broker's PUBACK says only that the broker has the message.
 */
export const confirmationSchema = z.object({
  v: z.literal(PROTOCOL_VERSION),
  /** '' for messages sent before bridges had a series. */
  series: z.union([seriesSchema, z.literal('')]),
  seqs: z.array(seqRangeSchema).min(1).max(10_000),
});
export type Confirmation = z.infer<typeof confirmationSchema>;

/** The seqs as sorted inclusive runs. */
export function seqRanges(seqs: Iterable<number>): [number, number][] {
  const sorted = [...new Set(seqs)].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const seq of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && seq === last[1] + 1) last[1] = seq;
    else ranges.push([seq, seq]);
  }
  return ranges;
}

const topicPattern = /^dt\/seedline\/([^/]+)\/(telemetry|events)$/;

/** The thing name in one of our topics, or null for any other topic. */
export function thingFromTopic(topic: string): string | null {
  const match = topicPattern.exec(topic);
  if (!match || !thingNameSchema.safeParse(match[1]).success) return null;
  return match[1]!;
}

export type ParseResult = { ok: true; message: Message; kind: MessageKind } | { ok: false; reason: string };

/**
 * What ingest calls for every MQTT message (a Buffer is a Uint8Array). A device may publish only
 * under its own name (the IoT policy enforces it in the cloud); checking that the payload's `thing` matches the topic keeps a
 * bridge from writing into another farm's records even where the policy is missing.
 */
export function parseMessage(topic: string, payload: Uint8Array | string): ParseResult {
  const thing = thingFromTopic(topic);
  if (thing === null) return { ok: false, reason: `not a Seedline topic: ${topic}` };
  // TextEncoder/TextDecoder rather than Buffer: this file also loads where Node's globals do not.
  const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload).byteLength : payload.byteLength;
  if (bytes > MAX_MESSAGE_BYTES) return { ok: false, reason: `payload of ${bytes} bytes exceeds ${MAX_MESSAGE_BYTES}` };
  let json: unknown;
  try {
    json = JSON.parse(typeof payload === 'string' ? payload : new TextDecoder().decode(payload));
  } catch (error) {
    return { ok: false, reason: `payload is not JSON: ${(error as Error).message}` };
  }
  const parsed = messageSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: `schema: ${z.prettifyError(parsed.error)}` };
  const message = parsed.data;
  if (message.thing !== thing) {
    return { ok: false, reason: `thing "${message.thing}" does not match topic thing "${thing}"` };
  }
  const expectedTopic = topicFor(message);
  if (expectedTopic !== topic) return { ok: false, reason: `a ${message.kind} message does not belong on ${topic}` };
  return { ok: true, message, kind: message.kind };
}
