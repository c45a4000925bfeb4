import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openOutbox } from './outbox.ts';
import { eventsTopic, telemetryTopic } from './protocol.ts';
import { T0, THING, event, telemetry, tempDir, zone } from './testkit.ts';

const MIN = 60_000;

describe('the durable outbox', () => {
  it('is on disk before enqueue returns, and a reopened outbox has the same pending messages in order', () => {
    const folder = tempDir();
    const outbox = openOutbox({ folder });
    outbox.enqueue(telemetry(1, T0));
    outbox.enqueue(event(2, T0 + 1));
    outbox.enqueue(telemetry(3, T0 + 2));
    expect(fs.readdirSync(folder)).toHaveLength(3);
    // No close: the process "dies" here and a new one opens the folder.
    const reopened = openOutbox({ folder });
    expect(reopened.peek(10)).toEqual(outbox.peek(10));
    expect(reopened.peek(10).map((e) => [e.seq, e.topic])).toEqual([
      [1, telemetryTopic(THING)],
      [2, eventsTopic(THING)],
      [3, telemetryTopic(THING)],
    ]);
    expect(JSON.parse(reopened.peek(1)[0]!.payload)).toEqual(telemetry(1, T0));
  });

  it('removes only acknowledged messages, and they stay removed after reopening', () => {
    const folder = tempDir();
    const outbox = openOutbox({ folder });
    for (const seq of [1, 2, 3, 4]) outbox.enqueue(telemetry(seq, T0 + seq));
    expect(outbox.ack(2)).toBe(true);
    expect(outbox.ack(2)).toBe(false);
    expect(outbox.ack(99)).toBe(false);
    expect(outbox.peek(10).map((e) => e.seq)).toEqual([1, 3, 4]);
    expect(
      openOutbox({ folder })
        .peek(10)
        .map((e) => e.seq),
    ).toEqual([1, 3, 4]);
  });

  it('keeps seq order when a message is enqueued out of order, and refuses a duplicate seq', () => {
    const outbox = openOutbox({ folder: tempDir() });
    outbox.enqueue(telemetry(5, T0));
    outbox.enqueue(event(3, T0));
    expect(outbox.peek(2).map((e) => e.seq)).toEqual([3, 5]);
    expect(() => outbox.enqueue(telemetry(5, T0))).toThrow(/already/);
  });

  it('refuses a message the contract would refuse, so nothing unsendable is stored', () => {
    const outbox = openOutbox({ folder: tempDir() });
    expect(() => outbox.enqueue({ ...telemetry(1, T0), seq: -1 })).toThrow();
    expect(outbox.size().messages).toBe(0);
  });

  it('when full folds the oldest telemetry into one summary with the right aggregates and keeps every event', () => {
    const folder = tempDir();
    const outbox = openOutbox({ folder, maxMessages: 6, foldCount: 4 });
    const sent = [
      telemetry(1, T0, [zone({ moisture: 20, valveOpen: true, litresToday: 10 })]),
      event(2, T0 + 30_000),
      telemetry(3, T0 + MIN, [zone({ moisture: 24, valveOpen: true, litresToday: 20 })]),
      telemetry(4, T0 + 2 * MIN, [zone({ moisture: 30, valveOpen: false, litresToday: 30 })]),
      event(5, T0 + 2 * MIN + 1),
      telemetry(6, T0 + 3 * MIN, [zone({ moisture: 34, litresToday: 30 })]),
      telemetry(7, T0 + 4 * MIN, [zone({ moisture: 35, litresToday: 30 })]),
    ];
    for (const message of sent) outbox.enqueue(message);
    const pending = outbox.peek(10).map((e) => e.message);
    expect(pending.map((m) => [m.kind, m.seq])).toEqual([
      ['summary', 1],
      ['event', 2],
      ['event', 5],
      ['telemetry', 7],
    ]);
    expect(pending[0]).toEqual({
      v: 1,
      kind: 'summary',
      thing: THING,
      seq: 1,
      throughSeq: 6,
      at: T0 + 3 * MIN,
      from: T0,
      to: T0 + 3 * MIN,
      samples: 4,
      zones: [
        {
          id: 'z1',
          moisture: { min: 20, avg: 27, max: 34, samples: 4 },
          litres: 20,
          litresToday: 30,
          openMinutes: 2,
          valveOpen: false,
        },
      ],
    });
    expect(pending.filter((m) => m.kind === 'event')).toEqual([sent[1], sent[4]]);
    // The disk says the same after a restart.
    expect(
      openOutbox({ folder })
        .peek(10)
        .map((e) => e.message),
    ).toEqual(pending);
  });

  it('never folds a message handed out by peek (it may be on the wire) until it is acked', () => {
    const outbox = openOutbox({ folder: tempDir(), maxMessages: 3, foldCount: 2 });
    outbox.enqueue(telemetry(1, T0));
    expect(outbox.peek(1).map((e) => e.seq)).toEqual([1]);
    for (const seq of [2, 3, 4]) outbox.enqueue(telemetry(seq, T0 + seq * MIN));
    expect(outbox.peek(10).map((e) => [e.message.kind, e.seq])).toEqual([
      ['telemetry', 1],
      ['summary', 2],
      ['telemetry', 4],
    ]);
  });

  it('when only events are left it grows past its bound, drops nothing and warns once', () => {
    const warn = vi.fn();
    const outbox = openOutbox({ folder: tempDir(), maxMessages: 3, warn });
    for (let seq = 1; seq <= 6; seq++) outbox.enqueue(event(seq, T0 + seq));
    expect(outbox.peek(10).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/over its bound/);
  });

  it('also bounds bytes: folding keeps the outbox under maxBytes while telemetry remains', () => {
    const one = Buffer.byteLength(JSON.stringify(telemetry(1, T0)));
    const outbox = openOutbox({ folder: tempDir(), maxBytes: one * 10, foldCount: 5 });
    for (let seq = 1; seq <= 100; seq++) outbox.enqueue(telemetry(seq, T0 + seq * MIN));
    expect(outbox.size().bytes).toBeLessThanOrEqual(one * 10);
    const summaries = outbox.peek(100).filter((e) => e.message.kind === 'summary');
    expect(summaries.reduce((n, e) => n + (e.message.kind === 'summary' ? e.message.samples : 0), 0)).toBeGreaterThan(
      90,
    );
  });

  it('finishes a fold interrupted by a crash: folded samples left beside their summary are dropped at reopen', () => {
    const folder = tempDir();
    const outbox = openOutbox({ folder, maxMessages: 3, foldCount: 3 });
    const samples = [1, 2, 3, 4].map((seq) => telemetry(seq, T0 + seq * MIN));
    for (const message of samples) outbox.enqueue(message);
    // Put back what a crash between the rename and the unlinks would have left.
    for (const message of samples.slice(1, 3)) {
      fs.writeFileSync(path.join(folder, `${String(message.seq).padStart(16, '0')}.json`), JSON.stringify(message));
    }
    fs.writeFileSync(path.join(folder, `${'9'.padStart(16, '0')}.json.tmp`), '{"half');
    const reopened = openOutbox({ folder });
    expect(reopened.peek(10).map((e) => [e.message.kind, e.seq])).toEqual([
      ['summary', 1],
      ['telemetry', 4],
    ]);
    expect(fs.readdirSync(folder).sort()).toEqual([`${'1'.padStart(16, '0')}.json`, `${'4'.padStart(16, '0')}.json`]);
  });

  it('sets aside a damaged file instead of sending or deleting it', () => {
    const folder = tempDir();
    openOutbox({ folder }).enqueue(telemetry(1, T0));
    fs.writeFileSync(path.join(folder, `${'2'.padStart(16, '0')}.json`), 'not json');
    const warn = vi.fn();
    expect(
      openOutbox({ folder, warn })
        .peek(10)
        .map((e) => e.seq),
    ).toEqual([1]);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/set aside/));
    expect(fs.existsSync(path.join(folder, `${'2'.padStart(16, '0')}.json.bad`))).toBe(true);
  });
});
