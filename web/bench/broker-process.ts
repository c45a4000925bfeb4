// The bench's broker in a process of its own, as in production (AWS IoT Core, or the local stack's
// broker beside ingest): aedes and its TLS then get their own event loop instead of sharing the
// bench's with ingest. Started by broker.ts with the PKI folder as argument; says its port over IPC
// and answers CPU-time questions until told to stop.
import { startBroker } from '../../infra/local/broker.ts';
import { brokerTls, pkiPaths } from '../../infra/local/pki.ts';
import { ownCpuMs } from './child.ts';

const dir = process.argv[2];
if (!dir || !process.send) {
  console.error('broker-process: run by broker.ts (needs the PKI folder and an IPC channel)');
  process.exit(2);
}
// The parent gone (crashed or killed) means nobody will say close.
process.on('disconnect', () => process.exit(0));
const pki = pkiPaths(dir);
const broker = await startBroker({
  port: 0,
  tls: await brokerTls(pki),
  log: (line) => console.error(`broker: ${line}`),
});

process.on('message', (message: { type: string }) => {
  if (message.type === 'cpu') process.send!({ type: 'cpu', cpuMs: ownCpuMs() });
  if (message.type === 'close') void broker.close().finally(() => process.exit(0));
});
process.send({ type: 'ready', port: broker.port });
