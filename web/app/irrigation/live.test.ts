import { describe, expect, it } from 'vitest';
import { OFFLINE_AFTER_MS, bridgeConnection } from './live.ts';

describe('bridgeConnection', () => {
  const now = new Date(Date.UTC(2026, 10, 29, 8, 0));
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it('is online while the bridge was heard from within three telemetry intervals', () => {
    expect(bridgeConnection(ago(59_000), now)).toEqual({ state: 'online', lastSeenAt: ago(59_000) });
    expect(bridgeConnection(ago(OFFLINE_AFTER_MS), now).state).toBe('online');
  });

  it('is offline after three missed reports, and keeps when it was last heard from', () => {
    expect(bridgeConnection(ago(OFFLINE_AFTER_MS + 1), now)).toEqual({
      state: 'offline',
      lastSeenAt: ago(OFFLINE_AFTER_MS + 1),
    });
  });

  it('says a bridge that never reported was never seen', () => {
    expect(bridgeConnection(null, now)).toEqual({ state: 'never-seen' });
  });
});
