import { describe, expect, it } from 'vitest';
import { bridgeReason } from './bridge-reasons.ts';

describe('bridgeReason', () => {
  it('reads the bridge’s refusals as texts of their own, with what they carry', () => {
    expect(bridgeReason('zone is off: set it to auto first')).toEqual({ key: 'reason.zoneOff' });
    expect(bridgeReason('command: leak alarm: master valve shut until acknowledged and dry')).toEqual({
      key: 'reason.leak',
    });
    expect(bridgeReason('expired: issued 42 min ago, while the bridge was out of reach')).toEqual({
      key: 'reason.expired',
      params: { minutes: 42 },
    });
    expect(bridgeReason('moistureLow must be below moistureHigh (the band needs hysteresis)')).toEqual({
      key: 'reason.band',
    });
  });

  it('shows an answer it does not know as the bridge said it', () => {
    expect(bridgeReason('command: valve 3 jammed')).toEqual({
      key: 'reason.other',
      params: { reason: 'valve 3 jammed' },
    });
  });
});
