// `npm run broker -- stop|start`: stops or starts again the embedded MQTT broker of a running
// `npm start` (same data folder, SEEDLINE_DATA_DIR), leaving web, ingest and the bridge running, to
// rehearse a broker outage. It writes the wanted state to <dataDir>/broker.wanted and signals
// npm start (SIGUSR2; SIGUSR1 would open node's inspector), which reconciles and logs the result.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.resolve(root, process.env.SEEDLINE_DATA_DIR ?? '.data');
const pidFile = path.join(dataDir, 'start.pid');
const usage = 'usage: npm run broker -- stop|start';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '-h' || args[0] === '--help')) {
  console.log(usage);
  process.exit(0);
}
const unknown = args.find((arg) => arg !== 'start' && arg !== 'stop');
if (unknown !== undefined || args.length !== 1) {
  const why =
    unknown !== undefined
      ? `unknown argument ${JSON.stringify(unknown)}`
      : args.length === 0
        ? 'say stop or start'
        : `one word, stop or start, not ${JSON.stringify(args.join(' '))}`;
  console.error(`✖ ${why}\n${usage}`);
  process.exit(2);
}
const command = args[0] as 'start' | 'stop';

const pid = runningStart();
fs.writeFileSync(path.join(dataDir, 'broker.wanted'), command === 'stop' ? 'stopped\n' : 'running\n');
process.kill(pid, 'SIGUSR2');
console.log(`Asked npm start (pid ${pid}) to ${command} the MQTT broker; its output says when it has.`);

/** The pid of the npm start using this data folder, or exits saying why there is none. */
function runningStart(): number {
  const notRunning = (why: string): never => {
    console.error(`✖ npm start is not running on ${dataDir} (SEEDLINE_DATA_DIR as for npm start): ${why}`);
    process.exit(1);
  };
  let text: string;
  try {
    text = fs.readFileSync(pidFile, 'utf8');
  } catch {
    return notRunning('no start.pid there');
  }
  const pid = Number(text.trim());
  if (!Number.isInteger(pid) || pid <= 1) return notRunning('its start.pid holds no pid');
  try {
    process.kill(pid, 0);
  } catch {
    return notRunning(`process ${pid} (its start.pid) is gone`);
  }
  // A pid file left by a killed npm start may name an unrelated process by now, and SIGUSR2 would
  // end most programs: where /proc tells, make sure it is start.ts.
  try {
    if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('start.ts'))
      return notRunning(`process ${pid} (its start.pid) is not npm start`);
  } catch {
    // No /proc (macOS): trust the pid file, which npm start removes when it exits.
  }
  return pid;
}
