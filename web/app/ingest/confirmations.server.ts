import { errorMessage } from '@seedline/firmware-bridge/async';
import { type Confirmation, PROTOCOL_VERSION, seqRanges, storedTopic } from '@seedline/firmware-bridge/protocol';
import type { IngestLog } from './link.server.ts';
import type { SettledMessage } from './store.server.ts';

// Ingest → bridges (decision 038): after a batch commits, each bridge hears which of its messages
// ingest is done with, on `dt/seedline/{thing}/stored`, and only then forgets them. The broker's
// PUBACK cannot say this: the SDK sends it on receipt, before the message is stored, so an ingest
// process killed in between would lose what it held. What is settled is gathered for `everyMs`
// and sent as one message per bridge and series (ranges of seqs), so a busy bridge costs one
// confirmation per round, not one per message. A confirmation that does not go out (the link is
// down, ingest is closing) costs a resend: the bridge sends the message again and ingest, which
// has it, confirms it again.

export type Confirmations = {
  /** Settled messages of a committed batch, confirmed at the next round. */
  add(settled: readonly SettledMessage[]): void;
  /** Stops the rounds; what is gathered is dropped (the bridges send it again). */
  stop(): void;
};

export type ConfirmationOptions = {
  /** QoS 1 publish through ingest's link; rejects at once while it is down. */
  publish: (topic: string, payload: string) => Promise<void>;
  everyMs: number;
  log: IngestLog;
};

/** Ranges per message: a bridge's confirmation stays far below AWS IoT's 128 KB. */
const MAX_RANGES = 2_000;

export function startConfirmations(o: ConfirmationOptions): Confirmations {
  // thing → series → seqs
  let gathered = new Map<string, Map<string, Set<number>>>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const flush = async () => {
    clearTimeout(timer);
    timer = undefined;
    const round = gathered;
    gathered = new Map();
    const sends = [...round].flatMap(([thing, bySeries]) =>
      [...bySeries].flatMap(([series, seqs]) =>
        chunks(seqRanges(seqs)).map((ranges) => {
          const confirmation: Confirmation = { v: PROTOCOL_VERSION, series, seqs: ranges };
          return o.publish(storedTopic(thing), JSON.stringify(confirmation));
        }),
      ),
    );
    const failed = (await Promise.allSettled(sends)).filter((r) => r.status === 'rejected');
    if (failed.length > 0) {
      o.log('warn', 'confirmations not sent: their bridges will send those messages again', {
        failed: failed.length,
        of: sends.length,
        error: errorMessage(failed[0]!.reason),
      });
    }
  };

  return {
    add(settled) {
      if (stopped || settled.length === 0) return;
      for (const { thing, series, seq } of settled) {
        const bySeries = gathered.get(thing) ?? new Map<string, Set<number>>();
        gathered.set(thing, bySeries);
        const seqs = bySeries.get(series) ?? new Set<number>();
        bySeries.set(series, seqs);
        seqs.add(seq);
      }
      timer ??= setTimeout(() => void flush(), o.everyMs);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      gathered = new Map();
    },
  };
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += MAX_RANGES) out.push(items.slice(i, i + MAX_RANGES));
  return out;
}
