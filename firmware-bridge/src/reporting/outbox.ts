import fs from 'node:fs';
import path from 'node:path';
import { syncFolder, writeFileDurably } from './durable-file.ts';
import { foldTelemetry } from './fold.ts';
import { MAX_MESSAGE_BYTES, type Message, type SummaryMessage, messageSchema, topicFor } from './protocol.ts';

/**
 * The durable outbox: every message is on disk before `enqueue` returns and leaves only when the
 * broker has acknowledged it, so neither a lost link nor a power cut loses one.
 *
 * One file per message, named by its zero-padded seq, rather than append-only segments: each
 * operation is then one atomic file-system step — enqueue is write-temporary-fsync-rename, ack is
 * an unlink, folding renames the summary over the first folded file — so there is no torn tail to
 * repair, no compaction and no index to keep in step. The cost (an inode per message, a folder
 * scan at start) is small at our rates (a message every few seconds) and sizes (a bounded outbox).
 */
export type OutboxEntry = { seq: number; topic: string; payload: string; message: Message };

export type Outbox = {
  /** Durably stores `message` (validated against the contract first). Throws on a duplicate seq. */
  enqueue(message: Message): void;
  /**
   * The oldest `n` unacknowledged messages, in seq order. What peek hands out may be on the wire,
   * so folding never rewrites it until it is acked (or the outbox is reopened).
   */
  peek(n: number): OutboxEntry[];
  /** Removes an acknowledged message; false when it is not (or no longer) in the outbox. */
  ack(seq: number): boolean;
  size(): { messages: number; bytes: number };
  /** Called after every enqueue (the publisher waits on it when it has drained everything). */
  watch(listener: () => void): () => void;
};

export type OutboxOptions = {
  folder: string;
  /** Bound on the payload bytes kept; folding starts above it. */
  maxBytes?: number;
  maxMessages?: number;
  /** How many of the oldest telemetry messages (samples or summaries) one fold merges. */
  foldCount?: number;
  warn?: (message: string) => void;
};

type Entry = OutboxEntry & { bytes: number };

const fileName = (seq: number) => `${String(seq).padStart(16, '0')}.json`;

export function openOutbox(options: OutboxOptions): Outbox {
  const { folder } = options;
  const maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
  const maxMessages = options.maxMessages ?? 50_000;
  const foldCount = Math.max(2, options.foldCount ?? 60);
  const warn = options.warn ?? ((message: string) => console.warn(`bridge: ${message}`));
  fs.mkdirSync(folder, { recursive: true });

  const entries: Entry[] = load(folder, warn);
  let bytes = entries.reduce((total, e) => total + e.bytes, 0);
  const leased = new Set<number>();
  const listeners = new Set<() => void>();
  let overWarned = false;

  const full = () => bytes > maxBytes || entries.length > maxMessages;

  const remove = (entry: Entry) => {
    entries.splice(entries.indexOf(entry), 1);
    bytes -= entry.bytes;
    leased.delete(entry.seq);
  };

  const foldOnce = (): boolean => {
    const run = entries.filter((e) => e.message.kind !== 'event' && !leased.has(e.seq)).slice(0, foldCount);
    if (run.length < 2) return false;
    const summary = foldTelemetry(run.map((e) => e.message as Exclude<Message, { kind: 'event' }>));
    // The summary replaces the first file in one rename; should the bridge die before the rest are
    // unlinked, `load` drops them by the summary's `throughSeq`.
    const replacement = toEntry(summary);
    writeFileDurably(path.join(folder, fileName(summary.seq)), replacement.payload);
    for (const entry of run.slice(1)) {
      fs.rmSync(path.join(folder, fileName(entry.seq)), { force: true });
      remove(entry);
    }
    syncFolder(folder);
    const first = run[0]!;
    bytes += replacement.bytes - first.bytes;
    entries[entries.indexOf(first)] = replacement;
    return true;
  };

  const bound = () => {
    while (full()) {
      if (foldOnce()) continue;
      // Only events (or messages on the wire) are left: events are the farm's record (water used,
      // alarms) and are never dropped, so the outbox grows past its bound and says so, once.
      if (!overWarned) {
        warn(
          `outbox ${folder} is over its bound (${entries.length} messages, ${bytes} bytes) with nothing left to fold; it keeps growing until the link returns`,
        );
        overWarned = true;
      }
      return;
    }
    overWarned = false;
  };

  return {
    enqueue(message) {
      const entry = toEntry(messageSchema.parse(message));
      if (entry.bytes > MAX_MESSAGE_BYTES)
        throw new Error(`message ${entry.seq} is ${entry.bytes} bytes, over the limit`);
      if (entries.some((e) => e.seq === entry.seq)) throw new Error(`message ${entry.seq} is already in the outbox`);
      writeFileDurably(path.join(folder, fileName(entry.seq)), entry.payload);
      const last = entries[entries.length - 1];
      entries.push(entry);
      if (last && last.seq > entry.seq) entries.sort((a, b) => a.seq - b.seq);
      bytes += entry.bytes;
      bound();
      for (const listener of listeners) listener();
    },
    peek(n) {
      const oldest = entries.slice(0, Math.max(0, n));
      for (const entry of oldest) leased.add(entry.seq);
      return oldest.map(({ seq, topic, payload, message }) => ({ seq, topic, payload, message }));
    },
    ack(seq) {
      const entry = entries.find((e) => e.seq === seq);
      if (!entry) return false;
      // Forgotten in memory first: should the unlink fail, or be lost in a power cut (no folder
      // fsync here), the message goes again only after a restart, and ingest, idempotent on
      // (thing, series, seq), stores it once. The publisher never loops on it.
      remove(entry);
      fs.rmSync(path.join(folder, fileName(seq)), { force: true });
      if (!full()) overWarned = false;
      return true;
    },
    size: () => ({ messages: entries.length, bytes }),
    watch(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function toEntry(message: Message): Entry {
  const payload = JSON.stringify(message);
  return { seq: message.seq, topic: topicFor(message), payload, message, bytes: Buffer.byteLength(payload, 'utf8') };
}

/** The pending messages on disk, in seq order, with the leftovers of an interrupted write or fold removed. */
function load(folder: string, warn: (message: string) => void): Entry[] {
  const entries: Entry[] = [];
  for (const name of fs.readdirSync(folder).sort()) {
    const file = path.join(folder, name);
    // A temporary file is a write that never completed: its message was never acknowledged to
    // the caller as stored, so it is not ours to send.
    if (name.endsWith('.tmp')) {
      fs.rmSync(file, { force: true });
      continue;
    }
    if (!/^\d{16}\.json$/.test(name)) continue;
    const parsed = messageSchema.safeParse(parseJson(fs.readFileSync(file, 'utf8')));
    if (!parsed.success || fileName(parsed.data.seq) !== name) {
      // Kept aside for a person to look at rather than deleted or sent.
      warn(`outbox file ${file} is not a valid message and is set aside as .bad`);
      fs.renameSync(file, `${file}.bad`);
      continue;
    }
    entries.push(toEntry(parsed.data));
  }
  const summaries = entries.filter((e): e is Entry & { message: SummaryMessage } => e.message.kind === 'summary');
  const folded = (e: Entry) =>
    e.message.kind !== 'event' && summaries.some((s) => e.seq > s.seq && e.seq <= s.message.throughSeq);
  for (const entry of entries.filter(folded)) fs.rmSync(path.join(folder, fileName(entry.seq)), { force: true });
  return entries.filter((e) => !folded(e));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    return { unreadable: (error as Error).message };
  }
}
