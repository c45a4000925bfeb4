// What the board does when the bridge goes silent with water running: on Seedline's firmware
// every relay goes to its safe level by itself within the timeout plus a second; on
// StandardFirmata the valve stays open (the hazard Johnny-Five's users met, #487). All on the
// emulated ATmega328P under vitest's fake clock.
import { describe, expect, it, vi } from 'vitest';
import { FAILSAFE_TIMEOUT_MS, isSeedlineFirmware } from '../src/board/seedline-firmata.ts';
import type { GatewayConfig } from '../src/config/schema.ts';
import {
  advanceUntil,
  emulatedClockPerTest,
  hangChip,
  bridgeOn,
  relayPins,
  seedlineFirmata,
  standardFirmata,
} from './emulated-harness.ts';
import { T0, exampleConfig } from './harness.ts';

emulatedClockPerTest(T0);

/** The bridge on `firmware`, zone z1 watering (valve, master valve and pump on). */
async function watering(firmware: typeof seedlineFirmata, config: GatewayConfig) {
  const running = await bridgeOn(firmware, config);
  running.bench.setMoisture('z1', config.zones[0]!.settings.moistureLow - 3);
  await advanceUntil(() => running.bench.watering('z1'), 1_000);
  return running;
}

// The example config's relays are active-high, valves NC: every safe level is LOW.
const allSafe = (config: GatewayConfig, pinLevel: (pin: number) => 0 | 1 | null) =>
  relayPins(config).every((pin) => pinLevel(pin) === 0);

describe('Seedline firmware when the host goes silent', () => {
  it('drives every relay to its safe level within the timeout plus 1 s after the bridge dies', async () => {
    const config = exampleConfig();
    const { bench, transport } = await watering(seedlineFirmata, config);
    // The bridge's process is killed: nothing more reaches the chip; the chip runs on.
    transport.silence(true);
    const took = await advanceUntil(() => allSafe(config, bench.pinLevel), FAILSAFE_TIMEOUT_MS + 1_000);
    // Not before: the last heartbeat came at most a second before the host fell silent.
    expect(took).toBeGreaterThanOrEqual(FAILSAFE_TIMEOUT_MS - 1_000);
    expect(bench.watering('z1')).toBe(false);
    expect(bench.pumpOn()).toBe(false);
  }, 60_000);

  it('goes safe when only the heartbeat stops, holds the relays safe against the live bridge, and follows the bridge again when it resumes', async () => {
    const config = exampleConfig();
    const { bench, board, events } = await watering(seedlineFirmata, config);
    const io = board.io;
    if (!isSeedlineFirmware(io)) throw new Error('the board did not name itself SeedlineFirmata');
    // The heartbeat timer stalls while the rest of the bridge runs on.
    let heartbeats = true;
    const send = io.sysexCommand.bind(io);
    io.sysexCommand = (message) => (heartbeats || message[0] !== 0x01 ? send(message) : io);
    heartbeats = false;
    await advanceUntil(() => allSafe(config, bench.pinLevel), FAILSAFE_TIMEOUT_MS + 1_000);

    // z2 dries: the live bridge opens it, and the board, still without a heartbeat, refuses.
    bench.setMoisture('z2', config.zones[1]!.settings.moistureLow - 3);
    await advanceUntil(() => events.some((e) => e.type === 'water-started' && e.zoneId === 'z2'), 1_000);
    await vi.advanceTimersByTimeAsync(500);
    expect(allSafe(config, bench.pinLevel)).toBe(true);

    // The heartbeat resumes: the board releases the relays and the bridge drives them again to
    // what it decided, so z2 waters.
    heartbeats = true;
    await advanceUntil(() => bench.watering('z2'), 1_500);
  }, 60_000);
});

describe('StandardFirmata when the host goes silent', () => {
  it('records the hazard: the valve and the pump stay on after the bridge dies', async () => {
    const config = exampleConfig();
    const { bench, transport } = await watering(standardFirmata, config);
    transport.silence(true);
    await vi.advanceTimersByTimeAsync(FAILSAFE_TIMEOUT_MS + 5_000);
    expect(bench.pinLevel(config.zones[0]!.valve.pin)).toBe(1);
    expect(bench.watering('z1')).toBe(true);
  }, 60_000);
});

describe('Seedline firmware when the chip hangs', () => {
  it('is reset by its hardware watchdog within 0.6 s, and its restart makes every relay pin an input', async () => {
    const config = exampleConfig();
    const { bench, chip } = await watering(seedlineFirmata, config);
    hangChip(chip);
    // The watchdog's reset puts every I/O register back to its reset value, as on the real chip
    // (atmega328p.ts replaces avr8js's, which only restarts the program): the pins are inputs.
    const took = await advanceUntil(() => relayPins(config).every((pin) => bench.pinLevel(pin) === null), 1_000);
    expect(took).toBeLessThanOrEqual(600);
    expect(bench.watering('z1')).toBe(false);
  }, 60_000);
});
