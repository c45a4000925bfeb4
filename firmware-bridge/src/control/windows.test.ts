import { describe, expect, it } from 'vitest';
import { dayOfYear, localDay, localMinuteOfDay } from './time.ts';
import { inAnyWindow, inWindow, parseHhMm } from './windows.ts';

const at = (hhmm: string) => parseHhMm(hhmm) as number;

describe('watering windows', () => {
  it('parses "HH:MM" and rejects anything else', () => {
    expect(parseHhMm('00:00')).toBe(0);
    expect(parseHhMm('06:30')).toBe(390);
    expect(parseHhMm('23:59')).toBe(1439);
    for (const bad of ['24:00', '6:30', '06:60', '06-30', '0630', 'ab:cd', '']) expect(parseHhMm(bad)).toBeNull();
  });

  it('includes `from` and excludes `to`', () => {
    const w = { from: '06:00', to: '08:00' };
    expect(inWindow(w, at('05:59'))).toBe(false);
    expect(inWindow(w, at('06:00'))).toBe(true);
    expect(inWindow(w, at('07:59'))).toBe(true);
    expect(inWindow(w, at('08:00'))).toBe(false);
  });

  it('a window whose end is before its start crosses midnight', () => {
    const w = { from: '21:00', to: '05:00' };
    expect(inWindow(w, at('20:59'))).toBe(false);
    expect(inWindow(w, at('21:00'))).toBe(true);
    expect(inWindow(w, at('23:59'))).toBe(true);
    expect(inWindow(w, at('00:00'))).toBe(true);
    expect(inWindow(w, at('04:59'))).toBe(true);
    expect(inWindow(w, at('05:00'))).toBe(false);
    expect(inWindow(w, at('12:00'))).toBe(false);
  });

  it('from equal to to is the whole day; a malformed window never matches', () => {
    expect(inWindow({ from: '06:00', to: '06:00' }, at('03:00'))).toBe(true);
    expect(inWindow({ from: '6am', to: '08:00' }, at('07:00'))).toBe(false);
  });

  it('no windows means any time; several windows are a union', () => {
    expect(inAnyWindow([], at('03:00'))).toBe(true);
    const ws = [
      { from: '05:00', to: '07:00' },
      { from: '17:00', to: '19:00' },
    ];
    expect(inAnyWindow(ws, at('06:00'))).toBe(true);
    expect(inAnyWindow(ws, at('18:00'))).toBe(true);
    expect(inAnyWindow(ws, at('12:00'))).toBe(false);
  });
});

describe('local time', () => {
  it('reads the wall clock at the UTC offset: 17:30 UTC is 00:30 the next day in Vietnam', () => {
    const t = Date.UTC(2025, 5, 1, 17, 30);
    expect(localMinuteOfDay(t, 420)).toBe(30);
    expect(localDay(t, 420)).toBe(localDay(Date.UTC(2025, 5, 1, 12, 0), 420) + 1);
  });

  it('gives the day of the year as the calendar does, leap years included', () => {
    for (let day = -800; day < 60_000; day += 17) {
      const d = new Date(day * 86_400_000);
      const expected =
        (Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) /
          86_400_000 +
        1;
      expect(dayOfYear(day)).toBe(expected);
    }
  });
});
