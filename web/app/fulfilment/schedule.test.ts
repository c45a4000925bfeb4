import { describe, expect, it } from 'vitest';
import { vietnamMidnight, windowState, windowsDue } from './schedule.ts';

// Thursday 3 December 2026, 10:00 in Vietnam (03:00 UTC).
const now = new Date('2026-12-03T03:00:00Z');
const mornings = {
  weekdays: [2, 4, 6], // Tuesday, Thursday, Saturday
  startMinute: 8 * 60,
  endMinute: 11 * 60,
  capacity: 10,
  opensDaysBefore: 7,
  closesHoursBefore: 12,
};

describe('windowsDue', () => {
  it('gives the windows whose ordering has opened and that have not started, in Vietnam time', () => {
    const due = windowsDue(mornings, now).map((w) => w.startsAt.toISOString());
    // Today's 8:00 has started; next Thursday's (10 Dec) opens for ordering on 3 Dec at 8:00, already.
    expect(due).toEqual([
      '2026-12-05T01:00:00.000Z', // Sat 5 Dec 8:00 +07
      '2026-12-08T01:00:00.000Z', // Tue 8 Dec
      '2026-12-10T01:00:00.000Z', // Thu 10 Dec
    ]);
  });

  it('opens ordering days before and closes it hours before the start', () => {
    const [saturday] = windowsDue(mornings, now);
    expect(saturday).toEqual({
      startsAt: new Date('2026-12-05T01:00:00Z'),
      endsAt: new Date('2026-12-05T04:00:00Z'),
      orderingOpensAt: new Date('2026-11-28T01:00:00Z'),
      orderingClosesAt: new Date('2026-12-04T13:00:00Z'), // the evening before, 20:00 +07
    });
  });

  it('takes the local day, not the UTC one, late in the evening', () => {
    // 23:30 on Friday 4 Dec in Vietnam is still Friday 16:30 UTC; just after midnight it is Saturday.
    expect(new Date(vietnamMidnight(new Date('2026-12-04T16:30:00Z'))).toISOString()).toBe('2026-12-03T17:00:00.000Z');
    expect(new Date(vietnamMidnight(new Date('2026-12-04T17:30:00Z'))).toISOString()).toBe('2026-12-04T17:00:00.000Z');
    const sunday = { ...mornings, weekdays: [0], opensDaysBefore: 1, closesHoursBefore: 0 };
    // Saturday 5 Dec 08:30 local: Sunday's window has opened (a day before), the next is a week off.
    expect(windowsDue(sunday, new Date('2026-12-05T01:30:00Z')).map((w) => w.startsAt.toISOString())).toEqual([
      '2026-12-06T01:00:00.000Z',
    ]);
  });
});

describe('windowState', () => {
  const window = {
    orderingOpensAt: new Date('2026-12-01T00:00:00Z'),
    orderingClosesAt: new Date('2026-12-04T13:00:00Z'),
    closedAt: null,
    capacity: 2,
  };
  it('is open while ordering runs and places are left, full at capacity', () => {
    expect(windowState(window, 1, now)).toBe('open');
    expect(windowState(window, 2, now)).toBe('full');
  });
  it('is closed before ordering opens, once it closes, and when staff closed it', () => {
    expect(windowState(window, 0, new Date('2026-11-30T23:59:59Z'))).toBe('closed');
    expect(windowState(window, 0, new Date('2026-12-04T13:00:00Z'))).toBe('closed');
    expect(windowState({ ...window, closedAt: now }, 0, now)).toBe('closed');
  });
});
