// The bridge as a process of its own, talking Firmata over TCP to the emulated Uno served by this
// test (as ser2net serves a real one): what a SIGKILL of the bridge and a reset of the board do to
// the relays, and that a restarted bridge takes the board over again. Real timers throughout: the
// chip follows the wall clock, emulated time is read from its cycles.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BOARD_RESET_EXIT_CODE } from '../src/board/board-reset.ts';
import { standardFirmataHex } from '../src/board/emulated-avr/emulated-board.ts';
import { seedlineFirmataHex } from '../src/board/emulated-avr/seedline-firmware.ts';
import { type EmulatedUnoServer, serveEmulatedUno } from '../src/board/emulated-avr/tcp-server.ts';
import { FAILSAFE_TIMEOUT_MS } from '../src/board/seedline-firmata.ts';
import type { GatewayConfig } from '../src/config/schema.ts';
import { parseGatewayConfig } from '../src/config/load.ts';
import example from '../config/example.json' with { type: 'json' };
import { type BridgeOutput, bridgeOutput } from './bridge-output.ts';
import { hangChip, relayPins } from './emulated-harness.ts';
import { until } from './until.ts';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

type BridgeProcess = BridgeOutput & { child: ChildProcess };

let folder = '';
let configFile = '';
let served: EmulatedUnoServer | null = null;
const children: ChildProcess[] = [];
const hex = { seedline: '', standard: '' };

// The example greenhouse as a gateway runs it: no simulation, no reporting, and (for a test that
// may run at any hour) no watering windows, so that the bands alone decide.
const config: GatewayConfig = parseGatewayConfig({
  ...example,
  simulation: undefined,
  zones: example.zones.map((zone) => ({ ...zone, settings: { ...zone.settings, windows: [] } })),
});
const dry = (zoneId: string) => config.zones.find((z) => z.id === zoneId)!.settings.moistureLow - 3;
const wet = (zoneId: string) => config.zones.find((z) => z.id === zoneId)!.settings.moistureHigh + 3;

beforeAll(() => {
  hex.seedline = seedlineFirmataHex();
  hex.standard = standardFirmataHex();
});

afterEach(async () => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await served?.close();
  served = null;
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
  folder = '';
});

async function serve(firmware: keyof typeof hex): Promise<EmulatedUnoServer> {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'seedline-bridge-process-'));
  configFile = path.join(folder, 'config.json');
  fs.writeFileSync(configFile, JSON.stringify(config));
  served = await serveEmulatedUno({ config, firmwareHex: hex[firmware] });
  return served;
}

function startBridgeProcess(port: number): BridgeProcess {
  const child = spawn(
    process.execPath,
    [
      ...['--import', 'tsx', 'src/cli.ts', '--board', 'firmata', '--port', `tcp://127.0.0.1:${port}`],
      ...['--config', configFile, '--journal', path.join(folder, 'journal.json')],
    ],
    { cwd: packageDir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  return { child, ...bridgeOutput(child) };
}

/** A bridge process on the served board, started and watering zone z1 (dry) but not z2 (wet). */
async function wateringBridge(board: EmulatedUnoServer): Promise<BridgeProcess> {
  const bridge = startBridgeProcess(board.port);
  await bridge.line((l) => l.type === 'bridge-started', 20_000);
  board.bench.setMoisture('z1', dry('z1'));
  board.bench.setMoisture('z2', wet('z2'));
  await until(() => board.bench.watering('z1'), 5_000, 'z1 watering');
  expect(board.bench.valveOpen('z2')).toBe(false);
  return bridge;
}

// The example config's relays are active-high, valves NC: every safe level is LOW.
const everyRelayDrivenSafe = (board: EmulatedUnoServer) =>
  relayPins(config).every((pin) => board.bench.pinLevel(pin) === 0);

describe('the bridge in its own process on Seedline firmware over TCP', () => {
  it('after a SIGKILL of the bridge the board drives every relay safe within the failsafe timeout plus 1 s; a new bridge waters the dry zone again and keeps the wet one shut', async () => {
    const board = await serve('seedline');
    const bridge = await wateringBridge(board);

    bridge.child.kill('SIGKILL');
    const killedAt = board.chip.millis();
    const limit = FAILSAFE_TIMEOUT_MS + 1_000;
    await until(
      () => everyRelayDrivenSafe(board) || board.chip.millis() - killedAt > limit,
      limit + 10_000,
      'relays safe',
    );
    const took = board.chip.millis() - killedAt;
    expect(everyRelayDrivenSafe(board)).toBe(true);
    expect(took).toBeLessThanOrEqual(limit);
    // Not before: the last heartbeat came at most a second before the kill.
    expect(took).toBeGreaterThanOrEqual(FAILSAFE_TIMEOUT_MS - 1_000);
    expect(board.bench.watering('z1')).toBe(false);

    // The host comes back: a new bridge resets the board (DTR), configures it, records the run the
    // killed one left open, and waters the dry zone again under its rules.
    const again = startBridgeProcess(board.port);
    await again.line((l) => l.type === 'water-stopped' && l.zoneId === 'z1' && l.rule === 'interrupted', 20_000);
    await again.line((l) => l.type === 'water-started' && l.zoneId === 'z1', 10_000);
    await until(() => board.bench.watering('z1'), 5_000, 'z1 watering again');
    expect(board.bench.valveOpen('z2')).toBe(false);
  }, 60_000);

  it('when the board resets under it (a hung chip, reset by its watchdog) the bridge logs board-reset and exits with 75; a restarted bridge waters again', async () => {
    const board = await serve('seedline');
    const bridge = await wateringBridge(board);

    // The chip hangs; its watchdog resets it.
    hangChip(board.chip);

    const reset = await bridge.line((l) => l.type === 'board-reset', 5_000);
    expect(reset.level).toBe('warn');
    expect(await bridge.exit).toEqual({ code: BOARD_RESET_EXIT_CODE, signal: null });
    expect(board.bench.watering('z1')).toBe(false);
    expect(board.bench.pumpOn()).toBe(false);

    // Its service manager starts it again: it configures the board from scratch and waters.
    const again = startBridgeProcess(board.port);
    await again.line((l) => l.type === 'water-started' && l.zoneId === 'z1', 20_000);
    await until(() => board.bench.watering('z1'), 5_000, 'z1 watering after the restart');
    expect(board.bench.valveOpen('z2')).toBe(false);
  }, 60_000);
});

describe('the bridge in its own process on StandardFirmata over TCP', () => {
  it('records the hazard: after a SIGKILL of the bridge the valve stays open for the failsafe timeout plus 5 s and longer', async () => {
    const board = await serve('standard');
    const bridge = await wateringBridge(board);

    bridge.child.kill('SIGKILL');
    const killedAt = board.chip.millis();
    const span = FAILSAFE_TIMEOUT_MS + 5_000;
    await until(() => board.chip.millis() - killedAt >= span, span + 10_000, 'emulated time passing');
    expect(board.bench.pinLevel(config.zones[0]!.valve.pin)).toBe(1);
    expect(board.bench.watering('z1')).toBe(true);
  }, 60_000);
});

describe('the bridge over TCP without a board', () => {
  it('ends with a message naming the address when nothing listens there, instead of waiting', async () => {
    const board = await serve('seedline');
    const { port } = board;
    await board.close();
    served = null;
    const bridge = startBridgeProcess(port);
    expect(await bridge.exit).toEqual({ code: 1, signal: null });
    expect(bridge.stderr()).toContain(`cannot reach the board at tcp://127.0.0.1:${port}`);
  }, 20_000);
});
