import { PROTOCOL_VERSION } from '@seedline/firmware-bridge/protocol';

// Messages as a bridge sends them, for the ingest tests (storage and live through the broker).

/** Telemetry of `zones` (moisture 35, 36, …; 10 litres today each), 29.5 °C and 71 %. */
export function telemetryPayload(thing: string, seq: number, at: number, zones: string[] = ['z1', 'z2']) {
  return {
    v: PROTOCOL_VERSION,
    kind: 'telemetry',
    thing,
    seq,
    at,
    zones: zones.map((id, i) => ({
      id,
      moisture: 35 + i,
      valveOpen: false,
      flowLpm: 0,
      litresToday: 10,
      mode: 'auto',
      alarm: null,
    })),
    temperature: 29.5,
    humidity: 71,
    pump: false,
    masterValve: true,
    leak: false,
  };
}

export function eventPayload(thing: string, seq: number, at: unknown, event: Record<string, unknown>) {
  return { v: PROTOCOL_VERSION, kind: 'event', thing, seq, at, event };
}
