// The simulated bridges in a process of their own, as in production (bridges are never in ingest's
// process): their 40 clients' TLS and callbacks get their own event loop and CPU figure instead of
// sharing the bench's with ingest. Started by fleet.ts with the PKI folder, the broker's port and the
// messages per bridge; builds the payloads, connects, says ready over IPC, then publishes on request
// (answering with the send times on the shared clock) and answers CPU-time questions until told to
// stop. Exits with the parent: the IPC channel closing means nobody will say close.
import { pkiPaths } from '../../infra/local/pki.ts';
import { connectFleet } from './fleet.ts';
import { fleetPayloads } from './payloads.ts';
import { helperChannel, ownCpuMs } from './child.ts';

const [dir, portArg, countsArg] = process.argv.slice(2);
const port = Number(portArg);
const counts = (countsArg ?? '').split(',').map(Number);
if (!dir || !process.send || !(port > 0) || !counts.every((n) => Number.isInteger(n) && n > 0)) {
  console.error('fleet-process: run by fleet.ts (needs the PKI folder, the port, the counts and an IPC channel)');
  process.exit(2);
}
const { send, fail } = helperChannel();

try {
  const fleet = await connectFleet(pkiPaths(dir), port, fleetPayloads(counts));
  process.on('message', (message: { type: string; window?: number }) => {
    if (message.type === 'cpu') send({ type: 'cpu', cpuMs: ownCpuMs() });
    if (message.type === 'publish') {
      fleet.publishAll(message.window ?? 1).then((times) => send({ type: 'published', ...times }), fail);
    }
    // aws-crt keeps Node alive after its connections close: leave explicitly.
    if (message.type === 'close') void fleet.close().finally(() => process.exit(0));
  });
  send({ type: 'ready' });
} catch (error) {
  fail(error);
}
