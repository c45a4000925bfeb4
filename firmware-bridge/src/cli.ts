// npm run bridge -- [--board virtual|firmata] [--port /dev/ttyACM0] [--config FILE] [--warp N]
//                   [--journal FILE]
// Runs the greenhouse bridge: Johnny-Five on the virtual greenhouse (default) or an Arduino with
// StandardFirmata, the control loop, and a live view (a terminal) or JSON log lines (a service).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import five from 'johnny-five';
import { z } from 'zod';
import { virtualGreenhouse } from './board/virtual-greenhouse.ts';
import { createVirtualBoard } from './board/virtual-io.ts';
import { loadGatewayConfig } from './config/load.ts';
import { describeIssues } from './config/load.ts';
import { type Bridge, startBridge } from './runtime/bridge.ts';
import { createDisplay } from './runtime/display.ts';
import { fileJournal } from './runtime/journal.ts';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const argsSchema = z
  .object({
    board: z.enum(['virtual', 'firmata']).default('virtual'),
    port: z.string().optional(),
    config: z.string().default(path.join(packageDir, 'config', 'example.json')),
    warp: z.coerce.number().min(1).max(3600).default(60),
    journal: z.string().optional(),
  })
  .refine((a) => a.board !== 'firmata' || a.port, {
    message: '--board firmata needs --port (e.g. /dev/ttyACM0)',
    path: ['port'],
  });

function fail(message: string): never {
  process.stderr.write(`✖ ${message}\n`);
  process.exit(1);
}

function main() {
  const { values } = parseArgs({
    options: {
      board: { type: 'string' },
      port: { type: 'string' },
      config: { type: 'string' },
      warp: { type: 'string' },
      journal: { type: 'string' },
    },
  });
  const parsedArgs = argsSchema.safeParse(values);
  if (!parsedArgs.success)
    fail(
      describeIssues(parsedArgs.error.issues)
        .map((l) => `--${l}`)
        .join('; '),
    );
  const args = parsedArgs.data;
  let config;
  try {
    config = loadGatewayConfig(args.config);
  } catch (error) {
    fail((error as Error).message);
  }
  const journalFile = args.journal ?? path.join(packageDir, '..', '.data', `bridge-${config.thingName}.runs.json`);

  const virtual = args.board === 'virtual';
  const warp = virtual ? args.warp : 1;
  let clock: () => number = () => Date.now();
  let io: unknown;
  if (virtual) {
    try {
      const start = Date.now();
      const { hardware } = virtualGreenhouse(config, start);
      const board = createVirtualBoard({ config, hardware, startAt: start, warp });
      io = board;
      clock = () => board.now();
    } catch (error) {
      fail((error as Error).message);
    }
  }
  const board = new five.Board({ ...(io ? { io } : { port: args.port }), repl: false, debug: false, sigint: false });
  const tty = Boolean(process.stdout.isTTY);
  const output = createDisplay({
    thingName: config.thingName,
    utcOffsetMinutes: config.utcOffsetMinutes,
    warp,
    tty,
    write: (text) => process.stdout.write(text),
    snapshotEveryMs: 60_000 * Math.max(1, warp / 60),
  });

  let bridge: Bridge | undefined;
  const stop = (reason: string, code: number) => {
    // Valves closed first, whatever else happens.
    bridge?.stop();
    process.stderr.write(`bridge stopped: ${reason}\n`);
    process.exit(code);
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

  board.on('error', (error: Error) => fail(`the board did not answer: ${error.message}`));
  board.on('ready', () => {
    if (!tty)
      process.stdout.write(
        `${JSON.stringify({ level: 'info', type: 'bridge-started', thingName: config.thingName, board: args.board, warp })}\n`,
      );
    bridge = startBridge({ config, board, clock, journal: fileJournal(journalFile), output, timeScale: warp });
  });
}

main();
