import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadGatewayConfig, parseGatewayConfig } from '../src/config/load.ts';
import example from '../config/example.json' with { type: 'json' };

function withChange(change: (raw: typeof example) => void): unknown {
  const raw = structuredClone(example);
  change(raw);
  return raw;
}

function problem(raw: unknown): string {
  try {
    parseGatewayConfig(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the config was accepted');
}

describe('gateway config', () => {
  it('accepts the example config that ships with the bridge', () => {
    const config = parseGatewayConfig(example);
    expect(config.zones).toHaveLength(4);
    expect(config.tickMs).toBe(100);
  });

  it('gives every zone fallback watering when its settings leave it out, and keeps a false', () => {
    expect(parseGatewayConfig(example).zones.map((z) => z.settings.fallbackWatering)).toEqual([true, true, true, true]);
    const off = withChange((r) => Object.assign(r.zones[0]!.settings, { fallbackWatering: false }));
    expect(parseGatewayConfig(off).zones[0]!.settings.fallbackWatering).toBe(false);
    const bad = withChange((r) => Object.assign(r.zones[0]!.settings, { fallbackWatering: 'yes' }));
    expect(problem(bad)).toMatch(/zones\[0\]\.settings\.fallbackWatering/);
  });

  it.each([
    ['a missing thing name', (r: typeof example) => Reflect.deleteProperty(r, 'thingName'), 'thingName:'],
    [
      'a moisture band upside down',
      (r: typeof example) => (r.zones[0]!.settings.moistureLow = 35),
      'zones[0].settings:',
    ],
    [
      'a digital pin as a moisture pin',
      (r: typeof example) => ((r.zones[1]!.moistureSensor as { pin: unknown }).pin = 3),
      'zones[1].moistureSensor.pin:',
    ],
    [
      'two devices on one pin',
      (r: typeof example) => (r.zones[1]!.valve.pin = 4),
      "zones[1].valve.pin: pin 4 is already used by zone z1's valve",
    ],
    [
      'an unknown valve type',
      (r: typeof example) => ((r.masterValve as { type: string }).type = 'normally-closed'),
      'masterValve.type:',
    ],
    [
      'a relay driver that is not stated',
      (r: typeof example) => Reflect.deleteProperty(r.pump, 'driver'),
      'pump.driver:',
    ],
    [
      'a watering window at 25:00',
      (r: typeof example) => (r.zones[2]!.settings.windows[0]!.to = '25:00'),
      'zones[2].settings.windows[0].to: must be a time "HH:MM"',
    ],
    [
      'zero pulses per litre',
      (r: typeof example) => (r.zones[3]!.flowMeter.pulsesPerLitre = 0),
      'zones[3].flowMeter.pulsesPerLitre:',
    ],
    [
      'the same zone id twice',
      (r: typeof example) => (r.zones[1]!.id = 'z1'),
      'zones[1].id: zone id "z1" is used twice',
    ],
  ])('stops on %s, naming the field', (_what, change, expected) => {
    expect(problem(withChange(change))).toContain(expected);
  });

  it('names the file when it cannot be read or is not JSON', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seedline-config-'));
    expect(() => loadGatewayConfig(path.join(dir, 'missing.json'))).toThrow(
      /cannot read the gateway config .*missing\.json/,
    );
    fs.writeFileSync(path.join(dir, 'broken.json'), '{ "thingName": ');
    expect(() => loadGatewayConfig(path.join(dir, 'broken.json'))).toThrow(/broken\.json is not valid JSON/);
  });
});
