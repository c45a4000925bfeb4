import { type GatewayConfig, gatewayConfigSchema } from '@seedline/firmware-bridge/config';
import { zoneSettingsSchema } from '@seedline/firmware-bridge/shadow';

// The config file a registered greenhouse's bridge starts with (`npm run bridge -- --config FILE`):
// its thing name, its zones with the co-op's starting settings, a default wiring, the virtual
// greenhouse (ignored on a real board) and reporting to the local broker with the files beside it.
// Checked by the bridge's own schema before anyone downloads it: a file that would not start is
// our bug, never the farmer's.

export type ZoneRow = { key: string; name: string; areaM2: number; desiredSettings: unknown };
export type Broker = { endpoint: string; port: number };

/** The files the co-op hands over, named so that the config finds the others beside it. */
export const bridgeFileNames = (thingName: string) => ({
  config: `${thingName}.json`,
  certificate: `${thingName}.cert.pem`,
  privateKey: `${thingName}.private.key`,
  ca: 'seedline-local-ca.pem',
});

// The default wiring, as firmware-bridge/config/example.json has it for its first zones: pump 8,
// master valve 9, main flow meter on interrupt pin 2; zone n's moisture sensor on A(n-1), its flow
// meter and valve on the next free digital pins (an Arduino Mega has enough for 16 zones).
const FREE_PINS = [3, 4, 5, 6, 7, 10, 11, 12, 13, ...Array.from({ length: 32 }, (_, i) => 22 + i)];
/** Mid-Vietnam: the bridge's FAO-56 estimate needs the latitude; the installer corrects it. */
const DEFAULT_LATITUDE = 16;

function zoneConfig(zone: ZoneRow, index: number) {
  return {
    id: zone.key,
    name: zone.name,
    areaM2: zone.areaM2,
    cropCoefficient: 1,
    moistureSensor: { pin: `A${index}`, dryRaw: 800, wetRaw: 330 },
    valve: { pin: FREE_PINS[2 * index + 1], type: 'NC', driver: 'active-high' },
    flowMeter: { pin: FREE_PINS[2 * index], pulsesPerLitre: 60 },
    nominalFlowLpm: 5,
    settings: zoneSettingsSchema.parse(zone.desiredSettings),
  };
}

const simulatedZone = {
  crop: 'melon',
  cropDayAtStart: 20,
  soil: { texture: 'loam', fieldCapacity: 26, wiltingPoint: 12 },
  rootDepthM: 0.3,
};

export function bridgeConfig(thingName: string, zones: readonly ZoneRow[], broker: Broker): GatewayConfig {
  const files = bridgeFileNames(thingName);
  return gatewayConfigSchema.parse({
    thingName,
    latitude: DEFAULT_LATITUDE,
    pump: { pin: 8, driver: 'active-high' },
    masterValve: { pin: 9, type: 'NC', driver: 'active-high' },
    mainFlowMeter: { pin: 2, pulsesPerLitre: 60 },
    climateSensor: { controller: 'SHT31D', address: 0x44 },
    zones: zones.map(zoneConfig),
    simulation: {
      seed: 2025,
      pumpCapacityLpm: 12,
      zones: Object.fromEntries(zones.map((z) => [z.key, simulatedZone])),
    },
    reporting: {
      ...broker,
      certPath: files.certificate,
      keyPath: files.privateKey,
      caPath: files.ca,
      outboxDir: `outbox-${thingName}`,
    },
  });
}
