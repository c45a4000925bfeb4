import {
  PROTOCOL_VERSION,
  type TelemetryMessage,
  telemetryMessageSchema,
  telemetryTopic,
} from '@seedline/firmware-bridge/protocol';

// What the simulated bridges send: telemetry as a bridge reports it, one message per minute of
// bridge time (the bridge's default `telemetryEverySeconds`), four drip zones each, with moisture
// drifting over the day, valves opening on a cycle and the day's water counter rising with them and
// falling back to 0 at midnight, so the hourly roll-ups have real work to do.

export const ZONES = ['z1', 'z2', 'z3', 'z4'] as const;
export const TELEMETRY_EVERY_MS = 60_000;
/** Bridge time of seq 1: a fixed day, so every run stores the same rows. */
export const T0 = Date.UTC(2026, 10, 1, 0, 0);

const DAY_MINUTES = 24 * 60;
/** Each zone's valve is open 5 minutes in every 40, at 4.5 L/min, staggered by zone. */
const CYCLE = 40;
const OPEN = 5;
const FLOW_LPM = 4.5;

export function thingName(bridge: number): string {
  return `bench-gh-${String(bridge + 1).padStart(3, '0')}`;
}

/** Valve-open minutes among the first `minutes` of the cycle pattern. */
const openMinutes = (minutes: number) => Math.floor(minutes / CYCLE) * OPEN + Math.min(minutes % CYCLE, OPEN);

export function telemetry(bridge: number, seq: number): TelemetryMessage {
  const at = T0 + (seq - 1) * TELEMETRY_EVERY_MS;
  const minute = Math.floor((at - Date.UTC(2026, 10, 1)) / 60_000) % DAY_MINUTES;
  const daylight = Math.sin((2 * Math.PI * (minute - 360)) / DAY_MINUTES);
  return {
    v: PROTOCOL_VERSION,
    kind: 'telemetry',
    thing: thingName(bridge),
    seq,
    at,
    zones: ZONES.map((id, z) => {
      const offset = z * 10 + (bridge % 7);
      const valveOpen = (minute + offset) % CYCLE < OPEN;
      return {
        id,
        moisture: Math.round((33 + 3 * Math.sin((minute + offset) / 90) - daylight + (bridge % 3)) * 10) / 10,
        valveOpen,
        flowLpm: valveOpen ? FLOW_LPM : 0,
        litresToday: FLOW_LPM * (openMinutes(minute + offset) - openMinutes(offset)),
        mode: 'auto' as const,
        alarm: null,
      };
    }),
    temperature: Math.round((27 + 5 * daylight) * 10) / 10,
    humidity: Math.round(75 - 12 * daylight),
    pump: false,
    masterValve: true,
    leak: false,
  };
}

/** `total` messages shared out over `bridges`, as evenly as whole messages allow. */
export function messagesPerBridge(total: number, bridges: number): number[] {
  return Array.from({ length: bridges }, (_, i) => Math.floor(total / bridges) + (i < total % bridges ? 1 : 0));
}

/**
 * Every bridge's messages, seq 1..n, serialised ahead of the timed phases (building JSON
 * is the bridge's work, not the broker's or ingest's). The first of each bridge is checked against
 * the shared schema, so a bench that drifted from the contract fails instead of measuring rejections.
 */
export function fleetPayloads(counts: number[]): { topic: string; payloads: string[] }[] {
  return counts.map((count, bridge) => {
    const payloads: string[] = [];
    for (let seq = 1; seq <= count; seq++) {
      const message = telemetry(bridge, seq);
      if (seq === 1) telemetryMessageSchema.parse(message);
      payloads.push(JSON.stringify(message));
    }
    return { topic: telemetryTopic(thingName(bridge)), payloads };
  });
}
