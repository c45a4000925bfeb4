// Pickup windows at the cooperative's points: a morning and an afternoon slot every day, Vietnam
// time (UTC+7 all year), offered from a few hours ahead so the order can be packed first.

export type PickupWindow = { start: Date; end: Date };

const vietnamOffsetHours = 7;
const dailySlots = [
  { fromHour: 8, toHour: 11 },
  { fromHour: 16, toHour: 19 },
] as const;
/** Packing needs this long between the order and the start of its window. */
export const pickupLeadHours = 4;
export const offeredWindowCount = 6;

/** The next windows a buyer may choose, earliest first. */
export function nextPickupWindows(now: Date, count = offeredWindowCount): PickupWindow[] {
  const earliest = now.getTime() + pickupLeadHours * 3_600_000;
  // Midnight in Vietnam of the local day `now` falls on, as an instant.
  const local = new Date(now.getTime() + vietnamOffsetHours * 3_600_000);
  const localMidnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const dayStart = localMidnight - vietnamOffsetHours * 3_600_000;
  const windows: PickupWindow[] = [];
  for (let day = 0; windows.length < count; day++) {
    for (const slot of dailySlots) {
      const start = dayStart + day * 86_400_000 + slot.fromHour * 3_600_000;
      if (start >= earliest && windows.length < count) {
        windows.push({ start: new Date(start), end: new Date(dayStart + day * 86_400_000 + slot.toHour * 3_600_000) });
      }
    }
  }
  return windows;
}

/** The offered window that starts at `startIso` (the form's value), or null. */
export function offeredWindow(startIso: string, now: Date): PickupWindow | null {
  return nextPickupWindows(now).find((w) => w.start.toISOString() === startIso) ?? null;
}
