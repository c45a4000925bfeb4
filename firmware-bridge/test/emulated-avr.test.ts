// The bridge against real firmware: StandardFirmata's compiled bytes, and Seedline's own firmware
// built with avr-gcc, run on an emulated ATmega328P (avr8js), Johnny-Five talks to it over the chip's serial line as to a USB Arduino, and the
// greenhouse is wired to the chip's pins as the README's wiring table says. Emulated time follows
// vitest's fake clock, so the bridge, Johnny-Five and the chip share one time and nothing sleeps.
import { describe, expect, it, vi } from 'vitest';
import {
  advanceUntil,
  emulatedClockPerTest,
  bridgeOn,
  relayPins,
  seedlineFirmata,
  standardFirmata,
} from './emulated-harness.ts';
import { T0, exampleConfig } from './harness.ts';

emulatedClockPerTest(T0);

describe.each([standardFirmata, seedlineFirmata])(
  'the bridge with its example config on $name (emulated ATmega328P)',
  (firmware) => {
    const bridgeOnFirmware = (config: Parameters<typeof bridgeOn>[1]) => bridgeOn(firmware, config);

    it('drives every relay pin low at start, opens a dry zone and runs the pump, and closes it when wet', async () => {
      const config = exampleConfig();
      const { bench, events, snapshot } = await bridgeOnFirmware(config);
      // Active-high drivers and NC valves: safe is LOW, driven by the firmware, not floating.
      // (StandardFirmata makes every pin an output at boot; Seedline's firmware leaves them inputs
      // until the bridge's first commands arrive, a few milliseconds later.)
      await advanceUntil(() => relayPins(config).every((pin) => bench.pinLevel(pin) === 0), 100);

      bench.setMoisture('z1', config.zones[0]!.settings.moistureLow - 3);
      await advanceUntil(() => bench.pinLevel(4) === 1, 1_000);
      await advanceUntil(() => bench.watering('z1'), 1_000);
      expect(bench.pinLevel(8)).toBe(1); // pump
      expect(bench.pinLevel(9)).toBe(1); // master valve
      expect(bench.pinLevel(5)).toBe(0); // z2 stays in its band
      expect(events.find((e) => e.type === 'water-started')).toMatchObject({ zoneId: 'z1', rule: 'band-low' });
      // The SHT31-D on the I²C bus reaches the bridge through Firmata's I²C messages.
      expect(snapshot()?.temperature).toBeCloseTo(29, 1);
      expect(snapshot()?.humidity).toBeCloseTo(75, 1);

      // Water flows at the zone's commissioned rate, so no dry-pump alarm after the line fills.
      await vi.advanceTimersByTimeAsync(6_000);
      expect(bench.pinLevel(4)).toBe(1);
      expect(events.some((e) => e.type === 'alarm-raised')).toBe(false);

      bench.setMoisture('z1', config.zones[0]!.settings.moistureHigh + 1);
      await advanceUntil(() => bench.pinLevel(4) === 0, 1_000);
      await advanceUntil(() => !bench.pumpOn(), 1_000);
      expect(bench.watering('z1')).toBe(false);
      expect(events.find((e) => e.type === 'water-stopped')).toMatchObject({ zoneId: 'z1', rule: 'band-high' });
    }, 60_000);

    it('closes a zone within 1 s when its probe reads 0 V, and another when its probe reads the 5 V rail', async () => {
      const config = exampleConfig();
      const { bench, events } = await bridgeOnFirmware(config);
      for (const id of ['z1', 'z2'])
        bench.setMoisture(id, config.zones.find((z) => z.id === id)!.settings.moistureLow - 3);
      await advanceUntil(() => bench.watering('z1') && bench.watering('z2'), 1_000);

      bench.setProbeVolts('z1', 0);
      bench.setProbeVolts('z2', 5);
      const closedZ1 = advanceUntil(() => bench.pinLevel(4) === 0, 1_000);
      expect(await closedZ1).toBeLessThanOrEqual(1_000);
      await advanceUntil(() => bench.pinLevel(5) === 0, 1_000);
      await advanceUntil(() => !bench.pumpOn(), 1_000);
      const alarms = events.filter((e) => e.type === 'alarm-raised');
      expect(alarms.map((a) => a.zoneId).sort()).toEqual(['z1', 'z2']);
      for (const alarm of alarms) expect(alarm).toMatchObject({ alarm: 'sensor-out-of-range' });

      // The probes stay faulty: the valves stay shut (fallback watering waits for its ET bucket).
      await vi.advanceTimersByTimeAsync(3_000);
      expect(bench.pinLevel(4)).toBe(0);
      expect(bench.pinLevel(5)).toBe(0);
    }, 60_000);

    it('turns flow pulses into litres within 1 % from 0.5 to 30 L/min, and waters at 0.5 L/min without a no-flow alarm', async () => {
      // Four drip zones commissioned at rates across the README's meter's range (0.5–30 L/min, 60
      // pulses per litre), all open at once (a pump sized for all of them). At 0.5 L/min the meter
      // pulses every 2 s, so the bridge's one-second flow reads 0 half the time: the no-flow rule
      // waits 3 s (`noFlowConfirmMs`) rather than close a zone that waters as commissioned.
      const rates: Record<string, number> = { z1: 0.5, z2: 3, z3: 12, z4: 30 };
      const config = exampleConfig((raw) => {
        raw.maxOpenZones = 0;
        for (const zone of raw.zones) zone.nominalFlowLpm = rates[zone.id]!;
      });
      const { bench, events, snapshot } = await bridgeOnFirmware(config);
      for (const zone of config.zones) bench.setMoisture(zone.id, zone.settings.moistureLow - 3);
      await advanceUntil(() => config.zones.every((z) => bench.watering(z.id)), 1_000);

      // Each zone gets about a litre, then its probe reads wet and the bridge closes it. At 60
      // pulses per litre a litre is 60 pulses: one pulse more or less would be 1.7 %.
      const target = 1;
      await advanceUntil(() => {
        for (const zone of config.zones)
          if (bench.litres(zone.id) >= target) bench.setMoisture(zone.id, zone.settings.moistureHigh + 1);
        return config.zones.every((z) => !bench.valveOpen(z.id));
      }, 150_000);
      // The meters' last reports arrive and the line drains.
      await vi.advanceTimersByTimeAsync(3_000);

      const figures = config.zones.map((zone) => {
        const delivered = bench.litres(zone.id);
        const shown = snapshot()!.zones.find((z) => z.id === zone.id)!.litresToday;
        const run = events.find((e) => e.type === 'water-stopped' && e.zoneId === zone.id);
        expect(run, zone.id).toMatchObject({ rule: 'band-high' });
        expect(Math.abs(shown - delivered) / delivered, `${zone.id} litres today`).toBeLessThanOrEqual(0.01);
        const runLitres = run?.type === 'water-stopped' ? run.litres : NaN;
        expect(Math.abs(runLitres - delivered) / delivered, `${zone.id} litres of the run`).toBeLessThanOrEqual(0.01);
        return { lpm: rates[zone.id], delivered: delivered.toFixed(4), counted: runLitres.toFixed(4) };
      });
      expect(events.some((e) => e.type === 'alarm-raised')).toBe(false);
      // The figures docs/benchmarks.md records.
      console.info(`flow on ${firmware.name}: ${JSON.stringify(figures)}`);
    }, 180_000);
  },
);
