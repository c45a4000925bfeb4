// `npm start`: the whole system on one machine with its embedded defaults — the web app (which
// owns the embedded database) and the greenhouse bridge on the virtual greenhouse, time-warped.
// The bridge logs JSON lines to .data/bridge.log; `npm run bridge` in a terminal shows it live.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.env.SEEDLINE_DATA_DIR ?? path.join(root, '.data');
fs.mkdirSync(dataDir, { recursive: true });
const bridgeLog = path.join(dataDir, 'bridge.log');
const warp = process.env.SEEDLINE_WARP ?? '60';

const children: ChildProcess[] = [];
let stopping = false;

function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3_000).unref();
}

function run(name: string, args: string[], stdout: 'inherit' | number) {
  const child = spawn('npm', ['run', '--silent', ...args], { cwd: root, stdio: ['ignore', stdout, 'inherit'] });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}): stopping`);
      stopAll(code ?? 1);
    } else if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) {
      process.exit(0);
    }
  });
  children.push(child);
}

run('web', ['start', '-w', '@seedline/web'], 'inherit');
run(
  'bridge',
  ['bridge', '-w', '@seedline/firmware-bridge', '--', '--board', 'virtual', '--warp', warp],
  fs.openSync(bridgeLog, 'a'),
);
console.log(
  `Greenhouse bridge running on the virtual greenhouse (${warp}× time), logging to ${path.relative(root, bridgeLog)}`,
);
console.log('For its live view in a terminal: npm run bridge');

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
