import { describe, expect, it } from 'vitest';
import type { ZoneSettings } from '../control/index.ts';
import { reconcile } from './shadow-reconcile.ts';
import { zoneSettingsSchema } from './shadow.ts';

const NOW = Date.UTC(2026, 10, 29, 3, 0);
const base: ZoneSettings = {
  moistureLow: 22,
  moistureHigh: 28,
  maxRunMinutes: 10,
  minSoakMinutes: 30,
  dailyBudgetLitres: 800,
  windows: [{ from: '05:00', to: '18:00' }],
  fallbackWatering: true,
};
const running = { z1: base, z2: { ...base, moistureLow: 20 } };

describe('settings from the desired state', () => {
  it('applies a partial change on top of what the zone runs, and nothing for unchanged zones', () => {
    const r = reconcile({ zones: { z1: { moistureLow: 24 }, z2: { moistureLow: 20 } } }, {}, running, NOW);
    expect(r.apply).toEqual([{ zoneId: 'z1', settings: { ...base, moistureLow: 24 } }]);
    expect(r.refused).toEqual({ z1: null, z2: null });
  });

  it('refuses an invalid value with the field and reason, and applies nothing for that zone', () => {
    const r = reconcile({ zones: { z1: { moistureLow: 30 }, z2: { maxRunMinutes: -5 } } }, {}, running, NOW);
    expect(r.apply).toEqual([]);
    expect(r.refused.z1).toMatch(/moistureLow must be below moistureHigh/);
    expect(r.refused.z2).toMatch(/maxRunMinutes/);
  });

  it('refuses unknown zones, unknown fields and non-objects', () => {
    const r = reconcile({ zones: { z9: { moistureLow: 20 }, z1: { moistureLo: 20 }, z2: 'wet' } }, {}, running, NOW);
    expect(r.apply).toEqual([]);
    expect(r.refused).toEqual({
      z9: 'unknown zone',
      z1: 'unknown setting moistureLo',
      z2: 'settings must be an object',
    });
  });

  it('clears a refusal once its desired entry is gone or valid', () => {
    const r = reconcile({ zones: { z1: { moistureLow: 21 } } }, { refused: { z1: 'x', z2: 'y' } }, running, NOW);
    expect(r.refused).toEqual({ z1: null, z2: null });
    expect(r.apply).toHaveLength(1);
  });

  it('turns fallback watering off and on, and refuses a value that is not a boolean', () => {
    const off = reconcile({ zones: { z1: { fallbackWatering: false } } }, {}, running, NOW);
    expect(off.apply).toEqual([{ zoneId: 'z1', settings: { ...base, fallbackWatering: false } }]);
    const offRunning = { ...running, z1: { ...base, fallbackWatering: false } };
    const on = reconcile({ zones: { z1: { fallbackWatering: true } } }, {}, offRunning, NOW);
    expect(on.apply).toEqual([{ zoneId: 'z1', settings: base }]);
    const bad = reconcile({ zones: { z1: { fallbackWatering: 'no' } } }, {}, running, NOW);
    expect(bad.apply).toEqual([]);
    expect(bad.refused.z1).toMatch(/fallbackWatering/);
  });

  it('reads settings from before fallbackWatering existed as fallback on: no change to apply', () => {
    const { fallbackWatering: _left, ...old } = base;
    const r = reconcile({ zones: { z1: { ...old } } }, {}, { z1: old, z2: base }, NOW);
    expect(r.apply).toEqual([]);
    expect(zoneSettingsSchema.parse(old)).toEqual(base);
  });

  it('checks watering windows as times', () => {
    const r = reconcile({ zones: { z1: { windows: [{ from: '25:00', to: '06:00' }] } } }, {}, running, NOW);
    expect(r.refused.z1).toMatch(/windows\.0\.from/);
  });
});

describe('commands from the desired state', () => {
  const run = { id: 'c1', kind: 'run', minutes: 10, issuedAt: NOW - 60_000 };

  it('runs a new command once: not again when reported already echoes its id', () => {
    expect(reconcile({ commands: { z1: run } }, {}, running, NOW).run).toEqual([{ zoneId: 'z1', command: run }]);
    const again = reconcile(
      { commands: { z1: run } },
      { commands: { z1: { ...run, status: 'applied' } } },
      running,
      NOW,
    );
    expect(again.run).toEqual([]);
    expect(again.answered).toEqual({});
  });

  it('answers malformed, unknown-zone and expired commands without running them', () => {
    const r = reconcile(
      {
        commands: {
          z1: { id: 'c2', kind: 'run', minutes: 9999, issuedAt: NOW },
          z9: { ...run, id: 'c3' },
          z2: { ...run, id: 'c4', issuedAt: NOW - 60 * 60_000 },
        },
      },
      {},
      running,
      NOW,
    );
    expect(r.run).toEqual([]);
    expect(r.answered.z1).toMatchObject({ id: 'c2', status: 'refused', reason: expect.stringMatching(/minutes/) });
    expect(r.answered.z9).toMatchObject({ id: 'c3', status: 'refused', reason: 'unknown zone z9' });
    expect(r.answered.z2).toMatchObject({
      id: 'c4',
      status: 'refused',
      reason: expect.stringMatching(/expired: issued 60 min ago/),
    });
  });
});

describe('greenhouse-wide commands', () => {
  const ack = { id: 'a1', kind: 'acknowledge', alarm: 'leak', issuedAt: NOW - 60_000 };

  it('runs a leak acknowledgement sent for the greenhouse as a whole', () => {
    const r = reconcile({ commands: { _site: ack } }, {}, running, NOW);
    expect(r.run).toEqual([{ zoneId: '_site', command: ack }]);
  });

  it('refuses a zone command sent for the greenhouse, and an acknowledgement of an alarm that never latches', () => {
    const r = reconcile(
      {
        commands: {
          _site: { id: 'r1', kind: 'run', minutes: 5, issuedAt: NOW },
          z1: { id: 'a2', kind: 'acknowledge', alarm: 'sensor-stuck', issuedAt: NOW },
        },
      },
      {},
      running,
      NOW,
    );
    expect(r.run).toEqual([]);
    expect(r.answered._site).toMatchObject({ id: 'r1', status: 'refused', reason: 'run is a zone command' });
    expect(r.answered.z1).toMatchObject({ id: 'a2', status: 'refused' });
  });
});
