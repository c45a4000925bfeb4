// npm run emulated-board -- [--firmware seedline|standard] [--config FILE] [--listen PORT]
//                           [--host 127.0.0.1] [--dtr-reset on|off]
// An Arduino Uno on the emulated ATmega328P, running Seedline's firmware or StandardFirmata and
// wired to a greenhouse bench per the gateway config, served on a TCP port as ser2net serves a
// real one: `npm run bridge -- --board firmata --port tcp://127.0.0.1:PORT` drives it. Prints one
// JSON line with the port it listens on (`--listen 0`, the default, takes any free port). Needs the
// bridge's dev dependencies (avr8js, avrgirl-arduino) and, for Seedline's firmware, gcc-avr.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { standardFirmataHex } from './board/emulated-avr/emulated-board.ts';
import { seedlineFirmataHex } from './board/emulated-avr/seedline-firmware.ts';
import { serveEmulatedUno } from './board/emulated-avr/tcp-server.ts';
import { fail, readOptions } from './command-line.ts';
import { loadGatewayConfig } from './config/load.ts';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const argsSchema = z.object({
  firmware: z.enum(['seedline', 'standard']).default('seedline'),
  config: z.string().default(path.join(packageDir, 'config', 'example.json')),
  listen: z.coerce.number().int().min(0).max(65_535).default(0),
  host: z.string().min(1).default('127.0.0.1'),
  'dtr-reset': z.enum(['on', 'off']).default('on'),
});

async function main() {
  const args = readOptions(argsSchema, ['firmware', 'config', 'listen', 'host', 'dtr-reset']);
  const server = await serveEmulatedUno({
    config: loadGatewayConfig(args.config),
    firmwareHex: args.firmware === 'seedline' ? seedlineFirmataHex() : standardFirmataHex(),
    host: args.host,
    port: args.listen,
    resetOnConnect: args['dtr-reset'] === 'on',
    onHost: (event, remote, error) =>
      process.stderr.write(`emulated board: host ${remote} ${event}${error ? ` (${error})` : ''}\n`),
  });
  process.stdout.write(
    `${JSON.stringify({ type: 'emulated-board-listening', firmware: args.firmware, host: server.host, port: server.port })}\n`,
  );
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
