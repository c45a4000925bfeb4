import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Seedline's firmware sources and build folder (`firmware-bridge/firmware`). */
export const firmwareDir = fileURLToPath(new URL('../../../firmware/', import.meta.url));
export const seedlineHexPath = path.join(firmwareDir, 'build', 'seedline-firmata.hex');

/**
 * Seedline's firmware as Intel HEX, built with avr-gcc by `make` (what `npm run build:firmware`
 * runs): the hex is never committed, and make rebuilds it only when a source changed.
 */
export function seedlineFirmataHex(): string {
  try {
    execFileSync('make', ['-s', '-C', firmwareDir], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(
      `building ${seedlineHexPath} failed: make with gcc-avr, avr-libc and binutils-avr is needed (.ci/run installs them)`,
      { cause: error },
    );
  }
  return fs.readFileSync(seedlineHexPath, 'utf8');
}
