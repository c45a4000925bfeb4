// npm run pack:bridge: the bridge as a package a gateway installs on its own, without the rest of
// the repository (decision 028). Writes dist/gateway/seedline-firmware-bridge-<version>.tgz and
// prints its path as the last line.
//
// npm packs the workspace (its `files`); the package.json inside is then replaced by the gateway's
// and an npm-shrinkwrap.json cut from the repository's package-lock.json is added, so that
// `npm ci --omit=dev` on the gateway installs exactly the versions the repository tests.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { lockfileSchema } from './gateway-lock.ts';
import { gatewayPackage, manifestSchema } from './gateway-package.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORKSPACE = 'firmware-bridge';
const outDir = path.join(root, 'dist', 'gateway');

const packResult = z.array(z.object({ filename: z.string().min(1) })).length(1);

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${path.relative(root, file)}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

const writeJson = (file: string, value: unknown) => fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

/** `npm pack` in `cwd` into `destination`; the tarball's path. */
function npmPack(cwd: string, args: string[], destination: string): string {
  const stdout = execFileSync('npm', ['pack', ...args, '--json', '--pack-destination', destination], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return path.join(destination, packResult.parse(JSON.parse(stdout))[0]!.filename);
}

function main() {
  const { manifest, shrinkwrap } = gatewayPackage(
    readJson(path.join(root, 'package.json'), manifestSchema),
    readJson(path.join(root, 'package-lock.json'), lockfileSchema),
    readJson(path.join(root, WORKSPACE, 'package.json'), manifestSchema),
    WORKSPACE,
  );
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'seedline-pack-'));
  try {
    const packed = npmPack(root, ['--workspace', WORKSPACE], work);
    const staged = path.join(work, 'package');
    execFileSync('tar', ['-xzf', packed, '-C', work]);
    writeJson(path.join(staged, 'package.json'), manifest);
    writeJson(path.join(staged, 'npm-shrinkwrap.json'), shrinkwrap);
    fs.mkdirSync(outDir, { recursive: true });
    const tarball = npmPack(staged, [], outDir);
    const count = Object.keys(shrinkwrap.packages).length - 1;
    process.stderr.write(`${manifest.name}@${manifest.version}: ${count} locked packages\n`);
    process.stdout.write(`${path.relative(process.cwd(), tarball)}\n`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main();
