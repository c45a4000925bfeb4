import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Snapshot } from '../runtime/bridge.ts';
import { openOutbox } from './outbox.ts';
import { createReporter } from './reporter.ts';
import { openSequence } from './sequence.ts';
import { T0, THING, tempDir } from './testkit.ts';

const snapshot = (at: number): Snapshot => ({
  at,
  zones: [
    {
      id: 'z1',
      name: 'Melons',
      moisture: 28,
      band: [26, 30],
      valveOpen: false,
      flowLpm: 0,
      litresToday: 4,
      mode: 'auto',
      alarm: null,
    },
  ],
  pump: false,
  masterValve: true,
  temperature: 29,
  humidity: 75,
  leak: false,
});

describe('the reporter', () => {
  it('enqueues every event and one telemetry message per interval, numbered in order', () => {
    const dir = tempDir();
    const outbox = openOutbox({ folder: path.join(dir, 'outbox') });
    const report = createReporter({
      thing: THING,
      sequence: openSequence(path.join(dir, 'seq.json')),
      outbox,
      telemetryEveryMs: 10_000,
    });
    for (let s = 0; s <= 25; s++) report({ kind: 'snapshot', snapshot: snapshot(T0 + s * 1_000) });
    report({ kind: 'event', event: { type: 'alarm-cleared', at: T0 + 25_000, zoneId: 'z1', alarm: 'sensor-stale' } });
    const pending = outbox.peek(10).map((e) => [e.seq, e.message.kind, e.message.at]);
    expect(pending).toEqual([
      [1, 'telemetry', T0],
      [2, 'telemetry', T0 + 10_000],
      [3, 'telemetry', T0 + 20_000],
      [4, 'event', T0 + 25_000],
    ]);
  });

  it('logs a reporting failure instead of throwing into the control tick', () => {
    const onError = vi.fn();
    const report = createReporter({
      thing: THING,
      sequence: { series: 'series-1', next: () => 1 },
      outbox: openOutbox({ folder: tempDir() }),
      telemetryEveryMs: 0,
      onError,
    });
    report({ kind: 'snapshot', snapshot: snapshot(T0) });
    expect(() => report({ kind: 'snapshot', snapshot: snapshot(T0 + 1) })).not.toThrow();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringMatching(/already/) }));
  });
});
