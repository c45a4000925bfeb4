import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ControlEvent } from '../src/control/index.ts';
import { memoryJournal } from '../src/runtime/journal.ts';
import { T0, dry, exampleConfig, scriptedHardware, virtualBridge, wet } from './harness.ts';

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

const config = exampleConfig();

/** Starts with zone z1 dry and watering, and returns when its valve is open. */
async function watering() {
  const hardware = scriptedHardware(config);
  hardware.raw.z1 = dry(config, 'z1');
  const rig = await virtualBridge(config, hardware);
  await vi.advanceTimersByTimeAsync(1_000);
  expect(rig.pinLevel(4)).toBe(1);
  return { hardware, ...rig };
}

function alarm(events: ControlEvent[], kind: string) {
  return events.find((e) => e.type === 'alarm-raised' && e.alarm === kind);
}

function stoppedBy(events: ControlEvent[], zoneId: string) {
  return events.find((e) => e.type === 'water-stopped' && e.zoneId === zoneId);
}

describe('faults close the water within 1 s of simulated time, with their alarm', () => {
  it.each([
    ['unplugged (no reading)', null, 'sensor-stale'],
    ['shorted (reads 0)', 0, 'sensor-out-of-range'],
    ['open circuit (reads 1023)', 1023, 'sensor-out-of-range'],
  ])('a moisture sensor %s', async (_what, raw, kind) => {
    const { hardware, bridge, events, pinLevel, io } = await watering();
    const faultAt = io.now();
    hardware.raw.z1 = raw;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(pinLevel(4)).toBe(0);
    expect(pinLevel(8)).toBe(0);
    const raised = alarm(events, kind);
    expect(raised?.zoneId).toBe('z1');
    expect(raised!.at - faultAt).toBeLessThanOrEqual(1_000);
    expect(stoppedBy(events, 'z1')).toMatchObject({ rule: 'fault' });
    bridge.stop();
  });

  it('a stuck moisture sensor (the same raw value for 15 minutes)', async () => {
    const { hardware, bridge, events, pinLevel, io } = await watering();
    hardware.freeze('z1');
    const frozenAt = io.now();
    await vi.advanceTimersByTimeAsync(15 * 60_000 + 1_000);
    expect(pinLevel(4)).toBe(0);
    const raised = alarm(events, 'sensor-stuck');
    expect(raised?.zoneId).toBe('z1');
    expect(raised!.at - frozenAt).toBeLessThanOrEqual(15 * 60_000 + 1_000);
    expect(stoppedBy(events, 'z1')).toMatchObject({ rule: 'fault' });
    bridge.stop();
  });

  it('no flow while a valve is open (dry pump or blocked line) closes the zone and needs an acknowledgement', async () => {
    const { hardware, bridge, events, pinLevel, io } = await watering();
    hardware.block('z1');
    const blockedAt = io.now();
    await vi.advanceTimersByTimeAsync(6_000);
    expect(pinLevel(4)).toBe(0);
    const raised = alarm(events, 'no-flow');
    expect(raised).toMatchObject({ zoneId: 'z1', needsAck: true });
    // The line gets its grace to fill (4 s), then the zone closes within a second.
    expect(raised!.at - blockedAt).toBeLessThanOrEqual(5_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(pinLevel(4)).toBe(0); // still dry, but it must not reopen before an acknowledgement
    bridge.stop();
  });

  it('flow while every valve is closed is a leak: master valve shut, alarm raised', async () => {
    const hardware = scriptedHardware(config);
    const { bridge, events, pinLevel, io } = await virtualBridge(config, hardware);
    await vi.advanceTimersByTimeAsync(3_000);
    const leakAt = io.now();
    hardware.leak(4);
    await vi.advanceTimersByTimeAsync(1_500);
    const raised = alarm(events, 'leak');
    expect(raised).toMatchObject({ needsAck: true });
    expect(raised!.at - leakAt).toBeLessThanOrEqual(1_500);
    expect(pinLevel(9)).toBe(0);
    // A dry zone now must not open while the leak is latched.
    hardware.raw.z1 = dry(config, 'z1');
    await vi.advanceTimersByTimeAsync(2_000);
    expect([pinLevel(4), pinLevel(8), pinLevel(9)]).toEqual([0, 0, 0]);
    bridge.stop();
  });

  it('never runs the pump with every valve closed', async () => {
    const quick = exampleConfig((raw) => {
      for (const zone of raw.zones) zone.settings.minSoakMinutes = 0;
    });
    const hardware = scriptedHardware(quick);
    const { bridge, writes, io } = await virtualBridge(quick, hardware);
    // Dry and wet two zones out of step for simulated minutes and watch every relay write.
    for (let second = 0; second < 240; second += 10) {
      hardware.raw.z1 = second % 60 < 30 ? dry(quick, 'z1') : wet(quick, 'z1');
      hardware.raw.z3 = second % 40 < 20 ? dry(quick, 'z3') : wet(quick, 'z3');
      await vi.advanceTimersByTimeAsync(10_000);
    }
    const valvePins = config.zones.map((z) => z.valve.pin);
    const levels = new Map<number, number>();
    for (const w of writes) {
      levels.set(w.pin, w.value);
      if (levels.get(config.pump.pin) === 1) {
        expect(valvePins.some((p) => levels.get(p) === 1)).toBe(true);
      }
    }
    expect(writes.filter((w) => w.pin === config.pump.pin && w.value === 1).length).toBeGreaterThan(2);
    expect(io.now()).toBeGreaterThan(T0);
    bridge.stop();
  });
});

describe('restart after a crash mid-run', () => {
  it('records the run that was open when the bridge died as interrupted, then goes on', async () => {
    const journal = memoryJournal();
    const hardware = scriptedHardware(config);
    hardware.raw.z1 = dry(config, 'z1');
    const first = await virtualBridge(config, hardware, journal);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(journal.runs.map((r) => r.zoneId)).toEqual(['z1']);
    // The process dies: no stop(), no shutdown events. Its board goes with it.
    first.io.close();
    vi.clearAllTimers();

    const second = await virtualBridge(config, hardware, journal);
    expect(second.events[0]).toMatchObject({ type: 'water-stopped', zoneId: 'z1', rule: 'interrupted' });
    expect((second.events[0] as { litres: number }).litres).toBeGreaterThan(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(second.pinLevel(4)).toBe(1); // still dry: a new run starts
    second.bridge.stop();
    expect(journal.runs).toEqual([]);
  });
});

describe('a run journal that cannot be written (a full or worn SD card)', () => {
  it('does not stop the watering: it is told once, tried again, and saved once it can be', async () => {
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const journal = memoryJournal();
    const save = journal.save;
    let cardFull = true;
    journal.save = (runs) => {
      if (cardFull) throw new Error('ENOSPC: no space left on device');
      save(runs);
    };
    const hardware = scriptedHardware(config);
    hardware.raw.z1 = dry(config, 'z1');
    const { bridge, pinLevel, events } = await virtualBridge(config, hardware, journal);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(pinLevel(4)).toBe(1);
    expect(warned.mock.calls.filter(([m]) => String(m).includes('run journal cannot be saved'))).toHaveLength(1);

    cardFull = false;
    await vi.advanceTimersByTimeAsync(6_000);
    expect(journal.runs.map((r) => r.zoneId)).toEqual(['z1']);
    hardware.raw.z1 = wet(config, 'z1');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(pinLevel(4)).toBe(0);
    expect(stoppedBy(events, 'z1')).toBeDefined();
    bridge.stop();
    warned.mockRestore();
  });
});
