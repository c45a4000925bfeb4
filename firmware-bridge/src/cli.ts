// npm run bridge -- [--board virtual|firmata] [--port /dev/ttyACM0|tcp://HOST:PORT] [--config FILE]
//                   [--warp N] [--journal FILE]
// Runs the greenhouse bridge: Johnny-Five on the virtual greenhouse (default) or an Arduino with
// Firmata (over USB, or over TCP from ser2net), the control loop, and a live view (a terminal) or
// JSON log lines (a service). With a `reporting` section in the config, it also reports to the
// cloud over MQTT: events and telemetry go through a durable outbox, drained to the broker as the
// link allows. When the Arduino resets under it, it stops with exit status 75 to be restarted.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import five, { type Board } from 'johnny-five';
import { z } from 'zod';
import { BOARD_RESET_EXIT_CODE, onBoardReset } from './board/board-reset.ts';
import { type TcpPort, boardPortSchema, openTcpPort } from './board/tcp-port.ts';
import { virtualGreenhouse } from './board/virtual-greenhouse.ts';
import { createVirtualBoard } from './board/virtual-io.ts';
import { fail, readOptions } from './command-line.ts';
import { loadGatewayConfig } from './config/load.ts';
import type { GatewayConfig, ReportingConfig } from './config/schema.ts';
import { type MqttState, connectMqtt, stopReporting } from './reporting/mqtt.ts';
import { openOutbox } from './reporting/outbox.ts';
import { createPublisher } from './reporting/publisher.ts';
import { listenForConfirmations } from './reporting/confirmations.ts';
import { createReporter } from './reporting/reporter.ts';
import { type ShadowSync, startShadowSync } from './reporting/shadow-sync.ts';
import { openSequence } from './reporting/sequence.ts';
import { type BridgeOutput } from './runtime/bridge.ts';
import { type Bridge, startBridge } from './runtime/bridge.ts';
import { createDisplay } from './runtime/display.ts';
import { fileJournal } from './runtime/journal.ts';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const argsSchema = z
  .object({
    board: z.enum(['virtual', 'firmata']).default('virtual'),
    port: boardPortSchema.optional(),
    config: z.string().default(path.join(packageDir, 'config', 'example.json')),
    warp: z.coerce.number().min(1).max(3600).default(60),
    journal: z.string().optional(),
  })
  .refine((a) => a.board !== 'firmata' || a.port, {
    message: 'is needed with --board firmata (e.g. /dev/ttyACM0, or tcp://HOST:PORT for ser2net)',
    path: ['port'],
  });
type Args = z.infer<typeof argsSchema>;

type Reporting = {
  output: (output: BridgeOutput) => void;
  /** Settings and commands from the `irrigation` shadow, once the bridge runs. */
  attach: (bridge: Bridge, clock: () => number) => void;
  stop: () => Promise<void>;
};

/**
 * Sequence, outbox, reporter and publisher over the MQTT link. Everything the bridge outputs is on
 * disk before the reporter returns; the publisher sends it when (and as fast as) the link allows.
 */
function startReporting(config: GatewayConfig, reportingConfig: ReportingConfig, configDir: string): Reporting {
  const thing = config.thingName;
  const resolve = (file: string) => path.resolve(configDir, file);
  const outboxDir = reportingConfig.outboxDir
    ? resolve(reportingConfig.outboxDir)
    : path.join(packageDir, '..', '.data', `outbox-${thing}`);
  // Never issue a number still waiting in the outbox, even should the sequence file be lost.
  const sequence = openSequence(`${outboxDir}.sequence.json`, { floor: highestSeqIn(outboxDir) });
  const outbox = openOutbox({ folder: outboxDir });
  const output = createReporter({
    thing,
    sequence,
    outbox,
    telemetryEveryMs: reportingConfig.telemetryEverySeconds * 1000,
  });
  const where = `${reportingConfig.endpoint}:${reportingConfig.port}`;
  let wake = () => undefined as void;
  let shadow: ShadowSync | undefined;
  const link = connectMqtt({
    endpoint: reportingConfig.endpoint,
    port: reportingConfig.port,
    clientId: thing,
    certPath: resolve(reportingConfig.certPath),
    keyPath: resolve(reportingConfig.keyPath),
    caPath: resolve(reportingConfig.caPath),
    onState: (state: MqttState) => {
      if (state.kind === 'connected' || state.kind === 'resumed') {
        wake();
        shadow?.refresh();
      }
      process.stderr.write(`bridge: MQTT ${describeState(state)} (${where})\n`);
    },
  });
  const publisher = createPublisher({
    outbox,
    send: link.publish,
    // While the link is down every retry fails; the MQTT state lines already say why.
    onError: (error, seq) => {
      if (link.connected())
        process.stderr.write(`bridge: publishing message ${seq} failed, will retry: ${(error as Error).message}\n`);
    },
  });
  wake = () => publisher.wake();
  listenForConfirmations(link, thing, publisher, (message) => process.stderr.write(`bridge: ${message}\n`));
  const attach = (bridge: Bridge, clock: () => number) => {
    shadow = startShadowSync({
      thing,
      link,
      target: {
        settings: bridge.settings,
        applySettings: bridge.applySettings,
        refuseSettings: bridge.refuseSettings,
        command: bridge.command,
        clock,
      },
    });
    if (link.connected()) shadow.refresh();
  };
  return {
    output,
    attach,
    stop: () => {
      shadow?.stop();
      return stopReporting(publisher, link);
    },
  };
}

function describeState(state: MqttState): string {
  switch (state.kind) {
    case 'connect-failed':
      return `connection failed, retrying in ${Math.round(state.retryInMs / 1000)} s: ${state.error.message}`;
    case 'interrupted':
      return `connection lost, reconnecting: ${state.error.message}`;
    case 'resumed':
      return 'reconnected';
    default:
      return state.kind;
  }
}

/** The highest seq among the outbox's files (0 when none), read before the outbox opens. */
function highestSeqIn(folder: string): number {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return 0;
  }
  return names.reduce((max, name) => (/^\d{16}\.json$/.test(name) ? Math.max(max, Number(name.slice(0, 16))) : max), 0);
}

type OpenedBoard = {
  board: Board;
  /** The bridge's time: the virtual board's simulated clock, or the wall clock. */
  clock: () => number;
  warp: number;
  /** The TCP link to a board behind ser2net (null on USB and on the virtual board). */
  tcp: TcpPort | null;
};

/** Johnny-Five's board on the virtual greenhouse, a serial device, or a TCP serial line. */
function openBoard(args: Args, config: GatewayConfig): OpenedBoard {
  const options = { repl: false, debug: false, sigint: false };
  if (args.board === 'firmata') {
    const { port } = args;
    if (!port) fail('--board firmata needs --port');
    if (port.kind === 'serial')
      return { board: new five.Board({ ...options, port: port.path }), clock: Date.now, warp: 1, tcp: null };
    const tcp = openTcpPort(port.host, port.port);
    return { board: new five.Board({ ...options, port: tcp }), clock: Date.now, warp: 1, tcp };
  }
  try {
    const start = Date.now();
    const { hardware } = virtualGreenhouse(config, start);
    const io = createVirtualBoard({ config, hardware, startAt: start, warp: args.warp });
    return { board: new five.Board({ ...options, io }), clock: () => io.now(), warp: args.warp, tcp: null };
  } catch (error) {
    fail((error as Error).message);
  }
}

function main() {
  const args = readOptions(argsSchema, ['board', 'port', 'config', 'warp', 'journal']);
  let config;
  try {
    config = loadGatewayConfig(args.config);
  } catch (error) {
    fail((error as Error).message);
  }
  const journalFile = args.journal ?? path.join(packageDir, '..', '.data', `bridge-${config.thingName}.runs.json`);

  const { board, clock, warp, tcp } = openBoard(args, config);
  const tty = Boolean(process.stdout.isTTY);
  const display = createDisplay({
    thingName: config.thingName,
    utcOffsetMinutes: config.utcOffsetMinutes,
    warp,
    tty,
    write: (text) => process.stdout.write(text),
    snapshotEveryMs: 60_000 * Math.max(1, warp / 60),
  });
  let reporting: Reporting | undefined;
  if (config.reporting) {
    try {
      reporting = startReporting(config, config.reporting, path.dirname(path.resolve(args.config)));
    } catch (error) {
      fail(`reporting could not start: ${(error as Error).message}`);
    }
  }
  // The reporter never throws (a reporting failure must not stop irrigation); the display runs first.
  const output = reporting
    ? (out: BridgeOutput) => {
        display(out);
        reporting.output(out);
      }
    : display;

  let bridge: Bridge | undefined;
  let stopping = false;
  const stop = (reason: string, code: number) => {
    // Valves closed first, whatever else happens.
    try {
      bridge?.stop();
    } finally {
      if (stopping) process.exit(code);
      stopping = true;
      process.stderr.write(`bridge stopped: ${reason}\n`);
      // Then reporting, bounded: the publisher ends after its in-flight PUBACK, the link disconnects.
      // What is not acknowledged stays in the outbox for the next start. The MQTT client keeps Node
      // alive after closing, so the exit is explicit.
      void (reporting?.stop() ?? Promise.resolve()).finally(() => process.exit(code));
    }
  };
  process.on('SIGINT', () => stop('SIGINT', 0));
  process.on('SIGTERM', () => stop('SIGTERM', 0));
  process.on('uncaughtException', (error) => {
    process.stderr.write(`${error.stack ?? String(error)}\n`);
    stop('uncaught error', 1);
  });
  process.on('unhandledRejection', (error) => {
    process.stderr.write(`${String(error)}\n`);
    stop('unhandled rejection', 1);
  });

  const log = (line: object) => {
    if (!tty) process.stdout.write(`${JSON.stringify({ ...line, thingName: config.thingName })}\n`);
  };
  board.on('error', (error: Error) => fail(`the board did not answer: ${error.message}`));
  // Without its link the bridge cannot drive a valve: it ends, and its service manager retries.
  tcp?.onEnd((reason) =>
    bridge
      ? stop(`lost the board at ${tcp.path}: ${reason}`, 1)
      : fail(`cannot reach the board at ${tcp.path}: ${reason}`),
  );
  board.on('ready', () => {
    log({ level: 'info', type: 'bridge-started', board: args.board, warp });
    bridge = startBridge({ config, board, clock, journal: fileJournal(journalFile), output, timeScale: warp });
    reporting?.attach(bridge, clock);
    if (args.board === 'firmata')
      onBoardReset(board.io, () => {
        log({ level: 'warn', type: 'board-reset', message: 'the board announced its firmware again: it has reset' });
        stop('the board reset; exiting to be restarted and configure it from scratch', BOARD_RESET_EXIT_CODE);
      });
  });
}

main();
