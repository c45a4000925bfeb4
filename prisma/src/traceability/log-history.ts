/**
 * Corrections never overwrite a farm log: a correction is a new entry pointing at the entry it
 * corrects. The effective record is the newest entry of each chain; the originals stay visible.
 */
export type LogLink = { id: string; correctsId: string | null };

export type LogWithHistory<T extends LogLink> = T & {
  /** The entry that corrects this one, if any: this entry no longer counts. */
  correctedById: string | null;
};

export function withHistory<T extends LogLink>(logs: readonly T[]): LogWithHistory<T>[] {
  const correctedBy = new Map<string, string>();
  for (const log of logs) if (log.correctsId) correctedBy.set(log.correctsId, log.id);
  return logs.map((log) => ({ ...log, correctedById: correctedBy.get(log.id) ?? null }));
}

/** Only the entries that still count (not corrected by a later one). */
export function effectiveLogs<T extends LogLink>(logs: readonly T[]): T[] {
  const corrected = new Set(logs.flatMap((log) => (log.correctsId ? [log.correctsId] : [])));
  return logs.filter((log) => !corrected.has(log.id));
}
