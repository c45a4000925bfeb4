import type { Db } from '@seedline/db';
import { issueThingCertificate } from '@seedline/infra/local/issue';
import type { Env } from '../env.server.ts';
import { type Broker, bridgeConfig, bridgeFileNames } from './bridge-config.ts';
import { greenhouse } from './greenhouses.server.ts';

// What a greenhouse's bridge needs to report to the local broker: a certificate and key signed by
// the local CA (CN = its thing name, so the broker's ACL lets it publish and subscribe only under
// its own topics: infra/local/acl.ts) and its config file. The key is in this answer only: it is
// neither stored in the database nor kept in the PKI folder (decision 019).

export type LocalBroker = Broker & { pkiDir: string };

/** The local broker the co-op can issue for, or null (on AWS: `npm run provision`). */
export function localBroker(
  env: Pick<
    Env,
    'LOCAL_PKI_DIR' | 'LOCAL_MQTT_ENDPOINT' | 'LOCAL_MQTT_PORT' | 'INGEST_MQTT_ENDPOINT' | 'INGEST_MQTT_PORT'
  >,
): LocalBroker | null {
  if (!env.LOCAL_PKI_DIR) return null;
  return {
    pkiDir: env.LOCAL_PKI_DIR,
    endpoint: env.LOCAL_MQTT_ENDPOINT ?? env.INGEST_MQTT_ENDPOINT ?? '127.0.0.1',
    port: env.LOCAL_MQTT_PORT ?? env.INGEST_MQTT_PORT ?? 8883,
  };
}

export type BridgeFile = { name: string; type: string; content: string };

export async function provisionLocal(db: Db, greenhouseId: string, local: LocalBroker): Promise<BridgeFile[]> {
  const { thingName, zones } = await greenhouse(db, greenhouseId);
  const { endpoint, port } = local;
  const config = bridgeConfig(thingName, zones, { endpoint, port });
  const issued = await issueThingCertificate(local.pkiDir, thingName);
  const names = bridgeFileNames(thingName);
  return [
    { name: names.config, type: 'application/json', content: `${JSON.stringify(config, null, 2)}\n` },
    { name: names.certificate, type: 'application/x-pem-file', content: issued.certificatePem },
    { name: names.privateKey, type: 'application/x-pem-file', content: issued.privateKeyPem },
    { name: names.ca, type: 'application/x-pem-file', content: issued.caPem },
  ];
}
