// The embedded default broker: aedes behind mutual TLS, like AWS IoT Core. A client is who its
// certificate says (subject CN); the MQTT client id and user name carry no authority.
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { AddressInfo, Socket } from 'node:net';
import tls, { type TLSSocket } from 'node:tls';
import { filterWithin, mayPublish, maySubscribe } from './acl.ts';
import { identityFromCommonName, mayUseClientId, type Identity } from './identity.ts';

export interface BrokerOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** PEM: the CA that signs client certificates, and the broker's own certificate and key. */
  tls: { ca: string | Buffer; cert: string | Buffer; key: string | Buffer };
  /** Refusals and client errors, one line each; silent by default. */
  log?: (line: string) => void;
  /**
   * How long a device's telemetry or event publish may wait for ingest to subscribe (default
   * 20 s; 0 turns the hold off). See `holdForIngest` below.
   */
  ingestHoldMs?: number;
}

export interface RunningBroker {
  port: number;
  close: () => Promise<void>;
}

/** AWS IoT Core refuses a publish over 128 KB (and closes the connection): so does this broker. */
export const MAX_PAYLOAD_BYTES = 128 * 1024;

// aedes's AuthErrorCode is a `const enum` in a .d.ts, which isolatedModules cannot inline.
const IDENTIFIER_REJECTED = 2;
const NOT_AUTHORIZED = 5;

export async function startBroker(options: BrokerOptions): Promise<RunningBroker> {
  const log = options.log ?? (() => undefined);
  const identities = new WeakMap<Client, Identity>();

  const aedes = await Aedes.createBroker({
    authenticate(client, _username, _password, done) {
      const commonName = peerCommonName(client.conn);
      const identity = identityFromCommonName(commonName);
      if (identity === null) {
        log(`refused connection: certificate CN ${JSON.stringify(commonName)} is not a known principal`);
        return done(authError('not authorized', NOT_AUTHORIZED), false);
      }
      if (!mayUseClientId(identity, client.id)) {
        log(`refused connection: ${commonName} may not use client id ${JSON.stringify(client.id)}`);
        return done(authError('client id must be the thing name', IDENTIFIER_REJECTED), false);
      }
      identities.set(client, identity);
      done(null, true);
    },
    // aedes closes the connection when this fails (as AWS IoT Core does on a policy violation).
    authorizePublish(client, packet, done) {
      if (packet.payload.length > MAX_PAYLOAD_BYTES) {
        log(`refused publish to ${packet.topic} by ${client?.id ?? '(no client)'}: ${packet.payload.length} bytes`);
        return done(new Error(`payload over ${MAX_PAYLOAD_BYTES} bytes`));
      }
      const identity = client ? identities.get(client) : undefined;
      if (identity && mayPublish(identity, packet.topic)) {
        if (identity.kind !== 'device' || !packet.topic.startsWith('dt/seedline/')) return done(null);
        return holdForIngest(packet.topic, done);
      }
      log(`refused publish to ${packet.topic} by ${client?.id ?? '(no client)'}`);
      done(new Error(`not authorized to publish to ${packet.topic}`));
    },
    // A refused filter gets SUBACK return code 0x80; the connection stays up.
    authorizeSubscribe(client, subscription, done) {
      const identity = identities.get(client);
      if (identity && maySubscribe(identity, subscription.topic)) return done(null, subscription);
      log(`refused subscription to ${subscription.topic} by ${client.id}`);
      done(null, null);
    },
  });
  aedes.on('clientError', (client, error) => log(`client ${client.id}: ${error.message}`));

  // A restarted aedes has forgotten every session, ingest's persistent one too: until ingest has
  // subscribed again, a bridge's telemetry would be acknowledged and dropped, and the bridge would
  // delete it from its outbox. So a device's data publish waits (its PUBACK with it) until some
  // ingest subscription covers the topic; past the hold it is refused, the connection closes and
  // the bridge sends it again later from its outbox. (AWS IoT Core keeps ingest's session itself.)
  const holdMs = options.ingestHoldMs ?? 20_000;
  const ingestFilters = new Set<string>();
  /** Held publishes: each re-checks on a new ingest subscription; `cancel` ends it on close. */
  const waiting = new Map<() => void, () => void>();
  // Filters are only ever added while the broker runs, so a covered topic stays covered: remember
  // it, and every later publish on it (the hot path) is one set lookup.
  const coveredTopics = new Set<string>();
  const covered = (topic: string) => {
    if (coveredTopics.has(topic)) return true;
    for (const filter of ingestFilters) {
      if (filterWithin(topic, filter)) {
        coveredTopics.add(topic);
        return true;
      }
    }
    return false;
  };
  aedes.on('subscribe', (subscriptions, client) => {
    if (identities.get(client)?.kind !== 'ingest') return;
    for (const s of subscriptions) ingestFilters.add(s.topic);
    for (const wake of [...waiting.keys()]) wake();
  });
  const holdForIngest = (topic: string, done: (error: Error | null) => void) => {
    if (holdMs === 0 || covered(topic)) return done(null);
    const timer = setTimeout(() => {
      waiting.delete(check);
      log(`held publish to ${topic} for ${holdMs} ms with no ingest subscribed: refused`);
      done(new Error(`no ingest subscribed to ${topic}`));
    }, holdMs);
    const check = () => {
      if (!covered(topic)) return;
      waiting.delete(check);
      clearTimeout(timer);
      done(null);
    };
    waiting.set(check, () => {
      clearTimeout(timer);
      done(new Error('broker closing'));
    });
  };

  const sockets = new Set<Socket>();
  const server = tls.createServer(
    {
      requestCert: true,
      rejectUnauthorized: true,
      ca: options.tls.ca,
      cert: options.tls.cert,
      key: options.tls.key,
      minVersion: 'TLSv1.2',
    },
    aedes.handle,
  );
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', (error) => log(`TLS handshake refused: ${error.message}`));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      for (const cancel of waiting.values()) cancel();
      waiting.clear();
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      // Connections that never became MQTT clients (e.g. stuck in a handshake) are not aedes's to close.
      for (const socket of sockets) socket.destroy();
      await serverClosed;
    })());

  return { port, close };
}

function peerCommonName(conn: unknown): string | undefined {
  const socket = conn as Partial<TLSSocket>;
  if (typeof socket.getPeerCertificate !== 'function' || socket.authorized !== true) return undefined;
  const cn = socket.getPeerCertificate().subject?.CN;
  // Node gives an array when the subject holds the attribute more than once: that is no identity.
  return typeof cn === 'string' ? cn : undefined;
}

function authError(message: string, returnCode: number): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}
