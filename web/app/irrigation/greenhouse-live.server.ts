import type { Db, ZoneLive } from '@seedline/db';
import { alarmKindSchema, zoneModeNameSchema } from '@seedline/firmware-bridge/protocol';
import { type BridgeConnection, bridgeConnection } from './live.ts';
import { type SettingsStatus, ZONE_SHADOW_ROW, commandPending, settingsStatus } from './zone-status.ts';

// A greenhouse as the farmer's live view shows it: the bridge online or not, and per zone what the
// bridge last reported, where its settings stand, its open alarms and the run in progress. Read in
// one round of queries; ingest keeps the live rows current.

/** A zone as its bridge last reported it (ZoneLive without its bookkeeping). */
export type ZoneLiveReport = Omit<ZoneLive, 'zoneId' | 'sequence' | 'updatedAt'>;
type OpenAlarm = { kind: string; message: string; raisedAt: Date };

export type ZoneLiveView = {
  id: string;
  key: string;
  name: string;
  live: ZoneLiveReport | null;
  settings: SettingsStatus;
  commandPending: boolean;
  openAlarms: OpenAlarm[];
  runningSince: Date | null;
};

export type GreenhouseLiveView = {
  id: string;
  name: string;
  thingName: string;
  connection: BridgeConnection;
  /** Alarms of the greenhouse as a whole (leak, pump): not tied to a zone. */
  openAlarms: OpenAlarm[];
  zones: ZoneLiveView[];
};

/**
 * A stored report with its mode and alarm in the bridge's vocabulary (ingest checked them on the
 * way in), so a page can name them in the farmer's language.
 */
export function namedReport<L extends Pick<ZoneLiveReport, 'mode' | 'alarm'>>(live: L) {
  const mode = zoneModeNameSchema.safeParse(live.mode);
  const alarm = alarmKindSchema.safeParse(live.alarm);
  return { ...live, mode: mode.success ? mode.data : null, alarm: alarm.success ? alarm.data : null };
}

/** The ZoneLive fields a live view shows (a Prisma `select`). */
export const LIVE_REPORT = {
  at: true,
  moisture: true,
  valveOpen: true,
  flowLpm: true,
  litresToday: true,
  mode: true,
  alarm: true,
  temperature: true,
  humidity: true,
} satisfies Record<keyof ZoneLiveReport, true>;

export async function greenhouseLive(
  db: Db,
  greenhouseId: string,
  now = new Date(),
): Promise<GreenhouseLiveView | null> {
  const greenhouse = await db.greenhouse.findUnique({
    where: { id: greenhouseId },
    select: {
      id: true,
      name: true,
      thingName: true,
      lastSeenAt: true,
      alarms: {
        where: { clearedAt: null },
        orderBy: { raisedAt: 'asc' },
        select: { zoneId: true, kind: true, message: true, raisedAt: true },
      },
      zones: {
        orderBy: { key: 'asc' },
        select: {
          id: true,
          key: true,
          name: true,
          ...ZONE_SHADOW_ROW,
          live: { select: LIVE_REPORT },
          irrigationRuns: {
            where: { status: 'RUNNING' },
            orderBy: { startedAt: 'desc' },
            take: 1,
            select: { startedAt: true },
          },
        },
      },
    },
  });
  if (!greenhouse) return null;
  const alarm = ({ kind, message, raisedAt }: OpenAlarm): OpenAlarm => ({ kind, message, raisedAt });
  return {
    id: greenhouse.id,
    name: greenhouse.name,
    thingName: greenhouse.thingName,
    connection: bridgeConnection(greenhouse.lastSeenAt, now),
    openAlarms: greenhouse.alarms.filter((a) => a.zoneId === null).map(alarm),
    zones: greenhouse.zones.map((zone) => ({
      id: zone.id,
      key: zone.key,
      name: zone.name,
      live: zone.live,
      settings: settingsStatus(zone),
      commandPending: commandPending(zone),
      openAlarms: greenhouse.alarms.filter((a) => a.zoneId === zone.id).map(alarm),
      runningSince: zone.irrigationRuns[0]?.startedAt ?? null,
    })),
  };
}
