import type { ControlEvent } from '../control/types.ts';
import type { Snapshot } from '../runtime/bridge.ts';
import { type EventMessage, PROTOCOL_VERSION, type TelemetryMessage, zoneTelemetrySchema } from './protocol.ts';

// What the bridge emits (BridgeOutput) turned into wire messages. The snapshot carries display-only
// fields (zone name, band) that the cloud already knows from the shadow: they stay off the wire.

/** Who numbers a message: the bridge's thing name and its sequence's series. */
export type MessageSource = { thing: string; series: string };

export function telemetryMessage(source: MessageSource, seq: number, snapshot: Snapshot): TelemetryMessage {
  return {
    v: PROTOCOL_VERSION,
    kind: 'telemetry',
    thing: source.thing,
    series: source.series,
    seq,
    at: Math.round(snapshot.at),
    // Parsing narrows the snapshot's plain strings (mode, alarm) to the contract's names, and
    // throws here, at the source, if the bridge ever shows a name the cloud would refuse.
    zones: snapshot.zones.map((zone) =>
      zoneTelemetrySchema.parse({
        id: zone.id,
        moisture: zone.moisture,
        valveOpen: zone.valveOpen,
        flowLpm: zone.flowLpm,
        litresToday: zone.litresToday,
        mode: zone.mode,
        alarm: zone.alarm,
      }),
    ),
    temperature: snapshot.temperature,
    humidity: snapshot.humidity,
    pump: snapshot.pump,
    masterValve: snapshot.masterValve,
    leak: snapshot.leak,
  };
}

export function eventMessage(source: MessageSource, seq: number, event: ControlEvent): EventMessage {
  const whole = wholeMillis(event);
  return {
    v: PROTOCOL_VERSION,
    kind: 'event',
    thing: source.thing,
    series: source.series,
    seq,
    at: whole.at,
    event: whole,
  };
}

/**
 * The contract's times are whole epoch milliseconds; the virtual board's clock is fractional
 * (performance.now() scaled), and a sub-millisecond part means nothing on the wire.
 */
function wholeMillis(event: ControlEvent): ControlEvent {
  const at = Math.round(event.at);
  switch (event.type) {
    case 'water-stopped':
      return { ...event, at, startedAt: Math.round(event.startedAt) };
    case 'mode-changed': {
      const mode = event.mode;
      return { ...event, at, mode: 'until' in mode ? { ...mode, until: Math.round(mode.until) } : mode };
    }
    case 'command-refused': {
      const command = event.command;
      return {
        ...event,
        at,
        command: command.kind === 'pause' ? { ...command, until: Math.round(command.until) } : command,
      };
    }
    default:
      return { ...event, at };
  }
}
