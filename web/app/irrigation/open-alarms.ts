import { z } from 'zod';
import { alarmKindSchema } from '@seedline/firmware-bridge/protocol';
import { latchedAlarmSchema } from '@seedline/firmware-bridge/shadow';

// Alarms as the farmer reads them: what is wrong, where, since when, and whether the farmer has
// to acknowledge it (the page adds what to do). Kinds are the bridge's, checked by ingest, and
// the web's own `bridge-offline` (no report for 15 minutes).

const kindSchema = z.union([alarmKindSchema, z.literal('bridge-offline')]);
export type AlarmKind = z.infer<typeof kindSchema>;

/**
 * `needed`: latched until the farmer acknowledges it (a leak, a no-flow); `pending`: sent, the
 * bridge has not answered yet; `done`: acknowledged; `none`: it clears by itself.
 */
export type Acknowledgement = 'none' | 'needed' | 'pending' | 'done';

export type AlarmLine = {
  id: string;
  kind: AlarmKind;
  zone: string | null;
  since: Date;
  clearedAt: Date | null;
  ack: Acknowledgement;
};

type AlarmRow = {
  id: string;
  kind: string;
  raisedAt: Date;
  zone: { name: string } | null;
  clearedAt?: Date | null;
  acknowledgedAt?: Date | null;
  /** Acknowledgements sent and not answered yet. */
  acknowledgements?: readonly unknown[];
};

/** The rows as lines, in the order given; a kind this app does not know is left out. */
export function alarmLines(rows: readonly AlarmRow[]): AlarmLine[] {
  return rows.flatMap((row) => {
    const kind = kindSchema.safeParse(row.kind);
    if (!kind.success) return [];
    const clearedAt = row.clearedAt ?? null;
    const ack: Acknowledgement = !latchedAlarmSchema.safeParse(kind.data).success
      ? 'none'
      : row.acknowledgedAt
        ? 'done'
        : row.acknowledgements?.length
          ? 'pending'
          : clearedAt
            ? 'none'
            : 'needed';
    return [{ id: row.id, kind: kind.data, zone: row.zone?.name ?? null, since: row.raisedAt, clearedAt, ack }];
  });
}

/** The whole greenhouse's alarms first (a leak stops every zone), then the zones', oldest first. */
export function openAlarmLines(rows: readonly AlarmRow[]): AlarmLine[] {
  return alarmLines(rows).sort(
    (a, b) => Number(a.zone !== null) - Number(b.zone !== null) || a.since.getTime() - b.since.getTime(),
  );
}
