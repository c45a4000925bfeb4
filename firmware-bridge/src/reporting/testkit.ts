import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import type { ControlEvent } from '../control/types.ts';
import { PROTOCOL_VERSION, type EventMessage, type TelemetryMessage, type ZoneTelemetry } from './protocol.ts';

// Test support for reporting: temporary folders and small messages.

export const THING = 'farm-01_gh-2';
/** The bridge that numbers the tests' messages: THING under one series. */
export const SOURCE = { thing: THING, series: 'series-1' };
export const T0 = Date.UTC(2026, 2, 10, 1, 0);

/** A fresh folder under the OS temp dir, removed when the calling test ends. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seedline-reporting-'));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function zone(over: Partial<ZoneTelemetry> = {}): ZoneTelemetry {
  return { id: 'z1', moisture: 30, valveOpen: false, flowLpm: 0, litresToday: 0, mode: 'auto', alarm: null, ...over };
}

export function telemetry(seq: number, at: number, zones: ZoneTelemetry[] = [zone()]): TelemetryMessage {
  return {
    v: PROTOCOL_VERSION,
    kind: 'telemetry',
    thing: THING,
    seq,
    at,
    zones,
    temperature: 29,
    humidity: 75,
    pump: false,
    masterValve: true,
    leak: false,
  };
}

export function event(seq: number, at: number): EventMessage {
  const e: ControlEvent = { type: 'alarm-cleared', at, zoneId: 'z1', alarm: 'sensor-stale' };
  return { v: PROTOCOL_VERSION, kind: 'event', thing: THING, seq, at, event: e };
}
