import type { PrismaClient } from '@seedline/db';
import { PROTOCOL_VERSION } from '@seedline/firmware-bridge/protocol';

// Messages as a bridge sends them, for the ingest tests (storage and live through the broker).

/** Telemetry of `zones` (moisture 35, 36, …; 10 litres today each), 29.5 °C and 71 %. */
export function telemetryPayload(thing: string, seq: number, at: number, zones: string[] = ['z1', 'z2']) {
  return {
    v: PROTOCOL_VERSION,
    kind: 'telemetry',
    thing,
    seq,
    at,
    zones: zones.map((id, i) => ({
      id,
      moisture: 35 + i,
      valveOpen: false,
      flowLpm: 0,
      litresToday: 10,
      mode: 'auto',
      alarm: null,
    })),
    temperature: 29.5,
    humidity: 71,
    pump: false,
    masterValve: true,
    leak: false,
  };
}

export function eventPayload(thing: string, seq: number, at: unknown, event: Record<string, unknown>) {
  return { v: PROTOCOL_VERSION, kind: 'event', thing, seq, at, event };
}

/** Settings that pass the bridge's checks, for zones in tests. */
export const TEST_SETTINGS = {
  moistureLow: 32,
  moistureHigh: 42,
  maxRunMinutes: 20,
  minSoakMinutes: 45,
  dailyBudgetLitres: 900,
  windows: [] as { from: string; to: string }[],
};

export type TestZone = {
  key: string;
  name?: string;
  areaM2?: number;
  desiredSettings?: object;
  reportedSettings?: object;
};

/**
 * A greenhouse run by `thing` on the test farm (made once), with these zones (500 m² and
 * TEST_SETTINGS unless given). Returns the greenhouse id and the zone ids by key.
 */
export async function testGreenhouse(
  prisma: PrismaClient,
  thing: string,
  zones: TestZone[] = [{ key: 'z1' }, { key: 'z2' }],
): Promise<{ id: string; zones: Record<string, string> }> {
  const farm = await testFarm(prisma);
  const g = await prisma.greenhouse.create({
    data: {
      farmId: farm.id,
      name: thing,
      thingName: thing,
      areaM2: zones.reduce((sum, z) => sum + (z.areaM2 ?? 500), 0),
      zones: {
        create: zones.map((z) => ({
          key: z.key,
          name: z.name ?? z.key.toUpperCase(),
          areaM2: z.areaM2 ?? 500,
          desiredSettings: z.desiredSettings ?? TEST_SETTINGS,
          ...(z.reportedSettings ? { reportedSettings: z.reportedSettings } : {}),
        })),
      },
    },
    include: { zones: true },
  });
  return { id: g.id, zones: Object.fromEntries(g.zones.map((z) => [z.key, z.id])) };
}

/** The farm of testGreenhouse, or another one by its code. */
export function testFarm(prisma: PrismaClient, code = 'TST') {
  return prisma.farm.upsert({
    where: { code },
    create: { code, name: `Trại thử ${code}`, commune: 'Xuân Hòa', province: 'Thanh Hóa' },
    update: {},
  });
}

/** A farmer of the farm `code` (testGreenhouse's by default), as the session knows users. */
export async function testFarmer(prisma: PrismaClient, email: string, code = 'TST') {
  const farm = await testFarm(prisma, code);
  return prisma.user.create({
    data: { email, name: email.split('@')[0]!, role: 'FARMER', farmId: farm.id, passwordHash: 'not-for-login' },
    select: { id: true, email: true, name: true, role: true, farmId: true },
  });
}
