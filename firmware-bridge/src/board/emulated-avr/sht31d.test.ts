import { describe, expect, it } from 'vitest';
import { crc8, measurement } from './sht31d.ts';

describe('SHT31-D', () => {
  it("computes the data sheet's CRC example (0xBEEF → 0x92)", () => {
    expect(crc8([0xbe, 0xef])).toBe(0x92);
  });

  it('encodes a measurement that the conversions of the data sheet read back', () => {
    const [tHigh, tLow, tCrc, hHigh, hLow, hCrc] = measurement({ temperature: 29, humidity: 75 });
    expect(-45 + (175 * ((tHigh! << 8) | tLow!)) / 0xffff).toBeCloseTo(29, 2);
    expect((100 * ((hHigh! << 8) | hLow!)) / 0xffff).toBeCloseTo(75, 2);
    expect(tCrc).toBe(crc8([tHigh!, tLow!]));
    expect(hCrc).toBe(crc8([hHigh!, hLow!]));
  });
});
