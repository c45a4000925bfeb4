import type { OpenRunRecord } from '../control/index.ts';
import type { Journal } from './journal.ts';

/**
 * Keeps the bridge's open runs in its journal without ever stopping the loop: a save that fails
 * (a full or worn SD card) is told once, tried again every few seconds, and told again when it
 * works. The journal only completes the record of a run a crash cuts short; a loop stopped by it
 * would stop the watering itself.
 */
export function journalKeeper(journal: Journal, warn: (message: string) => void) {
  let savedKey = '';
  let triedAt = -Infinity;
  let failing = false;
  const keyOf = (runs: readonly OpenRunRecord[]) => runs.map((r) => `${r.zoneId}@${r.startedAt}`).join();
  const attempt = (runs: OpenRunRecord[], key: string) => {
    triedAt = Date.now();
    try {
      journal.save(runs);
      if (failing) warn('the run journal is saved again');
      savedKey = key;
      failing = false;
    } catch (error) {
      if (!failing) warn(`the run journal cannot be saved (${String(error)}); watering goes on, saving is tried again`);
      failing = true;
    }
  };
  return {
    /** At start and at stop: now. */
    saveNow: (runs: OpenRunRecord[]) => attempt(runs, keyOf(runs)),
    /**
     * Each tick: when a run opens or closes, and every 5 s while one runs (its litres so far), not
     * every tick (gateways often write to SD cards); after a failure, again 5 s later.
     */
    saveOnTick(runs: OpenRunRecord[]) {
      const key = keyOf(runs);
      if (Date.now() - triedAt < 5_000 && (key === savedKey || failing)) return;
      attempt(runs, key);
    },
  };
}
