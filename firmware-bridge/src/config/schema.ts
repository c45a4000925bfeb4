import { z } from 'zod';
import { zoneSettingsProblems } from '../control/index.ts';

// The gateway config file: what is wired where, and each zone's starting settings (the shadow's
// desired state overrides the settings once reporting is connected). Validated at start: a bad
// field stops the bridge with the field's path and the reason.

/** An Arduino pin: a digital pin number, or "A0".."A15" for analog inputs. */
const digitalPin = z.number().int().min(0).max(69);
const analogPin = z.string().regex(/^A([0-9]|1[0-5])$/, 'must be an analog pin "A0".."A15"');

/**
 * How a relay channel is driven. Relay boards with active-low inputs energize on LOW, which is
 * why a crashed controller (pins floating or LOW) has been seen to switch every relay on: the
 * polarity is never assumed.
 */
const driver = z.enum(['active-high', 'active-low']);

const valve = z.object({
  pin: digitalPin,
  /** NC: closed without power (fails safe). NO: open without power — avoid on irrigation lines. */
  type: z.enum(['NC', 'NO']),
  driver,
});

const relay = z.object({ pin: digitalPin, driver });

const flowMeter = z.object({
  pin: digitalPin,
  pulsesPerLitre: z.number().positive().max(10_000),
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time "HH:MM"');

export const zoneSettingsSchema = z
  .object({
    moistureLow: z.number().min(0).max(100),
    moistureHigh: z.number().min(0).max(100),
    maxRunMinutes: z.number().positive().max(240),
    minSoakMinutes: z
      .number()
      .min(0)
      .max(24 * 60),
    dailyBudgetLitres: z.number().min(0),
    windows: z.array(z.object({ from: hhmm, to: hhmm })).max(8),
    /**
     * After a moisture sensor fault, water on the zone's ET bucket until the sensor is back
     * (control/fallback.ts); false keeps the zone dry. Optional, default true: configs and stored
     * settings from before the setting existed still parse, and get fallback watering.
     */
    fallbackWatering: z.boolean().default(true),
  })
  .superRefine((settings, ctx) => {
    for (const problem of zoneSettingsProblems(settings)) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A zone's id in the config and in every message ("z1"); the co-op registers zones with it. */
export const zoneIdSchema = z.string().regex(/^[a-z0-9-]{1,16}$/, 'must be 1–16 lower-case letters, digits or -');
/** The bridge's AWS IoT thing name: the CN of its certificate and a level of its topics. */
export const thingNameSchema = z.string().regex(/^[a-zA-Z0-9:_-]{1,128}$/, 'must be an AWS IoT thing name');

const zone = z.object({
  id: zoneIdSchema,
  name: z.string().min(1).max(60),
  areaM2: z.number().positive().max(100_000),
  /** FAO-56 crop coefficient for the crop's current stage. */
  cropCoefficient: z.number().min(0.1).max(1.5),
  moistureSensor: z
    .object({
      pin: analogPin,
      /** Raw 10-bit reading in dry soil (0 % water) and in saturated soil (50 %). */
      dryRaw: z.number().int().min(0).max(1023),
      wetRaw: z.number().int().min(0).max(1023),
    })
    .refine((s) => s.dryRaw !== s.wetRaw, { message: 'dryRaw and wetRaw must differ', path: ['wetRaw'] }),
  valve,
  flowMeter,
  /** Flow with the valve open, litres per minute, measured when commissioning. */
  nominalFlowLpm: z.number().positive().max(1_000),
  settings: zoneSettingsSchema,
});

/** How the virtual greenhouse is set up behind the virtual board (ignored on hardware). */
const simulation = z.object({
  seed: z.number().int().default(2025),
  pumpCapacityLpm: z.number().positive().max(1_000),
  zones: z.record(
    z.string(),
    z.object({
      crop: z.enum(['melon', 'cherry-tomato']),
      /** Days since transplanting when the simulation starts. */
      cropDayAtStart: z.number().int().min(0).max(200),
      soil: z.object({
        texture: z.string(),
        fieldCapacity: z.number().min(5).max(60),
        wiltingPoint: z.number().min(1).max(40),
      }),
      rootDepthM: z.number().min(0.05).max(2),
    }),
  ),
});

/**
 * Reporting to the cloud (AWS IoT Core, or the local broker): absent, the bridge runs on its own.
 * Relative paths are taken from the config file's folder.
 */
const reporting = z.object({
  /** The broker's host: the account's AWS IoT ATS endpoint, or 127.0.0.1 for the local broker. */
  endpoint: z.string().min(1),
  port: z.number().int().min(1).max(65_535).default(8883),
  /** The thing's certificate and private key (PEM), and the CA that signed the broker's certificate. */
  certPath: z.string().min(1),
  keyPath: z.string().min(1),
  caPath: z.string().min(1),
  /** The durable outbox; by default `<repo>/.data/outbox-<thingName>`. */
  outboxDir: z.string().min(1).optional(),
  /** One telemetry message per this many seconds of bridge time; events go as they happen. */
  telemetryEverySeconds: z.number().int().min(1).max(3_600).default(60),
});

export const gatewayConfigSchema = z
  .object({
    thingName: thingNameSchema,
    latitude: z.number().min(-90).max(90),
    utcOffsetMinutes: z.number().int().min(-720).max(840).default(420),
    /** Control tick, milliseconds of real time. */
    tickMs: z.number().int().min(20).max(1_000).default(100),
    /** Moisture sensor sampling, milliseconds of real time (Johnny-Five Sensor freq). */
    sampleMs: z.number().int().min(10).max(1_000).default(50),
    maxOpenZones: z.number().int().min(0).max(32).default(2),
    pump: relay,
    masterValve: valve,
    mainFlowMeter: flowMeter.nullable().default(null),
    /** SHT31-D on I²C (temperature and humidity), or none. */
    climateSensor: z.object({ controller: z.literal('SHT31D'), address: z.number().int().default(0x44) }).nullable(),
    zones: z.array(zone).min(1).max(16),
    simulation: simulation.optional(),
    reporting: reporting.optional(),
  })
  .superRefine((config, ctx) => {
    // Two devices on one pin would drive a relay from a sensor or the other way round.
    const seen = new Map<string, string>();
    const claim = (pin: number | string, what: string, path: (string | number)[]) => {
      const key = String(pin);
      const owner = seen.get(key);
      if (owner) ctx.addIssue({ code: 'custom', message: `pin ${key} is already used by ${owner}`, path });
      else seen.set(key, what);
    };
    claim(config.pump.pin, 'the pump', ['pump', 'pin']);
    claim(config.masterValve.pin, 'the master valve', ['masterValve', 'pin']);
    if (config.mainFlowMeter) claim(config.mainFlowMeter.pin, 'the main flow meter', ['mainFlowMeter', 'pin']);
    const ids = new Set<string>();
    config.zones.forEach((z, i) => {
      if (ids.has(z.id))
        ctx.addIssue({ code: 'custom', message: `zone id "${z.id}" is used twice`, path: ['zones', i, 'id'] });
      ids.add(z.id);
      claim(z.moistureSensor.pin, `zone ${z.id}'s moisture sensor`, ['zones', i, 'moistureSensor', 'pin']);
      claim(z.valve.pin, `zone ${z.id}'s valve`, ['zones', i, 'valve', 'pin']);
      claim(z.flowMeter.pin, `zone ${z.id}'s flow meter`, ['zones', i, 'flowMeter', 'pin']);
    });
  });

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
export type ZoneConfig = GatewayConfig['zones'][number];
export type ValveConfig = z.infer<typeof valve>;
export type RelayConfig = z.infer<typeof relay>;
export type SimulationConfig = z.infer<typeof simulation>;
export type ReportingConfig = z.infer<typeof reporting>;
