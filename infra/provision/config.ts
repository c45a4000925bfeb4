import type { OutputPaths } from './files.ts';

// What a bridge or the web ingest needs to reach AWS IoT Core, in the shapes they read: the
// bridge's `thingName` and `reporting` config fields (firmware-bridge/src/config/schema.ts), and
// the web's INGEST_* environment variables.

export const MQTT_PORT = 8883;

export function bridgeConfigFragment(thingName: string, endpoint: string, paths: OutputPaths): string {
  const fragment = {
    thingName,
    reporting: { endpoint, port: MQTT_PORT, certPath: paths.cert, keyPath: paths.key, caPath: paths.ca },
  };
  return `${JSON.stringify(fragment, null, 2)}\n`;
}

/** Sourceable by a shell (`set -a; . ./ingest.env; set +a`) and readable by dotenv. */
export function ingestEnvFile(endpoint: string, paths: OutputPaths): string {
  const variables = {
    INGEST_MQTT_ENDPOINT: endpoint,
    INGEST_MQTT_PORT: String(MQTT_PORT),
    INGEST_CERT: paths.cert,
    INGEST_KEY: paths.key,
    INGEST_CA: paths.ca,
  };
  return Object.entries(variables)
    .map(([name, value]) => `${name}=${quote(value)}\n`)
    .join('');
}

function quote(value: string): string {
  // A single quote cannot be written inside single quotes in either syntax.
  if (value.includes("'")) throw new Error(`cannot write a path with a single quote into ingest.env: ${value}`);
  return `'${value}'`;
}
