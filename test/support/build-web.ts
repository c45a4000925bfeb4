import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Builds the web app once per test run, so tests serve the same production build users get. */
export default function setup() {
  // Projects each run their global setup in this one process: build only for the first.
  if (process.env.SEEDLINE_SKIP_WEB_BUILD === '1' || process.env.SEEDLINE_WEB_BUILT === '1') return;
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  execFileSync('npm', ['run', 'build', '-w', '@seedline/web'], { cwd: root, stdio: 'pipe' });
  process.env.SEEDLINE_WEB_BUILT = '1';
}
