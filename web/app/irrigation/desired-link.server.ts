import { randomBytes } from 'node:crypto';
import { connectMqtt } from '@seedline/firmware-bridge/mqtt';
import { shadowTopic } from '@seedline/firmware-bridge/shadow';
import type { IngestEnv } from '../env.server.ts';
import type { DesiredPublisher } from './shadow-link.server.ts';

// A web process without ingest (SEEDLINE_ROLES=web) still sends the farmer's controls to the
// greenhouses' shadows: through an MQTT link of its own that only publishes (decision 033). It
// connects with ingest's certificate under a client id of its own (a second connection under
// ingest's id would push ingest off the broker), and refuses a send while it is not connected, as
// ingest's link does: the farmer is told now, not when the link is back.

export type DesiredLink = { publishDesired: DesiredPublisher; connected(): boolean; close(): Promise<void> };

export function startDesiredLink(
  settings: Pick<IngestEnv, 'endpoint' | 'port'> & {
    certPath?: string;
    keyPath?: string;
    caPath?: string;
    tls?: boolean;
  },
  log: (line: string) => void = (line) => console.log(line),
): DesiredLink {
  // Under ingest's prefix: AWS IoT's policy and the local broker allow ingest's certificate seedline-ingest-*.
  const clientId = `seedline-ingest-web-${randomBytes(6).toString('hex')}`;
  const link = connectMqtt({
    ...settings,
    clientId,
    onState: (state) => {
      if (state.kind === 'connected' || state.kind === 'resumed')
        log(`Farm controls: linked to the broker as ${clientId}`);
      if (state.kind === 'interrupted' || state.kind === 'connect-failed')
        log(`Farm controls: no link to the broker (${state.error.message}); retrying`);
    },
  });
  return {
    publishDesired: (thing, desired) =>
      link.publish(shadowTopic(thing, 'update'), JSON.stringify({ state: { desired } })),
    connected: () => link.connected(),
    close: () => link.close(),
  };
}
