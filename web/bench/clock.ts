// One clock for every moment the bench compares, also across its processes (the fleet's publish
// times against ingest's store times, the raw phase's first publish against the counter's last
// receive): epoch milliseconds with sub-millisecond precision. performance.now() alone counts from
// each process's own start, so two processes' readings cannot be subtracted.
export const epochMs = (): number => performance.timeOrigin + performance.now();
