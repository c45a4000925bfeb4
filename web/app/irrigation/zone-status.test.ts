import { describe, expect, it } from 'vitest';
import { settingsStatus, type ZoneShadowRow } from './zone-status.ts';

const settings = { moistureLow: 22, moistureHigh: 28, windows: [{ from: '05:00', to: '18:00' }] };
const row = (over: Partial<ZoneShadowRow>): ZoneShadowRow => ({
  desiredSettings: settings,
  reportedSettings: null,
  desiredAt: new Date('2026-11-29T02:00:00Z'),
  refusedReason: null,
  refusedAt: null,
  pendingCommand: null,
  ...over,
});

describe('a zone’s settings status', () => {
  it('is pending until the bridge reports the desired values', () => {
    expect(settingsStatus(row({})).state).toBe('pending');
    expect(settingsStatus(row({ reportedSettings: { ...settings, moistureLow: 20 } })).state).toBe('pending');
    expect(settingsStatus(row({ reportedSettings: { ...settings, windows: [] } })).state).toBe('pending');
  });

  it('is unreported, not pending, when nobody sent any and the bridge has not reported yet', () => {
    expect(settingsStatus(row({ desiredAt: null })).state).toBe('unreported');
  });

  it('is confirmed when reported holds every desired value (and maybe more)', () => {
    expect(settingsStatus(row({ reportedSettings: { ...settings, maxRunMinutes: 10 } })).state).toBe('confirmed');
  });

  it('is refused when the bridge refused after the last change, with its reason', () => {
    const refusedAt = new Date('2026-11-29T02:00:05Z');
    expect(settingsStatus(row({ refusedReason: 'moistureLow must be below moistureHigh', refusedAt }))).toEqual({
      state: 'refused',
      reason: 'moistureLow must be below moistureHigh',
      at: refusedAt,
    });
    // A newer change is pending again, whatever was refused before it.
    const older = new Date('2026-11-29T01:00:00Z');
    expect(settingsStatus(row({ refusedReason: 'x', refusedAt: older })).state).toBe('pending');
  });
});
