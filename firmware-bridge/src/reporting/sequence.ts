import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeFileDurably } from './durable-file.ts';
import { seriesSchema } from './protocol.ts';

/**
 * The per-bridge message sequence. Ingest is idempotent on (thing, series, seq), so a number issued twice
 * would silently drop the second message: numbers must never repeat, even across a crash.
 *
 * Writing every number to disk would cost an fsync per message, so numbers are reserved in blocks:
 * the file holds the highest number reserved, written durably before any number of the block is
 * issued. After a crash the bridge starts past the whole block; the numbers it skips are harmless
 * gaps (ingest never expects consecutive numbers).
 *
 * Should the file be lost with the outbox (a replaced gateway, a wiped card), numbering starts at 1
 * again: the file's `series`, minted with it, tells ingest these are not the numbers it has seen.
 */
export type Sequence = {
  /** This sequence's series, sent with every message it numbers. */
  readonly series: string;
  /** The next number: positive, increasing, never issued before by this bridge. */
  next(): number;
};

export type SequenceOptions = {
  /** Numbers reserved per disk write. */
  blockSize?: number;
  /**
   * Issue nothing at or below this (e.g. the highest seq still in the outbox): a guard should the
   * sequence file ever be lost while the outbox survives.
   */
  floor?: number;
};

type SequenceFile = { reservedThrough: number; series: string };

export function openSequence(file: string, options: SequenceOptions = {}): Sequence {
  const blockSize = options.blockSize ?? 1000;
  if (!Number.isSafeInteger(blockSize) || blockSize < 1) throw new Error(`sequence block size ${blockSize} is invalid`);
  fs.mkdirSync(path.dirname(file), { recursive: true });

  // Anything up to the reserved mark may have been issued before a crash: start after it. A file
  // from before series existed gets one; it is on disk with the first reservation, before any
  // message carries it.
  const stored = readSequenceFile(file);
  const series = stored?.series ?? randomBytes(9).toString('base64url');
  let reservedThrough = Math.max(stored?.reservedThrough ?? 0, options.floor ?? 0);
  let last = reservedThrough;

  return {
    series,
    next() {
      const seq = last + 1;
      if (!Number.isSafeInteger(seq)) throw new Error('the message sequence is exhausted');
      if (seq > reservedThrough) {
        const reserve = seq + blockSize - 1;
        writeFileDurably(file, JSON.stringify({ reservedThrough: reserve, series } satisfies SequenceFile));
        reservedThrough = reserve;
      }
      last = seq;
      return seq;
    },
  };
}

function readSequenceFile(file: string): { reservedThrough: number; series?: string } | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  // A damaged file cannot say which numbers were used: refuse rather than risk reusing them.
  const damaged = new Error(`the sequence file ${file} is damaged; fix or remove it with care (numbers may repeat)`);
  let parsed: Partial<SequenceFile> | null;
  try {
    parsed = JSON.parse(text) as Partial<SequenceFile> | null;
  } catch (error) {
    throw new Error(damaged.message, { cause: error });
  }
  const reserved = parsed?.reservedThrough;
  if (typeof reserved !== 'number' || !Number.isSafeInteger(reserved) || reserved < 0) {
    throw damaged;
  }
  const series = parsed?.series;
  if (series !== undefined && !seriesSchema.safeParse(series).success) throw damaged;
  return { reservedThrough: reserved, series };
}
