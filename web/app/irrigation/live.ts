// Whether a greenhouse's bridge is online, from when ingest last heard from it. A bridge reports
// telemetry every minute by default (`telemetryEverySeconds`), so three missed reports in a row
// are no longer a slow link: the dashboard says offline, and the zones' live values are its last
// word, shown with their age.

export const OFFLINE_AFTER_MS = 3 * 60_000;

export type BridgeConnection =
  { state: 'online'; lastSeenAt: Date } | { state: 'offline'; lastSeenAt: Date } | { state: 'never-seen' };

export function bridgeConnection(lastSeenAt: Date | null, now: Date): BridgeConnection {
  if (lastSeenAt === null) return { state: 'never-seen' };
  return now.getTime() - lastSeenAt.getTime() <= OFFLINE_AFTER_MS
    ? { state: 'online', lastSeenAt }
    : { state: 'offline', lastSeenAt };
}
