// Hours of greenhouse on real firmware: the bridge runs the same virtual greenhouse (src/sim, seeded)
// on the virtual board and on the emulated ATmega328P with StandardFirmata and with Seedline's
// firmware, its clock and the model 120 times faster than the chip, and waters the same way.
import { describe, expect, it, vi } from 'vitest';
import { virtualGreenhouse } from '../src/board/virtual-greenhouse.ts';
import type { GatewayConfig } from '../src/config/schema.ts';
import type { ControlEvent } from '../src/control/index.ts';
import { memoryJournal } from '../src/runtime/journal.ts';
import { type Firmware, bridgeOn, emulatedClockPerTest, seedlineFirmata, standardFirmata } from './emulated-harness.ts';
import { T0, exampleConfig, virtualBridge } from './harness.ts';

emulatedClockPerTest(T0);

const WARP = 120;
const HOURS = 2.5;

/** The example net house, its meters giving per chip second the pulses the README's meter gives per real second. */
function config(): GatewayConfig {
  return exampleConfig((raw) => {
    for (const zone of raw.zones) zone.flowMeter.pulsesPerLitre = 60 / WARP;
    raw.mainFlowMeter.pulsesPerLitre = 60 / WARP;
  });
}

/** The seeded model, with beds that start dry enough to be watered within the hours. */
function greenhouse(cfg: GatewayConfig, start: number) {
  const { hardware, state } = virtualGreenhouse(cfg, start);
  const belowLow: Record<string, number> = { z1: 0.5, z2: -0.3, z3: 0.3, z4: -0.2 };
  for (const zone of state.zones) {
    const settings = cfg.zones.find((z) => z.id === zone.spec.id)!.settings;
    zone.soil.theta = settings.moistureLow - belowLow[zone.spec.id]!;
  }
  return hardware;
}

async function onVirtualBoard(cfg: GatewayConfig) {
  const startedAt = Date.now();
  const running = await virtualBridge(cfg, greenhouse(cfg, startedAt), memoryJournal(), {
    startAt: startedAt,
    warp: WARP,
  });
  await vi.advanceTimersByTimeAsync((HOURS * 3_600_000) / WARP);
  running.bridge.stop();
  return { events: running.events, startedAt };
}

/** A watering run as the bridge reported it, its times in minutes since the bridge started. */
type Run = {
  zoneId: string;
  startRule: string;
  start: number;
  stop: number | null;
  stopRule: string | null;
  litres: number | null;
};

/** The runs that started in the compared span (the last 15 minutes left out: a start there may fall either side of the end). */
function runsOf(events: ControlEvent[], startedAt: number): Run[] {
  const minutes = (at: number) => (at - startedAt) / 60_000;
  const runs: Run[] = [];
  for (const e of events) {
    if (e.type === 'water-started' && minutes(e.at) < HOURS * 60 - 15)
      runs.push({
        zoneId: e.zoneId,
        startRule: e.rule,
        start: minutes(e.at),
        stop: null,
        stopRule: null,
        litres: null,
      });
    if (e.type === 'water-stopped') {
      const run = runs.findLast((r) => r.zoneId === e.zoneId && r.stop === null);
      if (run) Object.assign(run, { stop: minutes(e.at), stopRule: e.rule, litres: e.litres });
    }
  }
  return runs;
}

async function onEmulatedBoard(firmware: Firmware, cfg: GatewayConfig) {
  const startedAt = Date.now();
  const running = await bridgeOn(firmware, cfg, { hardware: greenhouse(cfg, startedAt), warp: WARP, startedAt });
  await vi.advanceTimersByTimeAsync((HOURS * 3_600_000) / WARP);
  return { events: running.events, startedAt, stats: running.stepper.stats() };
}

describe(`${HOURS} hours of greenhouse at ${WARP}× on real firmware`, () => {
  it.each([standardFirmata, seedlineFirmata])(
    'waters on $name as on the virtual board',
    async (firmware) => {
      const cfg = config();
      const virtual = await onVirtualBoard(cfg);
      const expected = runsOf(virtual.events, virtual.startedAt);
      // In these hours the seeded model waters three zones, z1 three times, and z2 stays in its band.
      expect(new Set(expected.map((r) => r.zoneId))).toEqual(new Set(['z1', 'z3', 'z4']));
      expect(expected.length).toBeGreaterThanOrEqual(6);

      const emulated = await onEmulatedBoard(firmware, cfg);
      const got = runsOf(emulated.events, emulated.startedAt);
      console.info(
        `${firmware.name}: ${got.length} runs; emulated ${Math.round(emulated.stats.emulatedMs / 1000)} s of chip in ` +
          `${Math.round(emulated.stats.cpuMs / 1000)} s of CPU; [zone, start − virtual's (min), litres, virtual's]: ` +
          JSON.stringify(
            got.map((r, i) => [r.zoneId, +(r.start - expected[i]!.start).toFixed(1), r.litres, expected[i]?.litres]),
          ),
      );
      expect(got.map((r) => [r.zoneId, r.startRule, r.stopRule])).toEqual(
        expected.map((r) => [r.zoneId, r.startRule, r.stopRule]),
      );
      got.forEach((run, i) => {
        const want = expected[i]!;
        // The bridge samples every 100 ms of chip time, 12 s of greenhouse: a tick or a few apart.
        expect(Math.abs(run.start - want.start), `run ${i} (${run.zoneId}) start`).toBeLessThanOrEqual(2);
        expect(Math.abs(run.stop! - want.stop!), `run ${i} (${run.zoneId}) stop`).toBeLessThanOrEqual(2);
        expect(
          Math.abs(run.litres! - want.litres!) / want.litres!,
          `run ${i} (${run.zoneId}) litres`,
        ).toBeLessThanOrEqual(0.04);
      });
      for (const events of [virtual.events, emulated.events])
        expect(events.filter((e) => e.type === 'alarm-raised')).toEqual([]);
    },
    600_000,
  );
});
