import { describe, expect, it } from 'vitest';
import { listenForConfirmations } from './confirmations.ts';
import type { MqttLink } from './mqtt.ts';
import { confirmationSchema, seqRanges, storedTopic } from './protocol.ts';
import { createPublisher } from './publisher.ts';
import { openOutbox } from './outbox.ts';
import { T0, THING, telemetry, tempDir } from './testkit.ts';

describe('confirmations', () => {
  it('name seqs as sorted inclusive runs', () => {
    expect(seqRanges([7, 3, 4, 5, 9, 4, 10, 1])).toEqual([
      [1, 1],
      [3, 5],
      [7, 7],
      [9, 10],
    ]);
    expect(seqRanges([])).toEqual([]);
  });

  it('refuse a backwards range, a zero seq, an unknown version and an empty list', () => {
    const ok = { v: 1, series: 's-1', seqs: [[1, 4]] };
    expect(confirmationSchema.safeParse(ok).success).toBe(true);
    expect(confirmationSchema.safeParse({ ...ok, series: '' }).success).toBe(true);
    for (const bad of [
      { ...ok, seqs: [[4, 1]] },
      { ...ok, seqs: [[0, 1]] },
      { ...ok, seqs: [] },
      { ...ok, v: 2 },
      { ...ok, series: 'a/b' },
    ]) {
      expect(confirmationSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('reach the publisher from the bridge’s own stored topic; an unreadable one is counted and changes nothing', async () => {
    const handlers = new Map<string, (topic: string, payload: string) => void>();
    const link: Pick<MqttLink, 'subscribe'> = {
      subscribe: (filter, onMessage) => void handlers.set(filter, onMessage),
    };
    const outbox = openOutbox({ folder: tempDir() });
    outbox.enqueue(telemetry(1, T0));
    outbox.enqueue(telemetry(2, T0 + 1));
    const publisher = createPublisher({ outbox, send: () => Promise.resolve() });
    const warnings: string[] = [];
    const listening = listenForConfirmations(link, THING, publisher, (m) => warnings.push(m));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const deliver = handlers.get(storedTopic(THING))!;

    deliver(storedTopic(THING), 'not json');
    deliver(storedTopic(THING), JSON.stringify({ v: 1, series: '', seqs: [[2, 1]] }));
    expect(listening.unreadable()).toBe(2);
    expect(warnings).toHaveLength(2);
    expect(outbox.size().messages).toBe(2);

    deliver(storedTopic(THING), JSON.stringify({ v: 1, series: '', seqs: [[1, 1]] }));
    expect(outbox.peek(10).map((e) => e.seq)).toEqual([2]);
    await publisher.stop();
  });
});
