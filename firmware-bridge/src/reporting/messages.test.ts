import { describe, expect, it } from 'vitest';
import { eventMessage } from './messages.ts';
import { eventMessageSchema } from './protocol.ts';
import { SOURCE, T0 } from './testkit.ts';

describe('wire messages from bridge output', () => {
  it("rounds the virtual board's fractional times to whole milliseconds so the contract accepts them", () => {
    const stopped = eventMessage(SOURCE, 1, {
      type: 'water-stopped',
      at: T0 + 0.6,
      zoneId: 'z1',
      rule: 'band-high',
      litres: 3.2,
      startedAt: T0 - 60_000.4,
      moisture: 31,
    });
    expect(eventMessageSchema.safeParse(stopped).success).toBe(true);
    expect(stopped.at).toBe(T0 + 1);
    expect(stopped.event).toMatchObject({ at: T0 + 1, startedAt: T0 - 60_000 });
    const paused = eventMessage(SOURCE, 2, {
      type: 'mode-changed',
      at: T0 + 0.2,
      zoneId: 'z1',
      mode: { kind: 'paused', until: T0 + 3_600_000.7 },
      reason: 'farmer',
    });
    expect(eventMessageSchema.safeParse(paused).success).toBe(true);
    expect(paused.event).toMatchObject({ mode: { kind: 'paused', until: T0 + 3_600_001 } });
  });
});
