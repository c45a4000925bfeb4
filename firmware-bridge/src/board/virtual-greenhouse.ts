import type { GatewayConfig } from '../config/schema.ts';
import { type GreenhouseState, advance, createGreenhouse, readings } from '../sim/index.ts';
import type { VirtualHardware } from './virtual-io.ts';

export class SimulationConfigError extends Error {
  override name = 'SimulationConfigError';
}

/**
 * The physical model behind the virtual board, built from the gateway config: the same zones,
 * areas, flows, meters and sensor calibrations, plus the `simulation` section (crop, soil, roots).
 */
export function virtualGreenhouse(
  config: GatewayConfig,
  start: number,
): { hardware: VirtualHardware; state: GreenhouseState } {
  const simulation = config.simulation;
  if (!simulation)
    throw new SimulationConfigError('the gateway config has no "simulation" section for the virtual board');
  const state = createGreenhouse({
    seed: simulation.seed,
    start,
    latitude: config.latitude,
    utcOffsetMinutes: config.utcOffsetMinutes,
    pumpCapacityLpm: simulation.pumpCapacityLpm,
    mainPulsesPerLitre: config.mainFlowMeter?.pulsesPerLitre ?? 1,
    sensorSampleMs: config.sampleMs,
    zones: config.zones.map((zone) => {
      const sim = simulation.zones[zone.id];
      if (!sim) throw new SimulationConfigError(`simulation.zones.${zone.id}: missing for zone ${zone.id}`);
      return {
        id: zone.id,
        crop: sim.crop,
        cropDayAtStart: sim.cropDayAtStart,
        areaM2: zone.areaM2,
        soil: sim.soil,
        rootDepthM: sim.rootDepthM,
        nominalFlowLpm: zone.nominalFlowLpm,
        pulsesPerLitre: zone.flowMeter.pulsesPerLitre,
        sensor: { rawDry: zone.moistureSensor.dryRaw, rawWet: zone.moistureSensor.wetRaw },
      };
    }),
  });
  // Readings are rebuilt at most once per model step: the IO plugin asks per pin.
  let cache: ReturnType<typeof readings> | null = null;
  const view = () => (cache ??= readings(state));
  const hardware: VirtualHardware = {
    advance(dtMs, actuators) {
      advance(state, dtMs, actuators);
      cache = null;
    },
    moistureRaw(zoneId) {
      const zone = state.zones.find((z) => z.spec.id === zoneId);
      // A sensor whose lead is pulled and reads nothing sends no report at all.
      if (!zone || (zone.sensorFault?.kind === 'sensor-unplugged' && zone.sensorFault.reads === 'nothing')) return null;
      return view().zones[zoneId]?.moistureRaw ?? null;
    },
    pulses: (meter) => (meter === 'main' ? view().mainPulses : (view().zones[meter]?.pulses ?? 0)),
    temperature: () => view().temperature,
    humidity: () => view().humidity,
  };
  return { hardware, state };
}
