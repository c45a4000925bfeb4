import type { ZoneSettings } from '../control/index.ts';
import {
  COMMAND_MAX_AGE_MS,
  type CommandOutcome,
  type DesiredState,
  type ReportedState,
  SITE_KEY,
  type ShadowCommand,
  firstIssue,
  shadowCommandSchema,
  zoneSettingsSchema,
} from './shadow.ts';

// What the bridge should do about the shadow's desired state, decided without I/O: which settings
// to apply, which to refuse (and why), which commands to run. The sync adapter carries it out.

export type Reconciliation = {
  /** Valid settings that differ from what the zone runs now. */
  apply: { zoneId: string; settings: ZoneSettings }[];
  /** Per zone named in desired (or refused before): why its settings were refused, or null. */
  refused: Record<string, string | null>;
  /** Commands not handled yet that may run now. */
  run: { zoneId: string; command: ShadowCommand }[];
  /** Commands answered here (malformed, unknown zone, expired), never run. */
  answered: Record<string, CommandOutcome>;
};

const SETTING_KEYS = new Set<string>([
  'moistureLow',
  'moistureHigh',
  'maxRunMinutes',
  'minSoakMinutes',
  'dailyBudgetLitres',
  'windows',
  'fallbackWatering',
]);

/**
 * `running` holds every zone's settings now; `wallNow` is the wall clock (commands carry the
 * dashboard's wall-clock `issuedAt`, whatever clock the bridge runs on).
 */
export function reconcile(
  desired: DesiredState,
  reported: ReportedState,
  running: Readonly<Record<string, ZoneSettings>>,
  wallNow: number,
): Reconciliation {
  const result: Reconciliation = { apply: [], refused: {}, run: [], answered: {} };
  // A refusal stays reported only while its desired entry is there.
  for (const zoneId of Object.keys(reported.refused ?? {})) result.refused[zoneId] = null;

  for (const [zoneId, wanted] of Object.entries(desired.zones ?? {})) {
    if (wanted === null || wanted === undefined) continue;
    const current = running[zoneId];
    const problem = settingsProblem(wanted, current);
    if (typeof problem === 'string') {
      result.refused[zoneId] = problem;
      continue;
    }
    result.refused[zoneId] = null;
    if (current && !sameSettings(problem, current)) result.apply.push({ zoneId, settings: problem });
  }

  for (const [zoneId, wanted] of Object.entries(desired.commands ?? {})) {
    if (wanted === null || wanted === undefined) continue;
    const id = idOf(wanted);
    if (id !== null && idOf(reported.commands?.[zoneId]) === id) continue; // handled before
    const parsed = shadowCommandSchema.safeParse(wanted);
    if (!parsed.success) {
      result.answered[zoneId] = { id: id ?? '', status: 'refused', reason: firstIssue(parsed.error) };
    } else if (zoneId === SITE_KEY ? !siteCommand(parsed.data) : !(zoneId in running)) {
      const reason = zoneId === SITE_KEY ? `${parsed.data.kind} is a zone command` : `unknown zone ${zoneId}`;
      result.answered[zoneId] = { ...parsed.data, status: 'refused', reason };
    } else if (wallNow - parsed.data.issuedAt > COMMAND_MAX_AGE_MS) {
      const minutes = Math.round((wallNow - parsed.data.issuedAt) / 60_000);
      result.answered[zoneId] = {
        ...parsed.data,
        status: 'refused',
        reason: `expired: issued ${minutes} min ago, while the bridge was out of reach`,
      };
    } else {
      result.run.push({ zoneId, command: parsed.data });
    }
  }
  return result;
}

/** The merged settings when valid, else why not. */
function settingsProblem(wanted: unknown, current: ZoneSettings | undefined): ZoneSettings | string {
  if (!current) return 'unknown zone';
  if (typeof wanted !== 'object' || Array.isArray(wanted)) return 'settings must be an object';
  const unknown = Object.keys(wanted as object).filter((key) => !SETTING_KEYS.has(key));
  if (unknown.length) return `unknown setting ${unknown.join(', ')}`;
  // Left-out fields keep their running values; `null` is AWS's "delete", which here means the same.
  const given = Object.fromEntries(Object.entries(wanted as object).filter(([, v]) => v !== null));
  const parsed = zoneSettingsSchema.safeParse({ ...current, ...given });
  return parsed.success ? parsed.data : firstIssue(parsed.error);
}

/** Only acknowledging a leak concerns the greenhouse as a whole. */
function siteCommand(command: ShadowCommand): boolean {
  return command.kind === 'acknowledge' && command.alarm === 'leak';
}

function idOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' ? id : null;
}

export function sameSettings(a: ZoneSettings, b: ZoneSettings): boolean {
  return (
    a.moistureLow === b.moistureLow &&
    a.moistureHigh === b.moistureHigh &&
    a.maxRunMinutes === b.maxRunMinutes &&
    a.minSoakMinutes === b.minSoakMinutes &&
    a.dailyBudgetLitres === b.dailyBudgetLitres &&
    // Absent is the default, true (settings from before the setting existed).
    (a.fallbackWatering ?? true) === (b.fallbackWatering ?? true) &&
    a.windows.length === b.windows.length &&
    a.windows.every((w, i) => w.from === b.windows[i]?.from && w.to === b.windows[i]?.to)
  );
}
