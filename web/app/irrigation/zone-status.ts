// Where a zone's settings stand between the dashboard and the bridge, from what the database
// holds: "pending" from the moment they are sent until the bridge reports running them.

export type SettingsStatus =
  | { state: 'confirmed' }
  | { state: 'pending'; since: Date }
  | { state: 'refused'; reason: string; at: Date }
  /** Nobody has changed them here and the bridge has not reported what it runs yet. */
  | { state: 'unreported' };

export type ZoneShadowRow = {
  desiredSettings: unknown;
  reportedSettings: unknown;
  desiredAt: Date | null;
  refusedReason: string | null;
  refusedAt: Date | null;
  pendingCommand: unknown;
};

/** The Zone fields the status is read from (a Prisma `select`). */
export const ZONE_SHADOW_ROW = {
  desiredSettings: true,
  reportedSettings: true,
  desiredAt: true,
  refusedReason: true,
  refusedAt: true,
  pendingCommand: true,
} satisfies Record<keyof ZoneShadowRow, true>;

export function settingsStatus(zone: ZoneShadowRow): SettingsStatus {
  if (zone.refusedReason && zone.refusedAt && (!zone.desiredAt || zone.refusedAt >= zone.desiredAt)) {
    return { state: 'refused', reason: zone.refusedReason, at: zone.refusedAt };
  }
  if (covers(zone.reportedSettings, zone.desiredSettings)) return { state: 'confirmed' };
  return zone.desiredAt ? { state: 'pending', since: zone.desiredAt } : { state: 'unreported' };
}

/** A command sent and not yet answered by the bridge. */
export function commandPending(zone: ZoneShadowRow): boolean {
  return zone.pendingCommand !== null && zone.pendingCommand !== undefined;
}

/** Every value in `wanted` is in `have` (objects key by key, arrays whole). */
export function covers(have: unknown, wanted: unknown): boolean {
  if (Array.isArray(wanted)) {
    return (
      Array.isArray(have) &&
      have.length === wanted.length &&
      wanted.every((w, i) => covers(have[i], w) && covers(w, have[i]))
    );
  }
  if (typeof wanted === 'object' && wanted !== null) {
    if (typeof have !== 'object' || have === null || Array.isArray(have)) return false;
    return Object.entries(wanted).every(([key, value]) => covers((have as Record<string, unknown>)[key], value));
  }
  return have === wanted;
}
