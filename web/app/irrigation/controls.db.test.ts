import type { Database } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import { shadowTopic } from '@seedline/firmware-bridge/shadow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRefusalOf } from '../errors/refusals.ts';
import { testFarmer, testGreenhouse } from '../ingest/testkit.ts';
import { acknowledgeAlarm, changeZoneSettings, sendZoneCommand } from './controls.server.ts';
import { storeShadowDocuments } from './shadow-documents.server.ts';
import type { DesiredPublisher } from './shadow-link.server.ts';
import { settingsStatus } from './zone-status.ts';

let database: Database;
const prisma = () => database.prisma;
type Farmer = Awaited<ReturnType<typeof testFarmer>>;
let farmer: Farmer;
let stranger: Farmer;

beforeAll(async () => {
  database = await openTestDatabase();
  farmer = await testFarmer(prisma(), 'nong.dan@example.vn');
  stranger = await testFarmer(prisma(), 'hang.xom@example.vn', 'OTHER');
});
afterAll(() => database?.close());

const settings = {
  moistureLow: 32,
  moistureHigh: 42,
  maxRunMinutes: 20,
  minSoakMinutes: 45,
  dailyBudgetLitres: 900,
  windows: [{ from: '05:00', to: '18:00' }],
  fallbackWatering: true,
};

async function greenhouse(thing: string) {
  const g = await testGreenhouse(prisma(), thing, [
    { key: 'z1', desiredSettings: settings, reportedSettings: settings },
  ]);
  return { id: g.id, zoneId: g.zones.z1! };
}

function recorder() {
  const sent: { thing: string; desired: Record<string, unknown> }[] = [];
  const publish: DesiredPublisher = async (thing, desired) => void sent.push({ thing, desired });
  return { sent, publish };
}

/** An `update/documents` message as the shadow service sends it, each with the next version. */
let version = 10;
const documentsText = (reported: object, previous: object = {}, at = version + 1) => {
  version = Math.max(version, at);
  return JSON.stringify({
    previous: { state: { reported: previous }, version: at - 1 },
    current: { state: { reported }, version: at },
    timestamp: 1_796_000_000 + at,
  });
};
const documents = (thing: string, reported: object, previous: object = {}) =>
  storeShadowDocuments(prisma(), shadowTopic(thing, 'update/documents'), documentsText(reported, previous));

const zone = (id: string) => prisma().zone.findUniqueOrThrow({ where: { id } });
const requests = (zoneId: string) =>
  prisma().controlRequest.findMany({ where: { zoneId }, orderBy: { requestedAt: 'asc' } });

/** The status a route's `notFound()` throws. */
async function statusOf(work: Promise<unknown>): Promise<number> {
  const thrown: unknown = await work.then(
    () => null,
    (error: unknown) => error,
  );
  return (thrown as { init?: { status?: number } } | null)?.init?.status ?? 0;
}

describe('changing a zone’s settings through the shadow', () => {
  it('sends desired, records who asked, and confirms both once the bridge runs them', async () => {
    const g = await greenhouse('ctl-a');
    const { sent, publish } = recorder();
    const next = { ...settings, moistureLow: 30 };
    await changeZoneSettings(prisma(), publish, farmer, g.zoneId, next, new Date('2026-12-04T03:00:00Z'));
    expect(sent).toEqual([{ thing: 'ctl-a', desired: { zones: { z1: next } } }]);
    expect(settingsStatus(await zone(g.zoneId)).state).toBe('pending');
    expect(await requests(g.zoneId)).toMatchObject([
      { kind: 'settings', byUserId: farmer.id, status: 'PENDING', detail: next },
    ]);

    expect(await documents('ctl-a', { zones: { z1: next } }, { zones: { z1: settings } })).toBeNull();
    expect(settingsStatus(await zone(g.zoneId)).state).toBe('confirmed');
    expect(await requests(g.zoneId)).toMatchObject([{ status: 'CONFIRMED', answeredAt: expect.any(Date) }]);
  });

  it('keeps the newest document when ingest copies store one twice or an older one last', async () => {
    const g = await greenhouse('ctl-newest');
    const topic = shadowTopic('ctl-newest', 'update/documents');
    const newer = { ...settings, moistureLow: 31 };
    const older = { ...settings, moistureLow: 29 };
    const newerText = documentsText({ zones: { z1: newer } });
    const olderText = documentsText({ zones: { z1: older } }, {}, version - 1);
    // Two copies store the newer document at once; a third copy stores the older one after them.
    await Promise.all([
      storeShadowDocuments(prisma(), topic, newerText),
      storeShadowDocuments(prisma(), topic, newerText),
    ]);
    await storeShadowDocuments(prisma(), topic, olderText);
    expect((await zone(g.zoneId)).reportedSettings).toEqual(newer);
    // A shadow recreated after it was lost numbers from 1 again: later, so it counts.
    const recreated = JSON.stringify({ current: { state: { reported: { zones: { z1: older } } }, version: 1 }, timestamp: 1_796_999_999 }); // prettier-ignore
    await storeShadowDocuments(prisma(), topic, recreated);
    expect((await zone(g.zoneId)).reportedSettings).toEqual(older);
  });

  it('answers 404 for another farm’s zone, and sends and writes nothing', async () => {
    const g = await greenhouse('ctl-b');
    const { sent, publish } = recorder();
    expect(await statusOf(changeZoneSettings(prisma(), publish, stranger, g.zoneId, settings))).toBe(404);
    expect(await statusOf(sendZoneCommand(prisma(), publish, stranger, g.zoneId, { kind: 'run', minutes: 5 }))).toBe(
      404,
    );
    expect(sent).toEqual([]);
    expect(await requests(g.zoneId)).toEqual([]);
    expect((await zone(g.zoneId)).pendingCommand).toBeNull();
  });

  it('refuses while the broker cannot be reached, and rolls everything back', async () => {
    const g = await greenhouse('ctl-c');
    const failing: DesiredPublisher = () => Promise.reject(new Error('not connected to the broker'));
    const error = await changeZoneSettings(prisma(), failing, farmer, g.zoneId, { ...settings, moistureLow: 10 }).catch(
      (e: unknown) => e,
    );
    expect(isRefusalOf(error, 'GREENHOUSE_UNREACHABLE')).toBe(true);
    const after = await zone(g.zoneId);
    expect(after.desiredSettings).toEqual(settings);
    expect(after.desiredAt).toBeNull();
    expect(await requests(g.zoneId)).toEqual([]);
  });

  it('is refused by a fresh refusal only, not by one that stood before the change', async () => {
    const g = await greenhouse('ctl-d');
    const { publish } = recorder();
    const old = 'moistureHigh: sensor cannot read above 50 %';
    await changeZoneSettings(prisma(), publish, farmer, g.zoneId, { ...settings, moistureHigh: 48 });
    // The document that follows the desired update itself: reported as before, old refusal and all.
    await documents('ctl-d', { zones: { z1: settings }, refused: { z1: old } }, { refused: { z1: old } });
    expect((await requests(g.zoneId))[0]).toMatchObject({ status: 'PENDING' });
    // The bridge's answer to this change.
    await documents(
      'ctl-d',
      { zones: { z1: settings }, refused: { z1: 'moistureHigh: above 45 %' } },
      {
        refused: { z1: old },
      },
    );
    expect((await requests(g.zoneId))[0]).toMatchObject({ status: 'REFUSED', reason: 'moistureHigh: above 45 %' });
    expect(settingsStatus(await zone(g.zoneId))).toMatchObject({ state: 'refused' });
  });
});

describe('zone commands through the shadow', () => {
  it('keeps a command pending until reported answers its id, with the bridge’s reason', async () => {
    const g = await greenhouse('ctl-e');
    const { sent, publish } = recorder();
    await sendZoneCommand(prisma(), publish, farmer, g.zoneId, { kind: 'run', minutes: 15 });
    const command = (sent[0]!.desired.commands as Record<string, { id: string }>).z1!;
    expect(command).toMatchObject({ kind: 'run', minutes: 15 });
    expect((await zone(g.zoneId)).pendingCommand).toMatchObject({ id: command.id });

    await documents('ctl-e', { commands: { z1: { id: 'older', status: 'applied' } } });
    expect((await requests(g.zoneId))[0]).toMatchObject({ status: 'PENDING', commandId: command.id });
    await documents('ctl-e', { commands: { z1: { ...command, status: 'refused', reason: 'zone is off' } } });
    expect((await zone(g.zoneId)).pendingCommand).toBeNull();
    expect((await requests(g.zoneId))[0]).toMatchObject({ kind: 'run', status: 'REFUSED', reason: 'zone is off' });
  });

  it('a newer command replaces one the bridge has not answered (one slot per zone)', async () => {
    const g = await greenhouse('ctl-f');
    const { sent, publish } = recorder();
    await sendZoneCommand(prisma(), publish, farmer, g.zoneId, { kind: 'run', minutes: 5 });
    await sendZoneCommand(prisma(), publish, farmer, g.zoneId, {
      kind: 'pause',
      until: new Date(Date.now() + 3_600_000),
    });
    const pause = (sent[1]!.desired.commands as Record<string, { id: string }>).z1!;
    await documents('ctl-f', { commands: { z1: { ...pause, status: 'applied' } } });
    expect((await requests(g.zoneId)).map((r) => [r.kind, r.status])).toEqual([
      ['run', 'SUPERSEDED'],
      ['pause', 'CONFIRMED'],
    ]);
  });
});

describe('acknowledging a latched alarm', () => {
  async function alarm(greenhouseId: string, kind: string, zoneId: string | null = null) {
    return prisma().alarm.create({
      data: { greenhouseId, zoneId, kind, message: kind, raisedAt: new Date() },
    });
  }

  it('sends a leak’s acknowledgement for the greenhouse as a whole, and marks it once the bridge applies it', async () => {
    const g = await greenhouse('ctl-g');
    const leak = await alarm(g.id, 'leak');
    const { sent, publish } = recorder();
    await acknowledgeAlarm(prisma(), publish, farmer, leak.id);
    const ack = (sent[0]!.desired.commands as Record<string, { id: string }>)._site!;
    expect(ack).toMatchObject({ kind: 'acknowledge', alarm: 'leak' });
    expect(await prisma().controlRequest.findFirst({ where: { alarmId: leak.id } })).toMatchObject({
      zoneId: null,
      byUserId: farmer.id,
      status: 'PENDING',
    });

    await documents('ctl-g', { commands: { _site: { ...ack, status: 'applied' } } });
    expect((await prisma().alarm.findUniqueOrThrow({ where: { id: leak.id } })).acknowledgedAt).toBeInstanceOf(Date);
    const again = await acknowledgeAlarm(prisma(), publish, farmer, leak.id).catch((e: unknown) => e);
    expect(isRefusalOf(again, 'ALARM_ALREADY_ACKNOWLEDGED')).toBe(true);
  });

  it('sends a no-flow’s acknowledgement under its zone', async () => {
    const g = await greenhouse('ctl-h');
    const noFlow = await alarm(g.id, 'no-flow', g.zoneId);
    const { sent, publish } = recorder();
    await acknowledgeAlarm(prisma(), publish, farmer, noFlow.id);
    expect(sent[0]!.desired.commands).toEqual({
      z1: expect.objectContaining({ kind: 'acknowledge', alarm: 'no-flow' }),
    });
  });

  it('refuses an alarm that clears by itself, and another farm’s alarm (404)', async () => {
    const g = await greenhouse('ctl-i');
    const { sent, publish } = recorder();
    const stale = await alarm(g.id, 'sensor-stale', g.zoneId);
    const error = await acknowledgeAlarm(prisma(), publish, farmer, stale.id).catch((e: unknown) => e);
    expect(isRefusalOf(error, 'ALARM_NOT_LATCHED')).toBe(true);
    const leak = await alarm(g.id, 'leak');
    expect(await statusOf(acknowledgeAlarm(prisma(), publish, stranger, leak.id))).toBe(404);
    expect(sent).toEqual([]);
  });
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
