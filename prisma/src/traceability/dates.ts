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

/** An instant as a form's date-and-time field shows it in Vietnam: `YYYY-MM-DDTHH:mm`. */
export function localDateTime(at: Date): string {
  return new Date(at.getTime() + offsetMs).toISOString().slice(0, 16);
}

/** A form's `YYYY-MM-DDTHH:mm` (Vietnam) as an instant; null when it is not one (31 February, 25:00). */
export function fromLocalDateTime(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const at = new Date(Date.UTC(year, month - 1, day, hour, minute) - offsetMs);
  // Date.UTC rolls 31 February over to March: a value that does not come back as typed is not a time.
  return localDateTime(at) === value ? at : null;
}
