import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { OpenRunRecord } from '../control/index.ts';
import { writeFileDurably } from '../reporting/durable-file.ts';
import { parseJsonOrUndefined } from '../json.ts';

/**
 * Open runs on disk, so that a run still open when the bridge died is recorded as interrupted at
 * the next start. Written as durably as the outbox (temporary file, fsync, rename, folder fsync):
 * a power cut leaves the old file or the new one, never half of one, and a save that returned is
 * on the medium.
 */
export type Journal = {
  load(): OpenRunRecord[];
  save(runs: OpenRunRecord[]): void;
};

export type FileJournalOptions = {
  warn?: (message: string) => void;
};

const millis = z.number().int().nonnegative();
const litres = z.number().nonnegative();
const journalSchema = z.array(
  z.object({
    zoneId: z.string().min(1),
    rule: z.enum(['band-low', 'manual', 'fallback-et']),
    startedAt: millis,
    litresAtStart: litres,
    litresLastSeen: litres,
    lastSeenAt: millis,
  }),
) satisfies z.ZodType<OpenRunRecord[]>;

export function fileJournal(file: string, options: FileJournalOptions = {}): Journal {
  const warn = options.warn ?? ((message: string) => console.warn(`bridge: ${message}`));
  let lastWritten = '';
  return {
    load: () => loadJournal(file, warn),
    save(runs) {
      const text = JSON.stringify(runs);
      if (text === lastWritten) return;
      fs.mkdirSync(path.dirname(file), { recursive: true });
      writeFileDurably(file, text);
      lastWritten = text;
    },
  };
}

/**
 * The open runs the last process left, or none. A damaged journal does not stop the bridge: the
 * journal only completes the record of runs a crash cut short, while refusing to start would stop
 * the irrigation itself. The file is set aside as `.bad` (the next save would otherwise overwrite
 * it) so a person can still recover the water those runs used.
 */
function loadJournal(file: string, warn: (message: string) => void): OpenRunRecord[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (isMissing(error)) return [];
    // Unreadable (permissions, I/O error): as with damage, watering matters more than the record.
    warn(`the run journal ${file} is unreadable and is ignored: ${String(error)}`);
    return [];
  }
  const parsed = journalSchema.safeParse(parseJsonOrUndefined(text));
  if (parsed.success) return parsed.data;
  fs.renameSync(file, `${file}.bad`);
  warn(
    `the run journal ${file} is damaged and is set aside as ${file}.bad; runs open at the last stop are not recorded as interrupted`,
  );
  return [];
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

export function memoryJournal(initial: OpenRunRecord[] = []): Journal & { runs: OpenRunRecord[] } {
  const journal = {
    runs: initial,
    load: () => journal.runs,
    save: (runs: OpenRunRecord[]) => {
      journal.runs = runs;
    },
  };
  return journal;
}
