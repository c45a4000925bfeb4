import { io, iot, mqtt } from 'aws-iot-device-sdk-v2';
import { z } from 'zod';

// How every Seedline MQTT client connects (the bridge, ingest, the local shadow service, tests):
// the AWS IoT device SDK's MQTT 3.1.1 client, which works with AWS IoT Core, Mosquitto and aedes.
// Web imports it as `@seedline/firmware-bridge/mqtt-connection`.

const filePath = z.string().min(1);

/**
 * Mutual TLS (the default: AWS IoT Core and the local brokers), or plain TCP without certificates,
 * which is for tests against a local broker that has no TLS listener (Mosquitto on 1883) only.
 */
export const mqttTransportSchema = z.union([
  z.object({ tls: z.literal(true).optional(), certPath: filePath, keyPath: filePath, caPath: filePath }),
  z.object({
    tls: z.literal(false),
    certPath: z.undefined().optional(),
    keyPath: z.undefined().optional(),
    caPath: z.undefined().optional(),
  }),
]);
export type MqttTransport = z.infer<typeof mqttTransportSchema>;

/** The transport from loose options, or an error naming what is missing. */
export function parseTransport(
  who: string,
  options: { tls?: boolean; certPath?: string; keyPath?: string; caPath?: string },
): MqttTransport {
  const parsed = mqttTransportSchema.safeParse({
    tls: options.tls,
    certPath: options.certPath,
    keyPath: options.keyPath,
    caPath: options.caPath,
  });
  if (!parsed.success) {
    throw new Error(`${who}: certPath, keyPath and caPath are all required with TLS, and none with tls: false`);
  }
  return parsed.data;
}

export type ConnectionSettings = {
  endpoint: string;
  /** 8883 with TLS, 1883 without by default. */
  port?: number;
  clientId: string;
  transport: MqttTransport;
  /** false: a persistent session (the broker keeps subscriptions and queues QoS 1 while away). */
  cleanSession: boolean;
  keepAliveSeconds?: number;
  operationTimeoutMs?: number;
  reconnectMinSeconds?: number;
  reconnectMaxSeconds?: number;
  connectTimeoutMs?: number;
};

export function defaultPort(transport: MqttTransport): number {
  return transport.tls === false ? 1883 : 8883;
}

export function newConnection(settings: ConnectionSettings): mqtt.MqttClientConnection {
  const { transport } = settings;
  const builder =
    transport.tls === false
      ? iot.AwsIotMqttConnectionConfigBuilder.new_default_builder()
      : iot.AwsIotMqttConnectionConfigBuilder.new_mtls_builder_from_path(
          transport.certPath,
          transport.keyPath,
        ).with_certificate_authority_from_path(undefined, transport.caPath);
  const config = builder
    .with_endpoint(settings.endpoint)
    .with_port(settings.port ?? defaultPort(transport))
    .with_client_id(settings.clientId)
    .with_clean_session(settings.cleanSession)
    .with_keep_alive_seconds(settings.keepAliveSeconds ?? 30)
    .with_ping_timeout_ms(5_000)
    .with_protocol_operation_timeout_ms(settings.operationTimeoutMs ?? 30_000)
    .with_reconnect_min_sec(settings.reconnectMinSeconds ?? 1)
    .with_reconnect_max_sec(settings.reconnectMaxSeconds ?? 60)
    // The builder's default socket is IPv6 with a 5 s connect timeout: brokers are reached over IPv4
    // (127.0.0.1 locally), and the timeout is the caller's.
    .with_socket_options(
      new io.SocketOptions(io.SocketType.STREAM, io.SocketDomain.IPV4, settings.connectTimeoutMs ?? 10_000),
    )
    .build();
  // The SDK puts its metrics in the MQTT user name, which brokers that check user names refuse.
  config.disable_metrics = true;
  // Without a TLS context aws-crt opens a plain TCP connection (local tests only, see above).
  if (transport.tls === false) config.tls_ctx = undefined;
  const connection = new mqtt.MqttClient().new_connection(config);
  // An 'error' event without a listener would throw inside the SDK (and abort the process); errors
  // also reach the promises they belong to.
  connection.on('error', () => undefined);
  return connection;
}
