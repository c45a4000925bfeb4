// Bytes over the wire for one page view, by what they were: what to aim at when a page is heavy.

export const BUCKETS = ['document', 'script', 'stylesheet', 'image', 'font', 'other'] as const;
export type Bucket = (typeof BUCKETS)[number];

/** One finished request as the DevTools protocol saw it. */
export type Transfer = {
  /** The protocol's ResourceType ("Document", "Script", "Fetch", …). */
  type: string;
  /** encodedDataLength: headers and the body as sent (compressed, if it was). */
  bytes: number;
  /** Answered from the browser's cache (memory or disk) without asking the server. */
  fromCache: boolean;
};

export type TransferSummary = {
  bytes: number;
  requests: number;
  fromCache: number;
  byType: Record<Bucket, { bytes: number; requests: number }>;
};

export function bucketOf(type: string): Bucket {
  const bucket = type.toLowerCase();
  return BUCKETS.find((b) => b === bucket) ?? 'other';
}

export function summarizeTransfers(transfers: readonly Transfer[]): TransferSummary {
  const none = () => ({ bytes: 0, requests: 0 });
  const byType: TransferSummary['byType'] = {
    document: none(),
    script: none(),
    stylesheet: none(),
    image: none(),
    font: none(),
    other: none(),
  };
  for (const t of transfers) {
    const bucket = byType[bucketOf(t.type)];
    bucket.bytes += t.bytes;
    bucket.requests += 1;
  }
  return {
    bytes: transfers.reduce((sum, t) => sum + t.bytes, 0),
    requests: transfers.length,
    fromCache: transfers.filter((t) => t.fromCache).length,
    byType,
  };
}
