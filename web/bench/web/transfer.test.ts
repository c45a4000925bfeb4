import { describe, expect, it } from 'vitest';
import { bucketOf, summarizeTransfers } from './transfer.ts';

describe('bytes transferred by type', () => {
  it('sums bytes and requests per type, types it does not single out under other', () => {
    const summary = summarizeTransfers([
      { type: 'Document', bytes: 300, fromCache: false },
      { type: 'Document', bytes: 17_000, fromCache: false },
      { type: 'Script', bytes: 40_000, fromCache: false },
      { type: 'Script', bytes: 0, fromCache: true },
      { type: 'Image', bytes: 12_000, fromCache: false },
      { type: 'Fetch', bytes: 900, fromCache: false },
      { type: 'Manifest', bytes: 100, fromCache: false },
    ]);
    expect(summary.bytes).toBe(70_300);
    expect(summary.requests).toBe(7);
    expect(summary.fromCache).toBe(1);
    expect(summary.byType).toEqual({
      document: { bytes: 17_300, requests: 2 },
      script: { bytes: 40_000, requests: 2 },
      stylesheet: { bytes: 0, requests: 0 },
      image: { bytes: 12_000, requests: 1 },
      font: { bytes: 0, requests: 0 },
      other: { bytes: 1_000, requests: 2 },
    });
  });

  it("reads the DevTools protocol's resource types whatever their case", () => {
    expect(bucketOf('Stylesheet')).toBe('stylesheet');
    expect(bucketOf('Font')).toBe('font');
    expect(bucketOf('XHR')).toBe('other');
  });
});
