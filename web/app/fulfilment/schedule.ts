// Pickup and delivery windows from the co-op's weekly schedules (decision 024). Pure: the times a
// schedule's windows fall on and when each takes orders, in Vietnam time (UTC+7 all year, no DST).

export type Schedule = {
  weekdays: readonly number[];
  startMinute: number;
  endMinute: number;
  capacity: number;
  opensDaysBefore: number;
  closesHoursBefore: number;
};

export type WindowTimes = {
  startsAt: Date;
  endsAt: Date;
  orderingOpensAt: Date;
  orderingClosesAt: Date;
};

const hour = 3_600_000;
const day = 24 * hour;
const vietnamOffset = 7 * hour;

/** Midnight in Vietnam of the local day `at` falls on, as an instant. */
export function vietnamMidnight(at: Date): number {
  const local = at.getTime() + vietnamOffset;
  return local - (((local % day) + day) % day) - vietnamOffset;
}

/** The windows of `schedule` already taking orders at `now` or closed but not yet started, earliest first. */
export function windowsDue(schedule: Schedule, now: Date): WindowTimes[] {
  const today = vietnamMidnight(now);
  const due: WindowTimes[] = [];
  // A window is made once its ordering has opened; none starts further ahead than that.
  for (let d = 0; d <= schedule.opensDaysBefore; d++) {
    const midnight = today + d * day;
    const weekday = new Date(midnight + vietnamOffset).getUTCDay();
    if (!schedule.weekdays.includes(weekday)) continue;
    const times = windowAt(schedule, midnight);
    if (times.orderingOpensAt <= now && times.startsAt > now) due.push(times);
  }
  return due;
}

function windowAt(schedule: Schedule, midnight: number): WindowTimes {
  const startsAt = midnight + schedule.startMinute * 60_000;
  return {
    startsAt: new Date(startsAt),
    endsAt: new Date(midnight + schedule.endMinute * 60_000),
    orderingOpensAt: new Date(startsAt - schedule.opensDaysBefore * day),
    orderingClosesAt: new Date(startsAt - schedule.closesHoursBefore * hour),
  };
}

export type WindowState = 'open' | 'full' | 'closed';

/** Whether a buyer may choose the window now: open for ordering, not closed by staff, a place left. */
export function windowState(
  window: { orderingOpensAt: Date; orderingClosesAt: Date; closedAt: Date | null; capacity: number },
  booked: number,
  now: Date,
): WindowState {
  if (window.closedAt || now < window.orderingOpensAt || now >= window.orderingClosesAt) return 'closed';
  return booked >= window.capacity ? 'full' : 'open';
}

/** 480 → "08:00": a schedule's time of day as staff typed it. */
export function clockText(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
