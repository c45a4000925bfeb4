import type { GatewayConfig } from '../../config/schema.ts';
import type { VirtualHardware } from '../virtual-io.ts';
import { CLOCK_HZ } from './atmega328p.ts';
import { type GreenhouseBench, voltsFor } from './greenhouse-bench.ts';

/**
 * The virtual greenhouse's physical model (`src/sim`, the one behind the virtual board) behind the
 * emulated chip's pins, its time running `warp` times faster than the chip's: before each step the
 * model advances with the relays as the pins set them, and its sensors and meters become the
 * bench's probe voltages, climate and flow for that step. A test can then run the bridge for hours
 * of greenhouse on seconds of chip, and compare it with the virtual board on the same model.
 *
 * Returns what to call before each chip step (with its cycles), in place of `bench.beforeStep`.
 */
export function followModel(
  bench: GreenhouseBench,
  config: GatewayConfig,
  hardware: VirtualHardware,
  warp: number,
): (cycles: number) => void {
  const lastPulses = new Map(config.zones.map((z) => [z.id, hardware.pulses(z.id)]));
  return (cycles) => {
    const chipMs = (cycles * 1000) / CLOCK_HZ;
    const valves = Object.fromEntries(config.zones.map((z) => [z.id, bench.valveOpen(z.id)]));
    hardware.advance(chipMs * warp, { valves, pump: bench.pumpOn(), masterValve: bench.masterOpen() });
    for (const zone of config.zones) {
      // An unplugged probe's line is pulled to ground.
      const raw = hardware.moistureRaw(zone.id);
      bench.setProbeVolts(zone.id, raw === null ? 0 : voltsFor(raw));
      // The model's whole pulses in this step, at a steady rate through it (the main meter is the
      // zones' sum on the bench).
      const pulses = hardware.pulses(zone.id);
      const litres = (pulses - lastPulses.get(zone.id)!) / zone.flowMeter.pulsesPerLitre;
      lastPulses.set(zone.id, pulses);
      bench.setFlow(zone.id, chipMs > 0 ? (litres * 60_000) / chipMs : 0);
    }
    bench.climate.temperature = hardware.temperature();
    bench.climate.humidity = hardware.humidity();
    bench.beforeStep(cycles);
  };
}
