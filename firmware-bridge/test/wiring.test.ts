import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { T0, dry, exampleConfig, scriptedHardware, virtualBridge, wet } from './harness.ts';

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Johnny-Five wiring on the virtual board', () => {
  it('opens a dry zone through digitalWrite on its valve pin and keeps a wet zone closed', async () => {
    const config = exampleConfig();
    const hardware = scriptedHardware(config);
    hardware.raw.z1 = dry(config, 'z1'); // below the band (26–30)
    hardware.raw.z2 = wet(config, 'z2'); // above it
    const { bridge, writes, pinLevel } = await virtualBridge(config, hardware);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(pinLevel(4)).toBe(1); // z1's NC valve, active-high driver: HIGH = energized = open
    expect(pinLevel(5)).toBe(0); // z2 closed
    expect(pinLevel(8)).toBe(1); // pump on with a valve open
    expect(writes.some((w) => w.pin === 4 && w.value === 1)).toBe(true);
    hardware.raw.z1 = wet(config, 'z1'); // wet now: past the top of the band
    await vi.advanceTimersByTimeAsync(1_000);
    expect(pinLevel(4)).toBe(0);
    expect(pinLevel(8)).toBe(0);
    bridge.stop();
  });

  it('drives every relay pin to its safe level before any component exists', async () => {
    const config = exampleConfig((raw) => {
      raw.zones[0]!.valve.driver = 'active-low';
    });
    const { bridge, writes } = await virtualBridge(config, scriptedHardware(config));
    const relayPins = [config.pump.pin, config.masterValve.pin, ...config.zones.map((z) => z.valve.pin)];
    const first = writes.slice(0, relayPins.length);
    expect(first.map((w) => w.pin).sort()).toEqual([...relayPins].sort());
    // Active-low driver: safe (de-energized) is HIGH; active-high: LOW.
    expect(first.find((w) => w.pin === 4)!.value).toBe(1);
    expect(first.find((w) => w.pin === 5)!.value).toBe(0);
    bridge.stop();
  });

  it('honours valve and driver polarity: an active-low driver opens its valve with LOW', async () => {
    const config = exampleConfig((raw) => {
      raw.zones[0]!.valve.driver = 'active-low';
    });
    const hardware = scriptedHardware(config);
    hardware.raw.z1 = dry(config, 'z1');
    const { bridge, pinLevel } = await virtualBridge(config, hardware);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(pinLevel(4)).toBe(0);
    expect(hardware.lastActuators?.valves.z1).toBe(true);
    bridge.stop();
    expect(pinLevel(4)).toBe(1);
  });

  it('closes every valve and stops the pump when the bridge stops', async () => {
    const config = exampleConfig();
    const hardware = scriptedHardware(config);
    hardware.raw.z1 = dry(config, 'z1');
    const { bridge, events, pinLevel } = await virtualBridge(config, hardware);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(pinLevel(4)).toBe(1);
    bridge.stop();
    expect([pinLevel(4), pinLevel(8), pinLevel(9)]).toEqual([0, 0, 0]);
    expect(events.at(-1)).toMatchObject({ type: 'water-stopped', zoneId: 'z1', rule: 'shutdown' });
  });
});
