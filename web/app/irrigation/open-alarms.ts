import { z } from 'zod';
import { alarmKindSchema } from '@seedline/firmware-bridge/protocol';

// A greenhouse's open alarms as the farmer reads them, above its zones: what is wrong, where, since
// when (the page adds what to do). Kinds come from the bridge's vocabulary, checked by ingest.

export type AlarmKind = z.infer<typeof alarmKindSchema>;

export type OpenAlarmLine = { id: string; kind: AlarmKind; zone: string | null; since: Date };

type AlarmRow = { id: string; kind: string; raisedAt: Date; zone: { name: string } | null };

/** The whole greenhouse's alarms first (a leak stops every zone), then the zones', oldest first. */
export function openAlarmLines(rows: readonly AlarmRow[]): OpenAlarmLine[] {
  return rows
    .flatMap((row) => {
      const kind = alarmKindSchema.safeParse(row.kind);
      return kind.success ? [{ id: row.id, kind: kind.data, zone: row.zone?.name ?? null, since: row.raisedAt }] : [];
    })
    .sort((a, b) => Number(a.zone !== null) - Number(b.zone !== null) || a.since.getTime() - b.since.getTime());
}
