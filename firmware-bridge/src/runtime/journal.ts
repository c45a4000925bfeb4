import fs from 'node:fs';
import path from 'node:path';
import type { OpenRunRecord } from '../control/index.ts';

/**
 * Open runs on disk, so that a run still open when the bridge died is recorded as interrupted at
 * the next start. Written atomically (temporary file, then rename): a power cut leaves the old
 * file or the new one, never half of one.
 */
export type Journal = {
  load(): OpenRunRecord[];
  save(runs: OpenRunRecord[]): void;
};

export function fileJournal(file: string): Journal {
  let lastWritten = '';
  return {
    load() {
      try {
        const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
        return Array.isArray(parsed) ? (parsed as OpenRunRecord[]) : [];
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        console.error(`bridge: the run journal ${file} is unreadable and is ignored: ${(error as Error).message}`);
        return [];
      }
    },
    save(runs) {
      const text = JSON.stringify(runs);
      if (text === lastWritten) return;
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const temporary = `${file}.tmp`;
      fs.writeFileSync(temporary, text);
      fs.renameSync(temporary, file);
      lastWritten = text;
    },
  };
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
