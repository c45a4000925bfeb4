import { describe, expect, it } from 'vitest';
import { dataGaps, growingPeriod, irrigationRecord, moistureBand } from './irrigation-record.ts';

const H = 3_600_000;
const from = new Date('2026-10-01T00:00:00Z');
const hour = (i: number) => new Date(from.getTime() + i * H);
const row = (i: number, moistureAvg: number | null, inBandShare: number | null, litres = 0) => ({
  hour: hour(i),
  moistureAvg,
  inBandShare,
  litres,
});
const band = { low: 20, high: 22 };

describe('irrigationRecord', () => {
  it('says there is no data when the zone reported nothing in the period', () => {
    const record = irrigationRecord({ from, to: hour(48), areaM2: 100, band, hours: [], runStarts: [] });
    expect(record).toEqual({ status: 'none', from, to: hour(48) });
  });

  it('divides the litres of the period by the zone area and counts the runs', () => {
    const record = irrigationRecord({
      from,
      to: hour(4),
      areaM2: 120,
      band,
      hours: [row(0, 21, 1, 100), row(1, 21, 1, 260), row(2, 21, 1, 0), row(3, 21, 1, 0)],
      runStarts: [hour(0), hour(1)],
    });
    expect(record).toMatchObject({ status: 'measured', litres: 360, litresPerM2: 3, runs: 2 });
  });

  it('leaves litres per m² unknown for a zone with no area', () => {
    const record = irrigationRecord({ from, to: hour(1), areaM2: 0, band, hours: [row(0, 21, 1, 50)], runStarts: [] });
    expect(record).toMatchObject({ litres: 50, litresPerM2: null });
  });

  it('weighs every hour with data once for the share in band, and hours without data not at all', () => {
    // 10 hours: 4 fully in band, 4 half, 2 with no data at all (not "out of band").
    const hours = [...[0, 1, 2, 3].map((i) => row(i, 21, 1)), ...[4, 5, 6, 7].map((i) => row(i, 19.8, 0.5))];
    const record = irrigationRecord({ from, to: hour(10), areaM2: 100, band, hours, runStarts: [] });
    expect(record.status === 'measured' && record.inBandShare).toBeCloseTo(0.75, 10);
    expect(record).toMatchObject({ hoursInPeriod: 10, hoursWithData: 8 });
  });

  it('has no share in band when the zone had no band', () => {
    const record = irrigationRecord({
      from,
      to: hour(2),
      areaM2: 100,
      band: null,
      hours: [row(0, 21, null)],
      runStarts: [],
    });
    expect(record).toMatchObject({ status: 'measured', inBandShare: null, band: null });
  });

  it('keeps hours without data as nulls in the series and reports them as gaps, never filled in', () => {
    const hours = [row(0, 20.04, 1), row(1, 20.5, 1), row(5, 21.26, 1), row(6, 21, 1)];
    const record = irrigationRecord({ from, to: hour(8), areaM2: 100, band, hours, runStarts: [] });
    if (record.status !== 'measured') throw new Error('expected a measured record');
    expect(record.moisture).toEqual([20, 20.5, null, null, null, 21.3, 21, null]);
    expect(record.gaps).toEqual([
      { from: hour(2), to: hour(5), hours: 3 },
      { from: hour(7), to: hour(8), hours: 1 },
    ]);
    expect(record.moistureRange).toEqual({ min: 20, max: 21.3 });
  });

  it('counts an hour with a roll-up but no moisture as a gap in the chart and still counts its litres', () => {
    const record = irrigationRecord({
      from,
      to: hour(2),
      areaM2: 10,
      band,
      hours: [row(0, 21, 1, 10), row(1, null, null, 5)],
      runStarts: [],
    });
    expect(record).toMatchObject({ litres: 15, hoursWithData: 1, moisture: [21, null] });
  });

  it('ignores roll-ups outside the period', () => {
    const record = irrigationRecord({
      from,
      to: hour(2),
      areaM2: 10,
      band,
      hours: [row(-1, 25, 0, 99), row(0, 21, 1, 10), row(2, 25, 0, 99)],
      runStarts: [],
    });
    expect(record).toMatchObject({ litres: 10, hoursInPeriod: 2, moisture: [21, null] });
  });

  it('starts the series at the hour the period starts in and ends with the hour of the harvest', () => {
    const record = irrigationRecord({
      from: new Date(from.getTime() + 30 * 60_000),
      to: new Date(hour(3).getTime() + 60_000),
      areaM2: 10,
      band,
      hours: [row(0, 21, 1)],
      runStarts: [],
    });
    expect(record).toMatchObject({ hoursInPeriod: 4 });
  });
});

describe('dataGaps', () => {
  it('finds leading, inner and trailing runs of missing hours', () => {
    expect(dataGaps([null, 1, null, null, 2, null], 0)).toEqual([
      { from: new Date(0), to: new Date(H), hours: 1 },
      { from: new Date(2 * H), to: new Date(4 * H), hours: 2 },
      { from: new Date(5 * H), to: new Date(6 * H), hours: 1 },
    ]);
    expect(dataGaps([1, 2], 0)).toEqual([]);
  });
});

describe('growingPeriod', () => {
  const harvestedAt = new Date('2026-11-25T23:00:00Z');

  it('runs from midnight in Vietnam of the transplanting day to the harvest', () => {
    const period = growingPeriod(
      { sownOn: new Date('2026-09-01T00:00:00Z'), transplantedOn: new Date('2026-09-13T00:00:00Z') },
      harvestedAt,
    );
    expect(period).toEqual({ from: new Date('2026-09-12T17:00:00Z'), to: harvestedAt });
  });

  it('runs from sowing for a crop sown in place, and is unknown without either date', () => {
    expect(
      growingPeriod({ sownOn: new Date('2026-10-10T00:00:00Z'), transplantedOn: null }, harvestedAt)?.from,
    ).toEqual(new Date('2026-10-09T17:00:00Z'));
    expect(growingPeriod({ sownOn: null, transplantedOn: null }, harvestedAt)).toBeNull();
  });
});

describe('moistureBand', () => {
  it('reads the band from the zone settings and is null when they have none', () => {
    expect(moistureBand({ moistureLow: 19.6, moistureHigh: 21.8, maxRunMinutes: 60 })).toEqual({
      low: 19.6,
      high: 21.8,
    });
    expect(moistureBand({ maxRunMinutes: 60 })).toBeNull();
    expect(moistureBand(null)).toBeNull();
  });
});
