import { describe, expect, it } from 'vitest';
import { bridgeConfig, bridgeFileNames } from './bridge-config.ts';
import { localBroker } from './provision.server.ts';
import { defaultZoneSettings } from './zone-defaults.ts';

const zone = (n: number) => ({ key: `z${n}`, name: `Luống ${n}`, areaM2: 100, desiredSettings: defaultZoneSettings });
const broker = { endpoint: '127.0.0.1', port: 8883 };

describe('the config file a registered bridge starts with', () => {
  it("wires up to the bridge's 16 zones without two devices on one pin, with the co-op's settings", () => {
    const config = bridgeConfig(
      'seedline-xh-nm9',
      Array.from({ length: 16 }, (_, i) => zone(i + 1)),
      broker,
    );
    expect(config.zones.map((z) => z.moistureSensor.pin)).toEqual(Array.from({ length: 16 }, (_, i) => `A${i}`));
    expect(config.zones[15]!.settings).toEqual(defaultZoneSettings);
    expect(Object.keys(config.simulation?.zones ?? {})).toHaveLength(16);
  });

  it('reports to the local broker with the downloaded files beside it', () => {
    const config = bridgeConfig('seedline-xh-nm9', [zone(1)], broker);
    const names = bridgeFileNames('seedline-xh-nm9');
    expect(config.reporting).toMatchObject({
      endpoint: '127.0.0.1',
      port: 8883,
      certPath: names.certificate,
      keyPath: names.privateKey,
      caPath: names.ca,
    });
  });

  it('is refused rather than offered when a stored setting would stop the bridge', () => {
    const broken = { ...zone(1), desiredSettings: { ...defaultZoneSettings, moistureLow: 90 } };
    expect(() => bridgeConfig('seedline-xh-nm9', [broken], broker)).toThrow();
  });
});

describe('the local broker the co-op issues for', () => {
  it("is off without LOCAL_PKI_DIR, and names ingest's broker unless told another", () => {
    expect(localBroker({})).toBeNull();
    expect(localBroker({ LOCAL_PKI_DIR: '/pki', INGEST_MQTT_ENDPOINT: 'broker.lan', INGEST_MQTT_PORT: 18883 })).toEqual(
      {
        pkiDir: '/pki',
        endpoint: 'broker.lan',
        port: 18883,
      },
    );
    expect(localBroker({ LOCAL_PKI_DIR: '/pki', LOCAL_MQTT_ENDPOINT: '192.168.1.5' })?.endpoint).toBe('192.168.1.5');
  });
});
