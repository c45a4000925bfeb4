import { describe, expect, it, vi } from 'vitest';
import { INGEST_LAG } from '../../../infra/cdk/alarms.ts';
import { lagMetricLine, startLagMetric } from './lag-metric.server.ts';

// The line CloudWatch turns into the metric the IngestLag alarm watches: the stack and ingest must
// name the same metric, or the alarm sees silence and fires as soon as ingest runs.

describe("ingest's lag metric", () => {
  it('names the metric the alarm watches, in Embedded Metric Format, with the backlog’s age in seconds', () => {
    const line = JSON.parse(lagMetricLine(1_000_000, 1_000_000 - 42_400));
    const [directive] = line._aws.CloudWatchMetrics;
    expect(directive.Namespace).toBe(INGEST_LAG.namespace);
    expect(directive.Metrics).toEqual([{ Name: INGEST_LAG.metricName, Unit: 'Seconds' }]);
    expect(line._aws.Timestamp).toBe(1_000_000);
    expect(line[INGEST_LAG.metricName]).toBe(42);
  });

  it('says 0 when nothing waits (silence would be an outage), and never a negative age', () => {
    expect(JSON.parse(lagMetricLine(5_000, null))[INGEST_LAG.metricName]).toBe(0);
    expect(JSON.parse(lagMetricLine(5_000, 9_000))[INGEST_LAG.metricName]).toBe(0);
  });

  it('prints at once and then every period, until stopped', () => {
    vi.useFakeTimers();
    try {
      const lines: string[] = [];
      const stop = startLagMetric(
        () => null,
        (line) => lines.push(line),
        60_000,
      );
      expect(lines).toHaveLength(1);
      vi.advanceTimersByTime(120_000);
      expect(lines).toHaveLength(3);
      stop();
      vi.advanceTimersByTime(120_000);
      expect(lines).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
