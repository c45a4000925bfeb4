import type { BridgeOutput } from '../runtime/bridge.ts';
import { eventMessage, telemetryMessage } from './messages.ts';
import type { Outbox } from './outbox.ts';
import type { Sequence } from './sequence.ts';

export type ReporterOptions = {
  thing: string;
  sequence: Sequence;
  outbox: Outbox;
  /** One telemetry message per this many ms of bridge time (the bridge snapshots every tick). */
  telemetryEveryMs: number;
  onError?: (error: unknown) => void;
};

/**
 * The bridge's `output` turned into outbox messages: every control event, and a snapshot every
 * `telemetryEveryMs`. Runs inside the control tick, where a throw closes every valve: a reporting
 * failure (a full or broken disk) is logged and must never stop the irrigation.
 */
export function createReporter(options: ReporterOptions): (output: BridgeOutput) => void {
  const { thing, sequence, outbox, telemetryEveryMs } = options;
  const source = { thing, series: sequence.series };
  const onError =
    options.onError ?? ((error: unknown) => console.error(`bridge: reporting failed: ${(error as Error).message}`));
  let lastTelemetryAt: number | null = null;
  return (output) => {
    try {
      if (output.kind === 'event') {
        outbox.enqueue(eventMessage(source, sequence.next(), output.event));
        return;
      }
      const at = output.snapshot.at;
      if (lastTelemetryAt !== null && at - lastTelemetryAt < telemetryEveryMs) return;
      outbox.enqueue(telemetryMessage(source, sequence.next(), output.snapshot));
      lastTelemetryAt = at;
    } catch (error) {
      onError(error);
    }
  };
}
