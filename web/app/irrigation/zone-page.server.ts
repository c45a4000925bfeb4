import { type Db, Prisma } from '@seedline/db';
import { zoneSettingsSchema } from '@seedline/firmware-bridge/shadow';
import type { SessionUser } from '../auth/session.server.ts';
import { farmsOf } from '../farm/scope.server.ts';
import { notFound } from '../http.server.ts';
import { moistureBand } from '../shop/irrigation-record.ts';
import { LIVE_REPORT, namedReport } from './greenhouse-live.server.ts';
import { bridgeConnection } from './live.ts';
import { alarmLines } from './open-alarms.ts';
import { ZONE_SHADOW_ROW, commandPending, settingsStatus } from './zone-status.ts';

// One zone as its farmer reads it on the phone: where it stands now, moisture over the last day
// and week against its band, its runs, its settings and where they stand, what people asked of
// it (and what the bridge answered), and its alarms. Another farm's zone does not exist (404).

type FarmUser = Pick<SessionUser, 'role' | 'farmId'>;

const HOUR_MS = 3_600_000;
/** The day chart in quarter hours (a bridge reports every minute), the week chart in hours. */
export const DAY_SLOT_MS = 15 * 60_000;
const HISTORY = 30;

export async function zonePage(db: Db, user: FarmUser, zoneId: string, now: Date) {
  const zone = await db.zone.findFirst({
    where: { id: zoneId, greenhouse: { farm: farmsOf(user) } },
    select: {
      id: true,
      key: true,
      name: true,
      areaM2: true,
      ...ZONE_SHADOW_ROW,
      live: { select: LIVE_REPORT },
      greenhouse: { select: { id: true, name: true, lastSeenAt: true } },
    },
  });
  if (!zone) notFound('No such zone');
  const mine = { OR: [{ zoneId: zone.id }, { zoneId: null, greenhouseId: zone.greenhouse.id }] };
  const weekAgo = new Date(now.getTime() - 7 * 24 * HOUR_MS);
  const [runs, requests, alarms, day, week] = await Promise.all([
    db.irrigationRun.findMany({
      where: { zoneId: zone.id, startedAt: { gte: weekAgo } },
      orderBy: { startedAt: 'desc' },
      take: HISTORY,
      select: { id: true, startedAt: true, endedAt: true, startRule: true, stopRule: true, litres: true, status: true },
    }),
    db.controlRequest.findMany({
      where: mine,
      orderBy: { requestedAt: 'desc' },
      take: HISTORY,
      select: {
        id: true,
        kind: true,
        detail: true,
        status: true,
        reason: true,
        requestedAt: true,
        answeredAt: true,
        byUser: { select: { name: true } },
      },
    }),
    db.alarm.findMany({
      where: mine,
      orderBy: { raisedAt: 'desc' },
      take: HISTORY,
      select: {
        id: true,
        kind: true,
        raisedAt: true,
        clearedAt: true,
        acknowledgedAt: true,
        zone: { select: { name: true } },
        acknowledgements: { where: { status: 'PENDING' }, select: { id: true } },
      },
    }),
    moistureSlots(db, zone.id, new Date(now.getTime() - 24 * HOUR_MS), now, DAY_SLOT_MS),
    hourlyMoisture(db, zone.id, weekAgo, now),
  ]);
  const settings = zoneSettingsSchema.safeParse(zone.desiredSettings);
  return {
    zone: { id: zone.id, key: zone.key, name: zone.name, areaM2: zone.areaM2 },
    greenhouse: {
      id: zone.greenhouse.id,
      name: zone.greenhouse.name,
      connection: bridgeConnection(zone.greenhouse.lastSeenAt, now),
    },
    live: zone.live && namedReport(zone.live),
    band: moistureBand(zone.desiredSettings),
    settings: settings.success ? settings.data : null,
    settingsStatus: settingsStatus(zone),
    commandPending: commandPending(zone),
    runs,
    requests: requests.map(({ byUser, ...r }) => ({ ...r, by: byUser.name })),
    alarms: alarmLines(alarms),
    charts: { day: { ...day, to: now }, week: { ...week, to: now } },
    now,
  };
}

export type ZonePage = Awaited<ReturnType<typeof zonePage>>;

/** Average moisture per slot of `slotMs` from the raw readings, null where the bridge said nothing. */
async function moistureSlots(db: Db, zoneId: string, from: Date, to: Date, slotMs: number) {
  const first = Math.floor(from.getTime() / slotMs);
  const count = Math.ceil(to.getTime() / slotMs) - first;
  const rows = await db.$queryRaw<{ slot: number; moisture: number | null }[]>(Prisma.sql`
    SELECT floor(extract(epoch FROM "at") * 1000 / ${slotMs})::int - ${first}::int AS slot, avg("moisture") AS moisture
    FROM "TelemetryReading"
    WHERE "zoneId" = ${zoneId} AND "at" >= ${new Date(first * slotMs)} AND "at" < ${to}
    GROUP BY 1`);
  return { moisture: slotted(rows, count), from: new Date(first * slotMs) };
}

/** Hourly averages from the roll-ups (kept forever, unlike the raw readings). */
async function hourlyMoisture(db: Db, zoneId: string, from: Date, to: Date) {
  const first = Math.floor(from.getTime() / HOUR_MS);
  const count = Math.ceil(to.getTime() / HOUR_MS) - first;
  const hours = await db.zoneHourly.findMany({
    where: { zoneId, hour: { gte: new Date(first * HOUR_MS), lt: to } },
    select: { hour: true, moistureAvg: true },
  });
  const rows = hours.map((h) => ({ slot: Math.round(h.hour.getTime() / HOUR_MS) - first, moisture: h.moistureAvg }));
  return { moisture: slotted(rows, count), from: new Date(first * HOUR_MS) };
}

function slotted(rows: readonly { slot: number; moisture: number | null }[], count: number): (number | null)[] {
  const values: (number | null)[] = Array.from({ length: count }, () => null);
  for (const row of rows) {
    const slot = Number(row.slot);
    if (slot >= 0 && slot < count && row.moisture !== null) values[slot] = Math.round(Number(row.moisture) * 10) / 10;
  }
  return values;
}
