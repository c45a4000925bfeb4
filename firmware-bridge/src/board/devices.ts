import five, { type Board } from 'johnny-five';
import type { GatewayConfig } from '../config/schema.ts';
import type { Millis, Outputs, SiteReadings, ZoneReadings } from '../control/index.ts';
import { type FlowMeter, edgeCount, flowMeter } from './flow-meter.ts';
import { type Channel, forceSafe, relayChannel } from './relays.ts';
import { isSeedlineFirmware, startSeedlineBoard } from './seedline-firmata.ts';

/** Percent volumetric water content from a raw reading: dryRaw is 0 %, wetRaw is 50 % (saturated). */
export function calibrate(raw: number, dryRaw: number, wetRaw: number): number {
  return (50 * (dryRaw - raw)) / (dryRaw - wetRaw);
}

export type Devices = {
  /** What the sensors show now, for the control step. */
  read(now: Millis): { zones: Record<string, ZoneReadings>; site: SiteReadings };
  /** Drives the relays to what the controller wants. */
  apply(outputs: Outputs): void;
  /** Every relay to its safe level, through the IO layer directly (works even if components misbehave). */
  safe(): void;
  /** What each relay is set to now, for the display. */
  state(): Outputs;
  /** Stops what runs on its own (Seedline firmware's heartbeat); call after `safe()` at shutdown. */
  release(): void;
};

/**
 * Creates the Johnny-Five components of a gateway once the board is ready. Every relay pin is
 * driven to its safe level first, before any component exists. `clock` is the bridge's time
 * (simulated on the virtual board), so sample ages are in the same time as the controller's;
 * `timeScale` is how much faster that time runs than the board's real-time sampling.
 */
export function createDevices(board: Board, config: GatewayConfig, clock: () => Millis, timeScale = 1): Devices {
  // Flow is averaged over one second (of real sampling): a pulse meter's rate over one 100 ms
  // tick is mostly 0 or one pulse's worth.
  const flowWindowMs = 1_000 * timeScale;
  const io = board.io;
  const relays = [config.pump, config.masterValve, ...config.zones.map((z) => z.valve)];
  forceSafe(io, relays);
  // On Seedline's firmware the board itself keeps the relays safe when the bridge goes silent,
  // and counts flow pulses in the chip; on any other Firmata the bridge counts reported edges.
  const seedline = isSeedlineFirmware(io) ? startSeedlineBoard(io, relays) : null;
  const pulseCount = (pin: number) => (seedline ? seedline.countPulses(pin) : edgeCount(io, pin));

  const pump = relayChannel(board, config.pump);
  const master = relayChannel(board, config.masterValve);
  const zones = config.zones.map((zone) => {
    const sample = { raw: null as number | null, at: -Infinity };
    const sensor = new five.Sensor({ board, pin: zone.moistureSensor.pin, freq: config.sampleMs });
    // Johnny-Five's Sensor emits its median every `freq` even when no new sample came in, so the
    // age of a reading is taken from the IO layer's own reports (Firmata's `analog-read-N`).
    const channel = Number(zone.moistureSensor.pin.slice(1));
    io.on(`analog-read-${channel}`, () => {
      sample.at = clock();
    });
    sensor.on('data', function (this: { raw: number }) {
      sample.raw = this.raw;
    });
    return {
      config: zone,
      sample,
      valve: relayChannel(board, zone.valve) as Channel,
      meter: flowMeter(pulseCount(zone.flowMeter.pin), zone.flowMeter.pulsesPerLitre, flowWindowMs) as FlowMeter,
    };
  });
  const mainMeter = config.mainFlowMeter
    ? flowMeter(pulseCount(config.mainFlowMeter.pin), config.mainFlowMeter.pulsesPerLitre, flowWindowMs)
    : null;

  // The board released its failsafe (the heartbeat came back): it still holds the relays safe, so
  // they are driven again to what the bridge last decided, valves before the pump.
  seedline?.onFailsafe((tripped) => {
    if (!tripped) for (const channel of [...zones.map((z) => z.valve), master, pump]) channel.reapply();
  });

  const climate = { temperature: null as number | null, humidity: null as number | null };
  if (config.climateSensor) {
    const multi = new five.Multi({
      board,
      controller: config.climateSensor.controller,
      address: config.climateSensor.address,
    });
    multi.on('data', () => {
      climate.temperature = multi.thermometer.celsius;
      climate.humidity = multi.hygrometer.relativeHumidity;
    });
  }

  return {
    read(now) {
      const readings: Record<string, ZoneReadings> = {};
      for (const z of zones) {
        const { dryRaw, wetRaw } = z.config.moistureSensor;
        readings[z.config.id] = {
          moisture: z.sample.raw === null ? null : calibrate(z.sample.raw, dryRaw, wetRaw),
          moistureRaw: z.sample.raw,
          moistureAt: z.sample.at,
          flowLpm: z.meter.sampleLpm(now),
          litresTotal: z.meter.litresTotal(),
        };
      }
      return {
        zones: readings,
        site: { mainFlowLpm: mainMeter ? mainMeter.sampleLpm(now) : null, ...climate },
      };
    },
    apply(outputs) {
      // Pump off first and on last; when the water moves from one zone to another, the new valve
      // opens before the old one closes: the pump never pushes against closed valves.
      if (!outputs.pump) pump.set(false);
      for (const z of zones) if (outputs.valves[z.config.id]) z.valve.set(true);
      master.set(outputs.masterValve);
      for (const z of zones) if (!outputs.valves[z.config.id]) z.valve.set(false);
      if (outputs.pump) pump.set(true);
    },
    safe() {
      forceSafe(io, relays);
    },
    release() {
      seedline?.stop();
    },
    state() {
      return {
        valves: Object.fromEntries(zones.map((z) => [z.config.id, z.valve.on])),
        pump: pump.on,
        masterValve: master.on,
      };
    },
  };
}
