import type { Db } from '@seedline/db';
import { notFound } from '../http.server.ts';
import type { RegisterForm, ZoneInput } from './greenhouse-forms.ts';

// Greenhouses of a member farm and their zones, registered by the co-op. Ingest looks a bridge's
// thing name up in this table for every batch (ingest/store.server.ts), so a greenhouse registered
// here is known from its bridge's first report: nobody edits the database by hand.

const zoneRow = { id: true, key: true, name: true, areaM2: true, crop: true, desiredSettings: true } as const;

export async function farmGreenhouses(db: Db, farmId: string) {
  const farm = await db.farm.findUnique({
    where: { id: farmId },
    select: {
      id: true,
      name: true,
      greenhouses: {
        orderBy: { name: 'asc' },
        select: {
          id: true,
          name: true,
          thingName: true,
          areaM2: true,
          lastSeenAt: true,
          _count: { select: { zones: true } },
        },
      },
    },
  });
  if (!farm) notFound('No such farm');
  return farm;
}

export async function greenhouse(db: Db, id: string) {
  const found = await db.greenhouse.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      thingName: true,
      areaM2: true,
      lastSeenAt: true,
      farm: { select: { id: true, name: true } },
      zones: { orderBy: { key: 'asc' }, select: zoneRow },
    },
  });
  if (!found) notFound('No such greenhouse');
  return found;
}

/** What a unique index refused, for the page to say beside its field. */
export type Taken = { taken: 'thingName' | 'key' };

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2002';
}

async function unlessTaken<T>(write: () => Promise<T>, field: Taken['taken']): Promise<T | Taken> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) return { taken: field };
    throw error;
  }
}

const zoneData = (zone: ZoneInput) => ({
  key: zone.key,
  name: zone.name,
  areaM2: zone.areaM2,
  crop: zone.crop,
  desiredSettings: zone.settings,
});

/** A thing name belongs to one greenhouse: the unique index refuses a second, even when two forms meet. */
export async function registerGreenhouse(db: Db, farmId: string, form: RegisterForm) {
  await farmGreenhouses(db, farmId);
  const { zone, ...fields } = form;
  const data = { ...fields, farmId, zones: { create: [zoneData(zone)] } };
  return unlessTaken(() => db.greenhouse.create({ data, select: { id: true } }), 'thingName');
}

export async function addZone(db: Db, greenhouseId: string, zone: ZoneInput) {
  await greenhouse(db, greenhouseId);
  const data = { ...zoneData(zone), greenhouseId };
  return unlessTaken(() => db.zone.create({ data, select: { id: true } }), 'key');
}
