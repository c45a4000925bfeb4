import { CROPS, cropCoefficient } from '@seedline/firmware-bridge/crop';
import { extraterrestrialRadiation, hargreavesEt0, radiationAsEvaporation } from '@seedline/firmware-bridge/et';
import { describe, expect, it } from 'vitest';
import {
  type FootprintInput,
  fao56Crop,
  litresPerKgShown,
  sharePercent,
  waterFootprint,
  wholeLocalDays,
} from './water-footprint.ts';

const H = 3_600_000;
// Midnight of 1 October 2026 in Vietnam (day 274 of the year).
const from = new Date('2026-09-30T17:00:00Z');
const at = (hours: number) => new Date(from.getTime() + hours * H);
const melon = CROPS.melon;

/** Rows for hours [first, last) with the same litres; nights at 20 °C, days at 30 °C. */
function rows(first: number, last: number, litres: number) {
  return Array.from({ length: last - first }, (_, i) => {
    const hour = first + i;
    const local = ((hour % 24) + 24) % 24;
    return { hour: at(hour), litres, temperature: local >= 6 && local < 18 ? 30 : 20 };
  });
}

const base: FootprintInput = {
  from,
  to: at(48),
  harvestWeightsGrams: [60_000],
  zoneAreaM2: 100,
  crop: melon,
  latitude: 20,
  hours: rows(0, 48, 10),
};

/** Hargreaves ET0 of a day from 20 to 30 °C at 20° N, mm. */
const et0 = (dayOfYear: number) =>
  hargreavesEt0(20, 30, radiationAsEvaporation(extraterrestrialRadiation(20, dayOfYear)));

describe('waterFootprint, measured', () => {
  it('divides the litres the zone metered over the period by the kg harvested', () => {
    const footprint = waterFootprint(base);
    expect(footprint).toMatchObject({ from, to: at(48), days: 2, harvests: 1, harvestedKg: 60 });
    expect(footprint.measured).toEqual({ status: 'complete', litres: 480, litresPerKg: 8 });
  });

  it('counts no litres from before the period or from the harvest on', () => {
    const footprint = waterFootprint({
      ...base,
      hours: [...rows(-5, 0, 1000), ...rows(0, 48, 10), ...rows(48, 60, 1000)],
    });
    expect(footprint.measured).toMatchObject({ status: 'complete', litres: 480 });
  });

  it('says partial, with the share of hours that reported, when hours are missing, and never scales up', () => {
    // The gateway was off for 12 of the 48 hours: what it metered is a floor, not the whole.
    const footprint = waterFootprint({ ...base, hours: [...rows(0, 20, 10), ...rows(32, 48, 10)] });
    expect(footprint.measured).toEqual({ status: 'partial', litres: 360, litresPerKg: 6, share: 0.75 });
  });

  it('counts an hour that reported no water as measured: 0 litres is a measurement', () => {
    const footprint = waterFootprint({ ...base, hours: rows(0, 48, 0) });
    expect(footprint.measured).toEqual({ status: 'complete', litres: 0, litresPerKg: 0 });
  });

  it('is unknown when the zone reported nothing in the period', () => {
    expect(waterFootprint({ ...base, hours: [] }).measured).toEqual({ status: 'unknown', reason: 'noRollUps' });
  });

  it('shares the litres of a planting over all its harvests by weight', () => {
    const footprint = waterFootprint({ ...base, harvestWeightsGrams: [20_000, 25_000, 15_000] });
    expect(footprint).toMatchObject({ harvests: 3, harvestedKg: 60 });
    expect(footprint.measured).toMatchObject({ status: 'complete', litresPerKg: 8 });
  });

  it('has no figure per kg without a harvest weight', () => {
    const footprint = waterFootprint({ ...base, harvestWeightsGrams: [0] });
    expect(footprint.measured).toEqual({ status: 'unknown', reason: 'noHarvestWeight' });
    expect(footprint.estimate).toEqual({ status: 'unknown', reason: 'noHarvestWeight' });
  });
});

describe('waterFootprint, FAO-56 estimate', () => {
  it('sums Kc × ET0 (Hargreaves, from the day’s lowest and highest temperature) over the days, over the zone’s area', () => {
    const footprint = waterFootprint(base);
    // Melon in its initial stage: Kc 0.5. About 4.3 mm a day of ET0 at 20° N early in October.
    expect(et0(274)).toBeGreaterThan(4);
    expect(et0(274)).toBeLessThan(5);
    const litres = (0.5 * et0(274) + 0.5 * et0(275)) * 100;
    expect(footprint.estimate).toEqual({ status: 'complete', litres, litresPerKg: litresPerKgShown(litres / 60) });
  });

  it('weighs a harvest day by its hours in the period and takes Kc at the middle of them', () => {
    // Harvested at noon on the second day; that day's afternoon temperatures still give its range.
    const footprint = waterFootprint({ ...base, to: at(36), hours: rows(0, 48, 10) });
    const litres = (cropCoefficient(melon, 0.5) * et0(274) + cropCoefficient(melon, 1.25) * et0(275) * 0.5) * 100;
    expect(footprint.estimate).toMatchObject({ status: 'complete', litres });
    expect(footprint.measured).toMatchObject({ status: 'complete', litres: 360 });
  });

  it('follows the crop’s Kc curve through its stages', () => {
    const days = 75;
    const footprint = waterFootprint({ ...base, to: at(days * 24), hours: rows(0, days * 24, 1) });
    let mm = 0;
    for (let d = 0; d < days; d++) mm += cropCoefficient(melon, d + 0.5) * et0(274 + d);
    if (footprint.estimate.status !== 'complete') throw new Error('expected a complete estimate');
    expect(footprint.estimate.litres).toBeCloseTo(mm * 100, 6);
    // Kc rises from 0.5 to 1.05 and falls to 0.75: the season's mean lies between.
    const meanKc =
      footprint.estimate.litres / 100 / Array.from({ length: days }, (_, d) => et0(274 + d)).reduce((a, b) => a + b);
    expect(meanKc).toBeGreaterThan(0.7);
    expect(meanKc).toBeLessThan(0.95);
  });

  it('leaves out a day with fewer than 20 hours of temperature and says partial with the share of days', () => {
    // The second day has only 19 hours: its range could be wrong, so it has no ET0.
    const hours = [...rows(0, 24, 10), ...rows(24, 43, 10)];
    const footprint = waterFootprint({ ...base, hours });
    expect(footprint.estimate).toMatchObject({ status: 'partial', litres: 0.5 * et0(274) * 100, share: 0.5 });
    const twenty = waterFootprint({ ...base, hours: [...rows(0, 24, 10), ...rows(24, 44, 10)] });
    expect(twenty.estimate.status).toBe('complete');
  });

  it('ignores hours without a temperature for the day’s range', () => {
    const hours = rows(0, 48, 10).map((row, i) => (i === 3 ? { ...row, temperature: null } : row));
    expect(waterFootprint({ ...base, hours }).estimate.status).toBe('complete');
  });

  it('is unknown, saying why, with no crop coefficients, no area, no latitude or no temperatures', () => {
    expect(waterFootprint({ ...base, crop: null }).estimate).toEqual({ status: 'unknown', reason: 'noCrop' });
    expect(waterFootprint({ ...base, zoneAreaM2: 0 }).estimate).toEqual({ status: 'unknown', reason: 'noArea' });
    expect(waterFootprint({ ...base, latitude: null }).estimate).toEqual({ status: 'unknown', reason: 'noLatitude' });
    const noTemperature = rows(0, 48, 10).map((row) => ({ ...row, temperature: null }));
    expect(waterFootprint({ ...base, hours: noTemperature }).estimate).toEqual({
      status: 'unknown',
      reason: 'noTemperature',
    });
  });
});

describe('the footprint’s helpers', () => {
  it('shows whole litres per kg from 10 up and tenths below', () => {
    expect(litresPerKgShown(57.6)).toBe(58);
    expect(litresPerKgShown(9.94)).toBe(9.9);
    expect(litresPerKgShown(4.26)).toBe(4.3);
  });

  it('rounds a partial share down, so it never reads 100 %', () => {
    expect(sharePercent(0.999)).toBe(99);
    expect(sharePercent(0.75)).toBe(75);
  });

  it('knows the crops the bridge has FAO-56 coefficients for, and no other', () => {
    expect(fao56Crop('melon')).toBe(CROPS.melon);
    expect(fao56Crop('cherry-tomato')).toBe(CROPS['cherry-tomato']);
    expect(fao56Crop('cucumber')).toBeNull();
    expect(fao56Crop(null)).toBeNull();
  });

  it('widens a period to the local midnights around it', () => {
    expect(wholeLocalDays({ from: at(5), to: at(36) })).toEqual({ from, to: at(48) });
    expect(wholeLocalDays({ from, to: at(48) })).toEqual({ from, to: at(48) });
  });
});
