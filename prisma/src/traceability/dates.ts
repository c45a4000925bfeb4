/**
 * The cooperative works in Vietnam's time (UTC+7, no daylight saving): a "day" on a farm record,
 * a lot code or a pre-harvest interval is a calendar day there.
 */
const offsetMs = 7 * 60 * 60 * 1000;
const dayMs = 24 * 60 * 60 * 1000;

/** The calendar day (YYYY-MM-DD) in Vietnam of an instant. */
export function calendarDay(at: Date): string {
  return new Date(at.getTime() + offsetMs).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** Whole calendar days from one instant's day to another's. */
export function daysBetween(from: Date, to: Date): number {
  return Math.round((Date.parse(calendarDay(to)) - Date.parse(calendarDay(from))) / dayMs);
}

/** Midnight in Vietnam at the start of a calendar day, as an instant. */
export function startOfDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - offsetMs);
}

/** A `@db.Date` value for a calendar day (Prisma stores dates at UTC midnight). */
export function dateOnly(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}
