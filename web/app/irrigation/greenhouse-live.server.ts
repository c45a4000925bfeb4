import type { Db } from '@seedline/db';
import { type BridgeConnection, bridgeConnection } from './live.ts';
import { type SettingsStatus, commandPending, settingsStatus } from './zone-status.ts';

// A greenhouse as the farmer's live view shows it: the bridge online or not, and per zone what the
// bridge last reported, where its settings stand, its open alarms and the run in progress. Read in
// one round of queries; ingest keeps the live rows current.

export type ZoneLiveView = {
  id: string;
  key: string;
  name: string;
  live: {
    at: Date;
    moisture: number | null;
    valveOpen: boolean;
    flowLpm: number;
    litresToday: number;
    mode: string;
    alarm: string | null;
    temperature: number | null;
    humidity: number | null;
  } | null;
  settings: SettingsStatus;
  commandPending: boolean;
  openAlarms: { kind: string; message: string; raisedAt: Date }[];
  runningSince: Date | null;
};

export type GreenhouseLiveView = {
  id: string;
  name: string;
  thingName: string;
  connection: BridgeConnection;
  /** Alarms of the greenhouse as a whole (leak, pump): not tied to a zone. */
  openAlarms: { kind: string; message: string; raisedAt: Date }[];
  zones: ZoneLiveView[];
};

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
          desiredSettings: true,
          reportedSettings: true,
          desiredAt: true,
          refusedReason: true,
          refusedAt: true,
          pendingCommand: true,
          live: true,
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
  const alarm = ({ kind, message, raisedAt }: { kind: string; message: string; raisedAt: Date }) => ({
    kind,
    message,
    raisedAt,
  });
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
      live: zone.live && {
        at: zone.live.at,
        moisture: zone.live.moisture,
        valveOpen: zone.live.valveOpen,
        flowLpm: zone.live.flowLpm,
        litresToday: zone.live.litresToday,
        mode: zone.live.mode,
        alarm: zone.live.alarm,
        temperature: zone.live.temperature,
        humidity: zone.live.humidity,
      },
      settings: settingsStatus(zone),
      commandPending: commandPending(zone),
      openAlarms: greenhouse.alarms.filter((a) => a.zoneId === zone.id).map(alarm),
      runningSince: zone.irrigationRuns[0]?.startedAt ?? null,
    })),
  };
}
