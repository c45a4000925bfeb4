import { z } from 'zod';
import { zoneSettingsSchema } from '../config/schema.ts';

// The contract of the named shadow `irrigation` (AWS IoT Device Shadow): the dashboard writes
// `desired`, the bridge writes `reported`. Web imports this file (`@seedline/firmware-bridge/shadow`).
//
//   desired.zones[zoneId]     settings, whole or in part (what is left out stays as the bridge runs it)
//   desired.commands[zoneId]  the latest command for the zone: { id, kind, ..., issuedAt }
//   desired.commands._site    the latest command for the greenhouse as a whole (acknowledge a leak)
//   reported.zones[zoneId]    the settings the bridge runs, whole
//   reported.commands[zoneId] the desired command echoed with its outcome, once handled
//   reported.refused[zoneId]  why the desired settings were not applied (absent when they were)
//
// A handled command is echoed whole, so desired ⊆ reported and the shadow holds no delta for it:
// a command runs once, not again after every reconnect.

export const SHADOW_NAME = 'irrigation';
/** AWS IoT Core's limit for a shadow document. */
export const SHADOW_MAX_BYTES = 8 * 1024;
/** A command older than this when the bridge first sees it (a long outage) is refused, not run late. */
export const COMMAND_MAX_AGE_MS = 15 * 60_000;

export type ShadowOperation =
  | 'get'
  | 'get/accepted'
  | 'get/rejected'
  | 'update'
  | 'update/accepted'
  | 'update/rejected'
  | 'update/delta'
  | 'update/documents';

export function shadowTopic(thing: string, operation: ShadowOperation): string {
  return `$aws/things/${thing}/shadow/name/${SHADOW_NAME}/${operation}`;
}

/** The thing of an irrigation shadow topic, or null. */
export function thingFromShadowTopic(topic: string): string | null {
  const match = /^\$aws\/things\/([^/]+)\/shadow\/name\/([^/]+)\//.exec(topic);
  return match && match[2] === SHADOW_NAME ? (match[1] ?? null) : null;
}

export { zoneSettingsSchema };
export type ZoneSettingsInput = z.infer<typeof zoneSettingsSchema>;

const commandId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1–40 letters, digits, _ or -');
const issuedAt = z.number().int().positive();

/**
 * The key of greenhouse-wide commands in `commands`: zone ids are lower-case letters, digits and
 * `-` (config/schema.ts), so it can never be a zone's.
 */
export const SITE_KEY = '_site';

/** Alarms that stay latched until the farmer acknowledges them (control/alarms.ts `needsAck`). */
export const latchedAlarmSchema = z.enum(['leak', 'no-flow']);

export const shadowCommandSchema = z.discriminatedUnion('kind', [
  z.object({ id: commandId, kind: z.literal('run'), minutes: z.number().int().min(1).max(240), issuedAt }),
  z.object({ id: commandId, kind: z.literal('stop'), issuedAt }),
  z.object({ id: commandId, kind: z.literal('pause'), until: z.number().int().positive(), issuedAt }),
  z.object({ id: commandId, kind: z.literal('resume'), issuedAt }),
  z.object({ id: commandId, kind: z.literal('off'), issuedAt }),
  z.object({ id: commandId, kind: z.literal('auto'), issuedAt }),
  // A leak is acknowledged under SITE_KEY, a zone's no-flow under the zone's id.
  z.object({ id: commandId, kind: z.literal('acknowledge'), alarm: latchedAlarmSchema, issuedAt }),
]);
export type ShadowCommand = z.infer<typeof shadowCommandSchema>;

export const commandOutcomeSchema = z.union([
  shadowCommandSchema.and(z.object({ status: z.literal('applied') })),
  shadowCommandSchema.and(z.object({ status: z.literal('refused'), reason: z.string() })),
  // A desired command too malformed to echo: only its id (when it has one) and why.
  z.object({ id: z.string(), status: z.literal('refused'), reason: z.string() }),
]);
export type CommandOutcome = z.infer<typeof commandOutcomeSchema>;

/** Loose on purpose: each zone's entry is checked on its own, so one bad entry spoils nothing else. */
export const desiredStateSchema = z
  .object({
    zones: z.record(z.string(), z.unknown()).nullish(),
    commands: z.record(z.string(), z.unknown()).nullish(),
  })
  .loose();
export type DesiredState = z.infer<typeof desiredStateSchema>;

export const reportedStateSchema = z
  .object({
    zones: z.record(z.string(), z.unknown()).nullish(),
    commands: z.record(z.string(), z.unknown()).nullish(),
    refused: z.record(z.string(), z.string().nullable()).nullish(),
  })
  .loose();
export type ReportedState = z.infer<typeof reportedStateSchema>;

/** `get/accepted` and `update/documents` carry (at least) this. */
export const shadowDocumentSchema = z.object({
  state: z.object({ desired: desiredStateSchema.nullish(), reported: reportedStateSchema.nullish() }).loose(),
  version: z.number().int().nonnegative(),
});

export const shadowDocumentsMessageSchema = z.object({
  previous: shadowDocumentSchema.nullish(),
  current: shadowDocumentSchema.nullable(),
  timestamp: z.number().optional(),
});

/** One readable line from a zod error: the first issue, with its path. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}
