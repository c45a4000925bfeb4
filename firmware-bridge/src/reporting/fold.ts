import { PROTOCOL_VERSION, type SummaryMessage, type TelemetryMessage, type ZoneSummary } from './protocol.ts';

// Folding: when the outbox is full, a run of old telemetry (samples and earlier summaries) becomes
// one summary. Pure: messages in, a message out. Summaries fold again, so a link down for weeks
// still fits the disk, at a coarser grain.

type Foldable = TelemetryMessage | SummaryMessage;

/** A zone's aggregate over a span, with what merging the next span needs to bridge the gap. */
type ZoneSpan = {
  min: number;
  max: number;
  sum: number;
  count: number;
  litres: number;
  openMs: number;
  /** Daily counter at the span's first sample, when known (not after a midnight inside a summary). */
  startLitres: number | null;
  endLitres: number;
  /** Valve state at the last sample. */
  endOpen: boolean;
};

type Span = { from: number; to: number; samples: number; zones: Map<string, ZoneSpan> };

function spanOf(message: Foldable): Span {
  const zones = new Map<string, ZoneSpan>();
  if (message.kind === 'telemetry') {
    for (const z of message.zones) {
      const m = z.moisture;
      zones.set(z.id, {
        min: m ?? Infinity,
        max: m ?? -Infinity,
        sum: m ?? 0,
        count: m === null ? 0 : 1,
        litres: 0,
        openMs: 0,
        startLitres: z.litresToday,
        endLitres: z.litresToday,
        endOpen: z.valveOpen,
      });
    }
    return { from: message.at, to: message.at, samples: 1, zones };
  }
  for (const z of message.zones) {
    const start = z.litresToday - z.litres;
    zones.set(z.id, {
      min: z.moisture?.min ?? Infinity,
      max: z.moisture?.max ?? -Infinity,
      sum: z.moisture ? z.moisture.avg * z.moisture.samples : 0,
      count: z.moisture?.samples ?? 0,
      litres: z.litres,
      openMs: z.openMinutes * 60_000,
      // A negative start means the day's counter reset inside the summary: the start is unknown.
      startLitres: start >= 0 ? start : null,
      endLitres: z.litresToday,
      endOpen: z.valveOpen,
    });
  }
  return { from: message.from, to: message.to, samples: message.samples, zones };
}

/** Water between two readings of a daily counter; a drop means midnight reset it to zero. */
function counterIncrease(before: number, after: number): number {
  return after >= before ? after - before : after;
}

function merge(a: Span, b: Span): Span {
  const gapMs = Math.max(0, b.from - a.to);
  const zones = new Map(a.zones);
  for (const [id, next] of b.zones) {
    const prev = zones.get(id);
    if (!prev) {
      zones.set(id, next);
      continue;
    }
    // The interval between the two spans: water from the counters, valve time from the state the
    // earlier span ended in (a sample stands for the interval until the next sample).
    const gapLitres = next.startLitres === null ? 0 : counterIncrease(prev.endLitres, next.startLitres);
    zones.set(id, {
      min: Math.min(prev.min, next.min),
      max: Math.max(prev.max, next.max),
      sum: prev.sum + next.sum,
      count: prev.count + next.count,
      litres: prev.litres + gapLitres + next.litres,
      openMs: prev.openMs + (prev.endOpen ? gapMs : 0) + next.openMs,
      startLitres: prev.startLitres,
      endLitres: next.endLitres,
      endOpen: next.endOpen,
    });
  }
  return { from: a.from, to: b.to, samples: a.samples + b.samples, zones };
}

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

/**
 * One summary for `messages` (in sequence order, all from one thing). It takes the first message's
 * seq so the outbox order, and the order ingest sees, stay by seq.
 */
export function foldTelemetry(messages: Foldable[]): SummaryMessage {
  const first = messages[0];
  const last = messages[messages.length - 1];
  if (!first || !last) throw new Error('nothing to fold');
  const span = messages.map(spanOf).reduce(merge);
  const zones: ZoneSummary[] = [...span.zones].map(([id, z]) => ({
    id,
    moisture: z.count === 0 ? null : { min: z.min, avg: round(z.sum / z.count, 3), max: z.max, samples: z.count },
    litres: round(z.litres, 3),
    litresToday: z.endLitres,
    openMinutes: round(z.openMs / 60_000, 3),
    valveOpen: z.endOpen,
  }));
  return {
    v: PROTOCOL_VERSION,
    kind: 'summary',
    thing: first.thing,
    series: first.series,
    seq: first.seq,
    throughSeq: last.kind === 'summary' ? last.throughSeq : last.seq,
    at: span.to,
    from: span.from,
    to: span.to,
    samples: span.samples,
    zones,
  };
}
