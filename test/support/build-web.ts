import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Builds the web app once per test run, so tests serve the same production build users get. */
export default function setup() {
  // Projects each run their global setup in this one process: build only for the first.
  if (process.env.SEEDLINE_SKIP_WEB_BUILD === '1' || process.env.SEEDLINE_WEB_BUILT === '1') return;
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  // Vitest sets NODE_ENV=test, and Vite keeps a NODE_ENV it finds: that build ships React's
  // development bundle (twice the size, slower), not what users get.
  execFileSync('npm', ['run', 'build', '-w', '@seedline/web'], {
    cwd: root,
    stdio: 'pipe',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  process.env.SEEDLINE_WEB_BUILT = '1';
}
