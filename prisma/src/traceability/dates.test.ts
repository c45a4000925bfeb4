import { describe, expect, it } from 'vitest';
import { addDays, calendarDay, dateOnly, daysBetween, fromLocalDateTime, localDateTime, startOfDay } from './dates.ts';

describe('calendar days in Vietnam (UTC+7)', () => {
  it('turns over at 17:00 UTC', () => {
    expect(calendarDay(new Date('2026-11-27T16:59:59.999Z'))).toBe('2026-11-27');
    expect(calendarDay(new Date('2026-11-27T17:00:00.000Z'))).toBe('2026-11-28');
    expect(calendarDay(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
  });

  it('starts a day at midnight in Vietnam', () => {
    expect(startOfDay('2026-11-28').toISOString()).toBe('2026-11-27T17:00:00.000Z');
    expect(calendarDay(startOfDay('2026-11-28'))).toBe('2026-11-28');
    expect(calendarDay(new Date(startOfDay('2026-11-28').getTime() - 1))).toBe('2026-11-27');
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-11-28', 7)).toBe('2026-12-05');
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-11-28', 0)).toBe('2026-11-28');
  });

  it('counts whole calendar days between instants, not 24-hour periods', () => {
    expect(daysBetween(new Date('2026-11-27T16:59:00Z'), new Date('2026-11-27T17:01:00Z'))).toBe(1);
    expect(daysBetween(new Date('2026-11-27T17:01:00Z'), new Date('2026-11-28T16:59:00Z'))).toBe(0);
    expect(daysBetween(new Date('2026-11-30T00:00:00Z'), new Date('2026-11-20T00:00:00Z'))).toBe(-10);
  });

  it('stores a calendar day as UTC midnight for @db.Date columns', () => {
    expect(dateOnly('2026-11-28').toISOString()).toBe('2026-11-28T00:00:00.000Z');
  });
});

describe('local date and time of a form field', () => {
  it('reads YYYY-MM-DDTHH:mm as a time in Vietnam and writes it back the same', () => {
    const at = fromLocalDateTime('2026-12-03T07:30');
    expect(at?.toISOString()).toBe('2026-12-03T00:30:00.000Z');
    expect(localDateTime(at!)).toBe('2026-12-03T07:30');
    expect(fromLocalDateTime('2026-12-01T02:00')?.toISOString()).toBe('2026-11-30T19:00:00.000Z');
  });

  it.each(['2026-02-31T08:00', '2026-12-03T25:00', '2026-12-03 07:30', '03/12/2026 07:30', ''])(
    'refuses %j',
    (value) => {
      expect(fromLocalDateTime(value)).toBeNull();
    },
  );
});
