import five from 'johnny-five';
import mockFirmata from 'mock-firmata';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ControlEvent } from '../src/control/index.ts';
import { memoryJournal } from '../src/runtime/journal.ts';
import { startBridge } from '../src/runtime/bridge.ts';
import { T0, exampleConfig, rawFor } from './harness.ts';

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/**
 * mock-firmata answers Johnny-Five as an Arduino with StandardFirmata would, but its reads and
 * writes do nothing: record the writes, and route reads through `analog-read-N` and
 * `digital-read-N` events exactly as firmata.js does for reports from the board.
 */
function firmataBoard() {
  const io = new mockFirmata.Firmata();
  const levels = new Map<number, number>();
  io.digitalWrite = (pin: number, value: number) => levels.set(pin, value);
  io.analogRead = (pin: number, callback: (value: number) => void) => io.on(`analog-read-${pin}`, callback);
  io.digitalRead = (pin: number, callback: (value: number) => void) => io.on(`digital-read-${pin}`, callback);
  const board = new five.Board({ io, repl: false, debug: false, sigint: false });
  io.emit('connect');
  io.emit('ready');
  return { io, board, levels };
}

describe('on an Arduino with StandardFirmata (mock-firmata)', () => {
  it('reads moisture from analog reports and drives the valve and pump pins', async () => {
    const config = exampleConfig((raw) => {
      raw.climateSensor = null;
    });
    const { io, board, levels } = firmataBoard();
    const events: ControlEvent[] = [];
    const bridge = startBridge({
      config,
      board,
      clock: () => Date.now(),
      journal: memoryJournal(),
      output: (o) => {
        if (o.kind === 'event') events.push(o.event);
      },
    });
    // Safe levels first: every relay pin LOW (active-high drivers, NC valves).
    for (const pin of [4, 5, 7, 11, 8, 9]) expect(levels.get(pin)).toBe(0);

    // The board reports zone z1 dry and the others in their band, every 20 ms as Firmata does.
    const report = setInterval(() => {
      for (const zone of config.zones) {
        const moisture =
          zone.id === 'z1'
            ? zone.settings.moistureLow - 3
            : (zone.settings.moistureLow + zone.settings.moistureHigh) / 2;
        io.emit(
          `analog-read-${zone.moistureSensor.pin.slice(1)}`,
          rawFor(config, zone.id, moisture) + (Date.now() % 2),
        );
      }
    }, 20);
    // Water flows while z1's valve is open: its meter on pin 3 pulses 12 L/min × 60 pulses/L = 12 Hz.
    const pulses = setInterval(() => {
      if (levels.get(4) === 1) {
        io.emit('digital-read-3', 1);
        io.emit('digital-read-3', 0);
      }
    }, 1000 / 12);

    await vi.advanceTimersByTimeAsync(1_000);
    expect(levels.get(4)).toBe(1);
    expect(levels.get(8)).toBe(1);
    expect(levels.get(9)).toBe(1);
    expect(levels.get(5)).toBe(0);
    expect(events[0]).toMatchObject({ type: 'water-started', zoneId: 'z1', rule: 'band-low' });

    // Flow arrives, so no dry-pump alarm after the grace period.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(levels.get(4)).toBe(1);
    expect(events.some((e) => e.type === 'alarm-raised')).toBe(false);

    // The USB cable is pulled: reports stop, and the zone closes within a second.
    clearInterval(report);
    clearInterval(pulses);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(levels.get(4)).toBe(0);
    expect(levels.get(8)).toBe(0);
    expect(events.find((e) => e.type === 'alarm-raised')).toMatchObject({ alarm: 'sensor-stale', zoneId: 'z1' });
    bridge.stop();
  });
});
