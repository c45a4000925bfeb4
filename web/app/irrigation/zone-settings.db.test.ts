import type { Database } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import { shadowTopic } from '@seedline/firmware-bridge/shadow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DesiredPublisher,
  changeZoneSettings,
  sendZoneCommand,
  storeShadowDocuments,
} from './zone-settings.server.ts';
import { testGreenhouse } from '../ingest/testkit.ts';
import { settingsStatus } from './zone-status.ts';

let database: Database;
const prisma = () => database.prisma;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

const settings = {
  moistureLow: 32,
  moistureHigh: 42,
  maxRunMinutes: 20,
  minSoakMinutes: 45,
  dailyBudgetLitres: 900,
  windows: [{ from: '05:00', to: '18:00' }],
};

async function zone(thing: string) {
  const g = await testGreenhouse(prisma(), thing, [
    { key: 'z1', desiredSettings: settings, reportedSettings: settings },
  ]);
  return g.zones.z1!;
}

function recorder() {
  const sent: { thing: string; desired: Record<string, unknown> }[] = [];
  const publish: DesiredPublisher = async (thing, desired) => void sent.push({ thing, desired });
  return { sent, publish };
}

const documents = (thing: string, reported: object) =>
  storeShadowDocuments(
    prisma(),
    shadowTopic(thing, 'update/documents'),
    JSON.stringify({ previous: null, current: { state: { reported }, version: 3 }, timestamp: 1 }),
  );

const row = async (id: string) => await prisma().zone.findUniqueOrThrow({ where: { id } });

describe('changing a zone’s settings through the shadow', () => {
  it('sends desired, shows pending, and confirmed once the bridge reports them', async () => {
    const id = await zone('shadow-a');
    const { sent, publish } = recorder();
    const next = { ...settings, moistureLow: 30 };
    expect(await changeZoneSettings(prisma(), publish, { zoneId: id, settings: next })).toEqual({ ok: true });
    expect(sent).toEqual([{ thing: 'shadow-a', desired: { zones: { z1: next } } }]);
    expect(settingsStatus(await row(id)).state).toBe('pending');

    expect(await documents('shadow-a', { zones: { z1: next } })).toBeNull();
    expect(settingsStatus(await row(id)).state).toBe('confirmed');
  });

  it('answers bad input field by field and writes and sends nothing', async () => {
    const id = await zone('shadow-b');
    const { sent, publish } = recorder();
    const result = await changeZoneSettings(prisma(), publish, {
      zoneId: id,
      settings: { ...settings, maxRunMinutes: 0, windows: [{ from: '5am', to: '18:00' }] },
    });
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { maxRunMinutes: expect.any(String), 'windows.0.from': expect.any(String) },
    });
    expect(sent).toEqual([]);
    expect((await row(id)).desiredSettings).toEqual(settings);
  });

  it('rolls the change back when the shadow cannot be reached', async () => {
    const id = await zone('shadow-c');
    const failing: DesiredPublisher = () => Promise.reject(new Error('MQTT not connected'));
    const result = await changeZoneSettings(prisma(), failing, {
      zoneId: id,
      settings: { ...settings, moistureLow: 10 },
    });
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/could not be reached, nothing changed/) });
    const after = await row(id);
    expect(after.desiredSettings).toEqual(settings);
    expect(after.desiredAt).toBeNull();
  });

  it('shows the bridge’s refusal with its reason, while the zone keeps its reported settings', async () => {
    const id = await zone('shadow-d');
    const { publish } = recorder();
    await changeZoneSettings(prisma(), publish, { zoneId: id, settings: { ...settings, moistureHigh: 90 } });
    await documents('shadow-d', {
      zones: { z1: settings },
      refused: { z1: 'moistureHigh: sensor cannot read above 50 %' },
    });
    const after = await row(id);
    expect(settingsStatus(after)).toMatchObject({
      state: 'refused',
      reason: 'moistureHigh: sensor cannot read above 50 %',
    });
    expect(after.reportedSettings).toEqual(settings);
  });
});

describe('zone commands through the shadow', () => {
  it('keeps a command pending until reported answers its id', async () => {
    const id = await zone('shadow-e');
    const { sent, publish } = recorder();
    expect(await sendZoneCommand(prisma(), publish, { zoneId: id, command: { kind: 'run', minutes: '15' } })).toEqual({
      ok: true,
    });
    const command = (sent[0]!.desired.commands as Record<string, { id: string; minutes: number }>).z1!;
    expect(command).toMatchObject({ kind: 'run', minutes: 15 });
    expect((await row(id)).pendingCommand).toMatchObject({ id: command.id });

    await documents('shadow-e', { zones: { z1: settings }, commands: { z1: { id: 'older', status: 'applied' } } });
    expect((await row(id)).pendingCommand).not.toBeNull();
    await documents('shadow-e', {
      zones: { z1: settings },
      commands: { z1: { ...command, status: 'refused', reason: 'zone is off' } },
    });
    const after = await row(id);
    expect(after.pendingCommand).toBeNull();
    expect(after.refusedReason).toBe('command: zone is off');
  });

  it('refuses bad commands by field', async () => {
    const id = await zone('shadow-f');
    const { sent, publish } = recorder();
    expect(
      await sendZoneCommand(prisma(), publish, { zoneId: id, command: { kind: 'run', minutes: 600 } }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { minutes: expect.any(String) },
    });
    expect(
      await sendZoneCommand(prisma(), publish, {
        zoneId: id,
        command: { kind: 'pause', until: '2020-01-01T00:00:00Z' },
      }),
    ).toEqual({ ok: false, fieldErrors: { until: 'must be in the future' } });
    expect(sent).toEqual([]);
  });

  it('ignores documents it cannot use, with a reason', async () => {
    expect(await storeShadowDocuments(prisma(), 'dt/seedline/x/telemetry', '{}')).toMatch(/not an irrigation shadow/);
    expect(await storeShadowDocuments(prisma(), shadowTopic('x', 'update/documents'), '{oops')).toBe('not JSON');
    expect(
      await storeShadowDocuments(
        prisma(),
        shadowTopic('x', 'update/documents'),
        JSON.stringify({ current: { state: { reported: { commands: { z1: 'run' } } }, version: 1 } }),
      ),
    ).toMatch(/unexpected shape/);
  });
});
