import type { Tx } from '@seedline/db';
import type { EventMessage } from '@seedline/firmware-bridge/protocol';

// Irrigation runs from the bridge's water-started and water-stopped events. A run is its zone's
// and its start time's (a unique key): the start event and the stop event (which carries the
// start time) each upsert that row, and neither undoes what the other wrote, so the run ends the
// same whichever arrives first and whichever ingest process stores it (decision 034).

type WaterEvent = Extract<EventMessage['event'], { type: 'water-started' | 'water-stopped' }>;
export type RunEvent = { zoneId: string; event: WaterEvent };

const startOf = ({ event }: RunEvent) => (event.type === 'water-started' ? event.at : event.startedAt);

/** Upserts each event's run, in (zone, start) order: the same lock order in every process. */
export async function storeRunEvents(tx: Tx, events: readonly RunEvent[]): Promise<void> {
  const ordered = [...events].sort(
    (a, b) => (a.zoneId < b.zoneId ? -1 : a.zoneId > b.zoneId ? 1 : 0) || startOf(a) - startOf(b),
  );
  for (const run of ordered) await storeRunEvent(tx, run);
}

async function storeRunEvent(tx: Tx, { zoneId, event }: RunEvent): Promise<void> {
  if (event.type === 'water-started') {
    const startedAt = new Date(event.at);
    // A stop that came first wrote the run closed with an unknown start rule: only the rule is added.
    await tx.irrigationRun.upsert({
      where: { zoneId_startedAt: { zoneId, startedAt } },
      create: { zoneId, startedAt, startRule: event.rule, status: 'RUNNING' },
      update: { startRule: event.rule },
    });
    return;
  }
  const startedAt = new Date(event.startedAt);
  const closed = {
    endedAt: new Date(event.at),
    stopRule: event.rule,
    litres: event.litres,
    status: event.rule === 'interrupted' ? ('INTERRUPTED' as const) : ('COMPLETED' as const),
  };
  // The start, if it came first, keeps its rule; if it comes later it adds it.
  await tx.irrigationRun.upsert({
    where: { zoneId_startedAt: { zoneId, startedAt } },
    create: { zoneId, startedAt, startRule: 'unknown', ...closed },
    update: closed,
  });
}
