import five from 'johnny-five';
import { vi } from 'vitest';
import type { GatewayConfig } from '../src/config/schema.ts';
import { parseGatewayConfig } from '../src/config/load.ts';
import type { ControlEvent } from '../src/control/index.ts';
import { type VirtualHardware, createVirtualBoard } from '../src/board/virtual-io.ts';
import { type BridgeOutput, startBridge } from '../src/runtime/bridge.ts';
import { type Journal, memoryJournal } from '../src/runtime/journal.ts';
import example from '../config/example.json' with { type: 'json' };

export const T0 = Date.parse('2026-03-10T01:00:00Z'); // 08:00 in Vietnam, inside the watering window

export function exampleConfig(change: (raw: typeof example) => void = () => undefined): GatewayConfig {
  const raw = structuredClone(example);
  change(raw);
  return parseGatewayConfig(raw);
}

/**
 * A controllable stand-in for the greenhouse: each zone's sensor reads what the test sets, and
 * an open valve with the pump on makes its meter pulse at the zone's nominal flow.
 */
export function scriptedHardware(config: GatewayConfig) {
  const raw: Record<string, number | null> = {};
  const pulses: Record<string, number> = { main: 0 };
  const blocked = new Set<string>();
  const frozen = new Set<string>();
  let leakLpm = 0;
  for (const z of config.zones) {
    // Start inside the band: nothing waters until a test dries a zone.
    raw[z.id] = rawFor(config, z.id, (z.settings.moistureLow + z.settings.moistureHigh) / 2);
    pulses[z.id] = 0;
  }
  const hardware: VirtualHardware & {
    raw: typeof raw;
    block(zoneId: string): void;
    freeze(zoneId: string): void;
    leak(lpm: number): void;
    lastActuators: Parameters<VirtualHardware['advance']>[1] | null;
  } = {
    raw,
    lastActuators: null,
    block: (zoneId) => blocked.add(zoneId),
    freeze: (zoneId) => frozen.add(zoneId),
    leak: (lpm) => {
      leakLpm = lpm;
    },
    advance(dtMs, actuators) {
      hardware.lastActuators = actuators;
      let main = leakLpm;
      for (const z of config.zones) {
        const flowing = actuators.pump && actuators.masterValve && actuators.valves[z.id] && !blocked.has(z.id);
        if (!flowing) continue;
        pulses[z.id] = (pulses[z.id] ?? 0) + (z.nominalFlowLpm * z.flowMeter.pulsesPerLitre * dtMs) / 60_000;
        main += z.nominalFlowLpm;
      }
      pulses.main = (pulses.main ?? 0) + (main * (config.mainFlowMeter?.pulsesPerLitre ?? 0) * dtMs) / 60_000;
    },
    moistureRaw: (zoneId) => {
      const value = raw[zoneId];
      // A little noise, as a real sensor has: a frozen value means a stuck sensor.
      if (value === null || value === undefined) return null;
      return frozen.has(zoneId) ? value : value + (Math.floor(Date.now() / 50) % 2);
    },
    pulses: (meter) => Math.floor(pulses[meter] ?? 0),
    temperature: () => 29,
    humidity: () => 75,
  };
  return hardware;
}

/** Raw reading for a moisture percentage, with the zone's calibration. */
export function rawFor(config: GatewayConfig, zoneId: string, moisture: number): number {
  const { dryRaw, wetRaw } = config.zones.find((z) => z.id === zoneId)!.moistureSensor;
  return Math.round(dryRaw - (moisture / 50) * (dryRaw - wetRaw));
}

/** A reading clearly below a zone's band (it wants water) and clearly above it (it is wet). */
export function dry(config: GatewayConfig, zoneId: string): number {
  const zone = config.zones.find((z) => z.id === zoneId)!;
  return rawFor(config, zoneId, zone.settings.moistureLow - 3);
}

export function wet(config: GatewayConfig, zoneId: string): number {
  const zone = config.zones.find((z) => z.id === zoneId)!;
  return rawFor(config, zoneId, zone.settings.moistureHigh + 2);
}

/**
 * A Johnny-Five board on the virtual IO plugin, under vitest's fake timers (simulated time), from
 * `startAt` (T0) with simulated time `warp` (1) times the fake clock's.
 */
export async function virtualBridge(
  config: GatewayConfig,
  hardware: VirtualHardware,
  journal: Journal = memoryJournal(),
  { startAt = T0, warp = 1 }: { startAt?: number; warp?: number } = {},
) {
  const io = createVirtualBoard({ config, hardware, startAt, warp, realNow: () => Date.now() });
  const writes: { pin: number; value: number; at: number }[] = [];
  const digitalWrite = io.digitalWrite;
  io.digitalWrite = (pin: number, value: number) => {
    writes.push({ pin, value, at: io.now() });
    digitalWrite(pin, value);
  };
  const board = new five.Board({ io, repl: false, debug: false, sigint: false });
  const ready = new Promise<void>((resolve) => board.once('ready', () => resolve()));
  await vi.advanceTimersByTimeAsync(5);
  await ready;
  const events: ControlEvent[] = [];
  const bridge = startBridge({
    config,
    board,
    clock: () => io.now(),
    timeScale: warp,
    journal,
    output: (o: BridgeOutput) => {
      if (o.kind === 'event') events.push(o.event);
    },
  });
  return { io, board, bridge, events, writes, pinLevel: (pin: number) => io.pins[pin]!.value };
}
