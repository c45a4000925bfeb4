// The bridge on a gateway, as firmware-bridge/README.md ("On a Raspberry Pi with an Arduino") has
// it: the blocks marked `gateway-test` run as written (the pack in the repository, the install in an
// empty folder outside it that stands for /opt/seedline-bridge), then the installed bridge starts as
// its systemd unit starts it. Needs npm's cache or the registry (the install is allowed to prefer
// the cache) and a C++ compiler (serialport's binding builds).
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type EmulatedUnoServer, serveEmulatedUno } from '../firmware-bridge/src/board/emulated-avr/tcp-server.ts';
import { parseGatewayConfig } from '../firmware-bridge/src/config/load.ts';
import { bridgeOutput } from '../firmware-bridge/test/bridge-output.ts';
import { until } from '../firmware-bridge/test/until.ts';
import { lockfileSchema } from '../scripts/gateway-lock.ts';
import { markedBlock, unitSetting } from './support/marked-blocks.ts';

/**
 * The board the installed bridge runs on here: the emulated Uno on a TCP port (as ser2net would
 * serve a real one), in place of the unit's `/dev/ttyACM0`.
 */
const board = (uno: EmulatedUnoServer) => ['--board', 'firmata', '--port', `tcp://${uno.host}:${uno.port}`];

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = fs.readFileSync(path.join(root, 'firmware-bridge', 'README.md'), 'utf8');
const run = promisify(execFile);
const bash = (script: string) => ['-euo', 'pipefail', '-c', script];

let gateway = '';
let tarball = '';
let bridge: ChildProcess | undefined;
let uno: EmulatedUnoServer | undefined;

beforeAll(() => {
  gateway = fs.mkdtempSync(path.join(os.tmpdir(), 'seedline-gateway-'));
});
afterEach(async () => {
  if (bridge && bridge.exitCode === null && bridge.signalCode === null) bridge.kill('SIGKILL');
  bridge = undefined;
  await uno?.close();
  uno = undefined;
});
afterAll(() => fs.rmSync(gateway, { recursive: true, force: true }));

/** A gateway's shell: none of the repository's npm settings (npm passes them to the test), the cache allowed. */
function gatewayEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.toLowerCase().startsWith('npm_')) delete env[key];
  return { ...env, npm_config_prefer_offline: 'true', npm_config_audit: 'false' };
}

describe('the bridge on a gateway, as its README says', () => {
  it('packs with what a gateway needs and no tests, bench or build output', async () => {
    const { stdout } = await run('bash', bash(markedBlock(readme, 'gateway-test: pack')), { cwd: root });
    tarball = path.resolve(root, stdout.trim().split('\n').at(-1) ?? '');
    const { stdout: listing } = await run('tar', ['-tzf', tarball]);
    const files = listing.split('\n').filter(Boolean);
    expect(files).toEqual(
      expect.arrayContaining(
        ['package.json', 'npm-shrinkwrap.json', 'README.md', 'src/cli.ts', 'config/example.json']
          .concat(['firmware/Makefile', 'firmware/src/main.c'])
          .map((file) => `package/${file}`),
      ),
    );
    const unwanted =
      /(\.test\.ts|testkit\.ts)$|^package\/(test|bench|node_modules|firmware\/build)\/|emulated-avr|emulated-board-cli/;
    expect(files.filter((file) => unwanted.test(file))).toEqual([]);
  }, 120_000);

  it('installs alone: no Prisma, sharp, web or dev package, and the versions the repository tests', async () => {
    fs.copyFileSync(tarball, path.join(gateway, path.basename(tarball)));
    const install = markedBlock(readme, 'gateway-test: install');
    expect(install).toContain('npm ci --omit=dev');
    const { stdout, stderr } = await run('bash', bash(install), { cwd: gateway, env: gatewayEnv() });
    const installed = Object.keys(installedLock(gateway).packages).filter(Boolean);
    const names = installed.map((key) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(names).toEqual(expect.arrayContaining(['johnny-five', 'serialport', 'aws-iot-device-sdk-v2', 'tsx', 'zod']));
    const unwanted = /^(prisma|@prisma\/.*|sharp|@img\/.*|@remix-run\/.*|react|avr8js|mock-firmata|avrgirl-arduino)$/;
    expect(names.filter((name) => unwanted.test(name))).toEqual([]);
    // No install script generated a Prisma client (the repository's root postinstall does).
    expect(`${stdout}\n${stderr}`).not.toMatch(/prisma/i);
    expect(fs.existsSync(path.join(gateway, 'node_modules', '.prisma'))).toBe(false);
    // allowScripts let the serial port's native binding build.
    expect(fs.existsSync(path.join(gateway, 'node_modules/@serialport/bindings/build/Release/bindings.node'))).toBe(
      true,
    );
    expect(differencesFromRepositoryLock(installed)).toEqual([]);
  }, 600_000);

  it('builds Seedline firmware, starts as its unit starts it on an Uno running it, waters a dry zone, and on SIGTERM closes the valve and exits 0', async () => {
    // The firmware from the installed package's sources (gcc-avr as the README's firmware section says).
    await run('npm', ['run', 'build:firmware'], { cwd: gateway, env: gatewayEnv() });
    const firmwareHex = fs.readFileSync(path.join(gateway, 'firmware', 'build', 'seedline-firmata.hex'), 'utf8');
    const unit = markedBlock(readme, 'gateway-test: unit');
    // The install above ran in the folder that stands for this one.
    expect(unitSetting(unit, 'WorkingDirectory')).toBe('/opt/seedline-bridge');
    const [program, ...args] = unitSetting(unit, 'ExecStart').split(/\s+/);
    expect(program).toBe('/usr/bin/node');
    const configFile = path.join(gateway, 'gateway.json');
    const rawConfig = exampleWithout(path.join(gateway, 'config', 'example.json'), 'z1');
    fs.writeFileSync(configFile, JSON.stringify(rawConfig));
    const config = parseGatewayConfig(rawConfig);
    uno = await serveEmulatedUno({ config, firmwareHex });
    const options = ['--config', configFile, '--journal', path.join(gateway, 'runs.json')];
    const argv = [...withoutOptions(args, ['--board', '--port', '--config', '--journal']), ...board(uno), ...options];
    bridge = spawn(process.execPath, argv, { cwd: gateway, env: gatewayEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const output = bridgeOutput(bridge);

    await expect(output.line((l) => l.type === 'bridge-started', 30_000)).resolves.toMatchObject({ board: 'firmata' });
    const z1 = config.zones[0]!;
    uno.bench.setMoisture(z1.id, z1.settings.moistureLow - 3);
    await expect(output.line((l) => l.type === 'water-started' && l.zoneId === z1.id, 30_000)).resolves.toMatchObject({
      rule: 'band-low',
    });
    await until(() => uno!.bench.watering(z1.id), 2_000, 'z1 watering on the board');
    bridge.kill('SIGTERM');
    await expect(output.line((l) => l.type === 'water-stopped' && l.zoneId === z1.id, 15_000)).resolves.toMatchObject({
      rule: 'shutdown',
    });
    await expect(output.exit).resolves.toEqual({ code: 0, signal: null });
    expect(output.stderr()).toContain('bridge stopped: SIGTERM');
    // The bridge closed the valve on the board itself as it stopped.
    await until(() => uno!.bench.pinLevel(z1.valve.pin) === 0 && !uno!.bench.pumpOn(), 1_000, 'valve and pump off');
  }, 120_000);
});

const installedLock = (folder: string) =>
  lockfileSchema.parse(JSON.parse(fs.readFileSync(path.join(folder, 'node_modules', '.package-lock.json'), 'utf8')));

/** Installed packages whose version or checksum is not the one at their place in the repository's lock. */
function differencesFromRepositoryLock(installed: string[]): string[] {
  const { packages } = installedLock(gateway);
  const repository = lockfileSchema.parse(JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')));
  return installed.flatMap((key) => {
    const tested = repository.packages[key] ?? repository.packages[`firmware-bridge/${key}`];
    const got = packages[key]!;
    return tested !== undefined && tested.version === got.version && tested.integrity === got.integrity
      ? []
      : [`${key}@${got.version}`];
  });
}

/** The installed example config without reporting (no broker here), `zone` allowed to water at any hour. */
function exampleWithout(example: string, zone: string): Record<string, unknown> {
  const config = z
    .looseObject({ zones: z.array(z.looseObject({ id: z.string(), settings: z.looseObject({}) })) })
    .parse(JSON.parse(fs.readFileSync(example, 'utf8')));
  const { reporting: _reporting, ...rest } = config;
  const zones = config.zones.map((each) =>
    each.id === zone ? { ...each, settings: { ...each.settings, windows: [] } } : each,
  );
  return { ...rest, zones };
}

/** `args` without the named options and their values. */
function withoutOptions(args: string[], names: string[]): string[] {
  return args.filter((arg, i) => !names.includes(arg) && !names.includes(args[i - 1] ?? ''));
}
