// How far behind ingest is, for the AWS stack's IngestLag alarm (infra/cdk/alarms.ts, decision
// 032): once a minute an ingest process prints the age of the oldest report it received and has
// not yet committed (0 when nothing waits) as a CloudWatch Embedded Metric Format line. CloudWatch
// Logs turns that line into the metric with no permission or client; elsewhere it is a log line.

export const LAG_METRIC = { namespace: 'Seedline', name: 'IngestLagSeconds' } as const;

/** The metric's EMF line at `now` for a backlog whose oldest message arrived at `oldest` (epoch ms). */
export function lagMetricLine(now: number, oldest: number | null): string {
  const seconds = oldest === null ? 0 : Math.max(0, Math.round((now - oldest) / 1000));
  return JSON.stringify({
    _aws: {
      Timestamp: now,
      CloudWatchMetrics: [
        { Namespace: LAG_METRIC.namespace, Dimensions: [[]], Metrics: [{ Name: LAG_METRIC.name, Unit: 'Seconds' }] },
      ],
    },
    [LAG_METRIC.name]: seconds,
  });
}

/** Prints the line every `everyMs` (and once at once); returns the stop. */
export function startLagMetric(
  oldestWaiting: () => number | null,
  write: (line: string) => void = (line) => console.log(line),
  everyMs = 60_000,
): () => void {
  const tick = () => write(lagMetricLine(Date.now(), oldestWaiting()));
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
