import { errorMessage } from '@seedline/firmware-bridge/async';
import { type MqttLink, type MqttState, connectMqtt } from '@seedline/firmware-bridge/mqtt';
import { type MqttTransport, defaultPort } from '@seedline/firmware-bridge/mqtt-connection';

// Ingest's connection to the broker: one MQTT 3.1.1 connection with a persistent session,
// subscribed to ingest's filters (again whenever the broker lost the session), which it can leave
// and rejoin (backpressure: subscriber.server.ts). A throw inside an SDK event listener aborts the
// whole process (aws-crt's native layer), so no listener here may throw.

export type IngestLog = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

/** Structured JSON lines through `write` (stdout by default); a failing write is swallowed. */
export function ingestLogger(write: (line: string) => void = (line) => console.log(line)): IngestLog {
  return (level, msg, fields = {}) => {
    try {
      write(JSON.stringify({ level, at: new Date().toISOString(), component: 'ingest', msg, ...fields }));
    } catch {
      // Logging must never take ingest (or, inside an SDK callback, the process) down.
    }
  };
}

export type IngestLinkOptions = {
  endpoint: string;
  port?: number;
  clientId: string;
  transport: MqttTransport;
  filters: readonly string[];
  reconnectMinSeconds: number;
  reconnectMaxSeconds: number;
  log: IngestLog;
  /** Every message of every filter, in arrival order (one connection-wide handler). */
  onMessage: (topic: string, payload: ArrayBuffer) => void;
};

/**
 * Ingest's link: the one every Seedline program keeps (`connectMqtt`), with its states as ingest's
 * log lines and every filter handed to `onMessage` as bytes.
 */
export function openIngestLink(o: IngestLinkOptions): MqttLink {
  const port = o.port ?? defaultPort(o.transport);
  const link = connectMqtt({
    ...o.transport,
    endpoint: o.endpoint,
    port,
    clientId: o.clientId,
    reconnectMinSeconds: o.reconnectMinSeconds,
    reconnectMaxSeconds: o.reconnectMaxSeconds,
    onState: (state) => logState(o.log, state, { endpoint: o.endpoint, port, tls: o.transport.tls !== false }),
  });
  for (const filter of o.filters) {
    link.subscribeRaw(filter, (topic, payload) => {
      try {
        o.onMessage(topic, payload);
      } catch (error) {
        o.log('error', 'buffering a message failed', { topic, error: errorMessage(error) });
      }
    });
  }
  return link;
}

function logState(log: IngestLog, state: MqttState, where: Record<string, unknown>): void {
  switch (state.kind) {
    case 'connected':
      return log('info', 'connected', { ...where, sessionPresent: state.sessionPresent });
    case 'connect-failed':
      return log('warn', 'connection failed, will retry', { error: state.error.message, retryInMs: state.retryInMs });
    case 'interrupted':
      return log('warn', 'connection lost, reconnecting', { error: state.error.message });
    case 'resumed':
      return log('info', 'reconnected', { sessionPresent: state.sessionPresent });
    case 'subscribed':
      return log('info', 'subscribed', { filters: state.filters });
    case 'subscribe-failed':
      return log('error', 'subscribing failed, will retry', { error: state.error.message, retryInMs: state.retryInMs });
    case 'closed':
      return;
  }
}
