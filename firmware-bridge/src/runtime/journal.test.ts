import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { T0, dry, exampleConfig, scriptedHardware, virtualBridge } from '../../test/harness.ts';
import type { OpenRunRecord } from '../control/index.ts';
import { tempDir } from '../reporting/testkit.ts';
import { fileJournal } from './journal.ts';

const journalModule = fileURLToPath(new URL('./journal.ts', import.meta.url));

const run = (over: Partial<OpenRunRecord> = {}): OpenRunRecord => ({
  zoneId: 'z1',
  rule: 'band-low',
  startedAt: T0,
  litresAtStart: 12,
  litresLastSeen: 40.5,
  lastSeenAt: T0 + 60_000,
  ...over,
});

/** A journal whose warnings the test can read, rather than the console. */
function journalAt(file: string) {
  const warnings: string[] = [];
  return { journal: fileJournal(file, { warn: (message) => warnings.push(message) }), warnings };
}

/** Runs `source` in a new Node process (with tsx, so it can import the journal) and returns its exit signal. */
function inNewProcess(source: string): NodeJS.Signals | null {
  const dir = tempDir();
  const script = path.join(dir, 'script.ts');
  fs.writeFileSync(script, `import { fileJournal } from ${JSON.stringify(journalModule)};\n${source}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 20_000 });
  if (result.error) throw result.error;
  if (result.status !== null && result.status !== 0) throw new Error(`the process failed: ${result.stderr}`);
  return result.signal;
}

describe('the run journal on disk', () => {
  it('keeps what a process saved for the next one, even when that process is killed right after', () => {
    const file = path.join(tempDir(), 'state', 'runs.json');
    const saved = [run(), run({ zoneId: 'z2', rule: 'manual', litresAtStart: 0, litresLastSeen: 3 })];
    const signal = inNewProcess(
      `fileJournal(${JSON.stringify(file)}).save(${JSON.stringify(saved)});\nprocess.kill(process.pid, 'SIGKILL');`,
    );
    expect(signal).toBe('SIGKILL');

    const { journal, warnings } = journalAt(file);
    expect(journal.load()).toEqual(saved);
    expect(warnings).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')(
    'has each save on the medium before it returns: the file and the folder holding its name are fsynced',
    () => {
      // A power cut cannot be staged in a test; what can be seen is that the fsyncs happen, on the
      // real file system, before save returns.
      const file = path.join(tempDir(), 'runs.json');
      const opened = new Map<number, string>();
      const synced: string[] = [];
      const openSync = fs.openSync;
      vi.spyOn(fs, 'openSync').mockImplementation((target, ...rest) => {
        const fd = openSync(target, ...rest);
        opened.set(fd, String(target));
        return fd;
      });
      const fsyncSync = fs.fsyncSync;
      vi.spyOn(fs, 'fsyncSync').mockImplementation((fd) => {
        synced.push(opened.get(fd) ?? `fd ${fd}`);
        fsyncSync(fd);
      });
      onTestFinished(() => {
        vi.restoreAllMocks();
      });

      fileJournal(file).save([run()]);
      expect(synced).toEqual([`${file}.tmp`, path.dirname(file)]);
    },
  );

  it('starts empty when no journal was ever written', () => {
    const { journal, warnings } = journalAt(path.join(tempDir(), 'runs.json'));
    expect(journal.load()).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('loses nothing already saved when a crash leaves a half-written temporary file, and saves again after it', () => {
    const file = path.join(tempDir(), 'runs.json');
    fileJournal(file).save([run()]);
    fs.writeFileSync(`${file}.tmp`, '[{"zoneId":"z1","ru'); // the process died during the next save

    const { journal, warnings } = journalAt(file);
    expect(journal.load()).toEqual([run()]);
    expect(warnings).toEqual([]);

    journal.save([run({ litresLastSeen: 55 })]);
    expect(journalAt(file).journal.load()).toEqual([run({ litresLastSeen: 55 })]);
    expect(fs.existsSync(`${file}.tmp`)).toBe(false);
  });

  it('starts empty when a crash during the very first save left only a temporary file', () => {
    const file = path.join(tempDir(), 'runs.json');
    fs.writeFileSync(`${file}.tmp`, '[{"zoneId":"z1","ru');
    const { journal, warnings } = journalAt(file);
    expect(journal.load()).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it.each([
    ['not JSON', 'garbage'],
    ['not a list', '{"zoneId":"z1"}'],
    ['a list of something else', '[{"zoneId":"z1","rule":"flood","startedAt":"yesterday"}]'],
  ])('sets a damaged journal (%s) aside as .bad with a warning naming it, and starts empty', (_, content) => {
    const file = path.join(tempDir(), 'runs.json');
    fs.writeFileSync(file, content);

    const { journal, warnings } = journalAt(file);
    expect(journal.load()).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(file);
    expect(warnings[0]).toMatch(/damaged.*\.bad/);
    // Kept for a person to look at: the next save does not overwrite it.
    journal.save([]);
    expect(fs.readFileSync(`${file}.bad`, 'utf8')).toBe(content);
    expect(journalAt(file).journal.load()).toEqual([]);
  });
});

describe('a bridge with its journal on disk', () => {
  const config = exampleConfig();
  afterEach(() => {
    vi.useRealTimers();
  });

  it('records a run cut short by a crash as interrupted at the next start, from a new journal over the same file', async () => {
    vi.useFakeTimers({ now: T0 });
    const file = path.join(tempDir(), 'runs.json');
    const hardware = scriptedHardware(config);
    hardware.raw.z1 = dry(config, 'z1');
    const first = await virtualBridge(config, hardware, fileJournal(file));
    await vi.advanceTimersByTimeAsync(10_000);
    // The process dies: no stop(), no shutdown events; only the file remains.
    first.io.close();
    vi.clearAllTimers();

    const second = await virtualBridge(config, hardware, fileJournal(file));
    expect(second.events[0]).toMatchObject({ type: 'water-stopped', zoneId: 'z1', rule: 'interrupted' });
    second.bridge.stop();
  });

  it('keeps irrigating when its journal is damaged', async () => {
    vi.useFakeTimers({ now: T0 });
    const file = path.join(tempDir(), 'runs.json');
    fs.writeFileSync(file, '[{"zoneId":');
    const hardware = scriptedHardware(config);
    hardware.raw.z1 = dry(config, 'z1');
    const { journal, warnings } = journalAt(file);

    const rig = await virtualBridge(config, hardware, journal);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(rig.pinLevel(4)).toBe(1); // z1's valve: dry, so it waters
    expect(warnings).toHaveLength(1);
    rig.bridge.stop();
  });
});
