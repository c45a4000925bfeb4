import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/control/defaults.ts';
import { exampleConfig } from './harness.ts';
import { controlLimits } from '../src/runtime/bridge.ts';

// On the virtual board simulated time may run faster than Johnny-Five's real-time sampling: every
// limit that stands for a hardware delay stretches by the same factor, or a leak, a stale sensor
// or a slow flow meter would be judged on too few samples.
describe('the control limits under a faster simulated clock', () => {
  it('stretch every hardware delay by the time scale, and leave the rest', () => {
    const limits = controlLimits(exampleConfig(), 10);
    for (const delay of [
      'staleAfterMs',
      'leakConfirmMs',
      'leakBalanceConfirmMs',
      'flowGraceMs',
      'noFlowConfirmMs',
      'flowSettleMs',
    ] as const) {
      expect(limits[delay], delay).toBe(DEFAULT_LIMITS[delay] * 10);
    }
    expect(limits.leakBalanceLpm).toBe(DEFAULT_LIMITS.leakBalanceLpm);
  });
});
