import { PinState } from 'avr8js';
import type { GatewayConfig, RelayConfig, ValveConfig } from '../../config/schema.ts';
import { CLOCK_HZ, type Atmega328p } from './atmega328p.ts';
import { pulseTrain, type PulseTrain } from './pulse-train.ts';
import { adcChannel, unoPin } from './uno-pins.ts';

/** The ADC's reference (AVcc on an Uno) and full scale. */
const VREF = 5;
const FULL_SCALE = 1024;

/** Volts on an analog pin that the ADC converts to `raw` (the middle of that step). */
export function voltsFor(raw: number): number {
  return ((raw + 0.5) / FULL_SCALE) * VREF;
}

/**
 * The greenhouse wired to the emulated chip as the bridge README's wiring table says: each zone's
 * moisture probe a voltage on its analog pin, relays (valves, pump, master valve) read from the
 * chip's port pins with their driver polarity and valve type, and water through an open zone
 * turning its flow meter and the main meter, which pulse their input pins.
 */
export type GreenhouseBench = {
  /** A zone's probe reads this moisture (% VWC) through its calibration. */
  setMoisture(zoneId: string, percent: number): void;
  /** A zone's probe line at this voltage: 0 V is a short or an unplugged probe, 5 V a short to the rail. */
  setProbeVolts(zoneId: string, volts: number): void;
  /** How fast water runs through a zone while its valve, the master valve and the pump let it. */
  setFlow(zoneId: string, lpm: number): void;
  /** Level of an Arduino pin: 1 or 0 when the firmware drives it, null while it floats (an input). */
  pinLevel(pin: number): 0 | 1 | null;
  /** Water runs to the zone: its valve is open, the master valve open and the pump on. */
  watering(zoneId: string): boolean;
  valveOpen(zoneId: string): boolean;
  pumpOn(): boolean;
  masterOpen(): boolean;
  /** Litres that really went through a zone's meter (or `main`) since the bench started. */
  litres(meterId: string): number;
  /** Air temperature and humidity the SHT31-D measures. */
  climate: { temperature: number; humidity: number };
  /** Schedules the meters' pulse edges for the next `cycles` (the stepper calls it before each step). */
  beforeStep(cycles: number): void;
};

export function greenhouseBench(chip: Atmega328p, config: GatewayConfig): GreenhouseBench {
  const pinLevel = (pin: number): 0 | 1 | null => {
    const { port, bit } = unoPin(chip, pin);
    const state = port.pinState(bit);
    if (state === PinState.High) return 1;
    if (state === PinState.Low) return 0;
    return null;
  };
  // A relay driver reads a floating input as low: an active-low board switches on at reset,
  // which is why the README asks for active-high drivers with a pull-down.
  const energized = (relay: RelayConfig | ValveConfig) => {
    const level = pinLevel(relay.pin) ?? 0;
    return relay.driver === 'active-high' ? level === 1 : level === 0;
  };
  const passes = (valve: ValveConfig) => (valve.type === 'NC' ? energized(valve) : !energized(valve));
  const zone = (zoneId: string) => {
    const found = config.zones.find((z) => z.id === zoneId);
    if (!found) throw new Error(`no zone ${zoneId} in the config`);
    return found;
  };

  const probe = (zoneId: string, volts: number) => {
    chip.adc.channelValues[adcChannel(zone(zoneId).moistureSensor.pin)] = volts;
  };
  const setMoisture = (zoneId: string, percent: number) => {
    const { dryRaw, wetRaw } = zone(zoneId).moistureSensor;
    probe(zoneId, voltsFor(Math.round(dryRaw - (percent / 50) * (dryRaw - wetRaw))));
  };

  const flowLpm = new Map(config.zones.map((z) => [z.id, z.nominalFlowLpm]));
  const meters = new Map<string, PulseTrain>();
  for (const z of config.zones) meters.set(z.id, pulseTrain(chip, z.flowMeter.pin, z.flowMeter.pulsesPerLitre));
  if (config.mainFlowMeter)
    meters.set('main', pulseTrain(chip, config.mainFlowMeter.pin, config.mainFlowMeter.pulsesPerLitre));

  const pumpOn = () => energized(config.pump);
  const masterOpen = () => passes(config.masterValve);
  const valveOpen = (zoneId: string) => passes(zone(zoneId).valve);
  const watering = (zoneId: string) => valveOpen(zoneId) && masterOpen() && pumpOn();

  // Every zone starts in the middle of its band: nothing waters until a test dries one.
  for (const z of config.zones) setMoisture(z.id, (z.settings.moistureLow + z.settings.moistureHigh) / 2);

  return {
    setMoisture,
    setProbeVolts: probe,
    setFlow(zoneId, lpm) {
      zone(zoneId);
      flowLpm.set(zoneId, lpm);
    },
    pinLevel,
    watering,
    valveOpen,
    pumpOn,
    masterOpen,
    litres(meterId) {
      const meter = meters.get(meterId);
      if (!meter) throw new Error(`no flow meter ${meterId}`);
      return meter.litres();
    },
    climate: { temperature: 29, humidity: 75 },
    beforeStep(cycles) {
      // Valves are read once per step (a few ms): the water that moves follows them that closely.
      const seconds = cycles / CLOCK_HZ;
      let main = 0;
      for (const z of config.zones) {
        const lpm = watering(z.id) ? (flowLpm.get(z.id) ?? 0) : 0;
        main += lpm;
        meters.get(z.id)!.flow(lpm, seconds, cycles);
      }
      meters.get('main')?.flow(main, seconds, cycles);
    },
  };
}
