import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A push service for tests, as a browser's would be: each device has an endpoint on it and the
// keys a browser makes when it subscribes (a P-256 key pair and a 16-byte auth secret). What is
// posted to an endpoint is decrypted as the browser would (RFC 8291 over RFC 8188's aes128gcm,
// with node:crypto's ECDH and HKDF), and the VAPID signature (RFC 8292) is checked. It can refuse
// on demand: a status for the next requests, or 410 Gone for a device that unsubscribed.

export type ReceivedPush = {
  device: string;
  headers: http.IncomingHttpHeaders;
  /** The decrypted payload, parsed as JSON. */
  message: unknown;
  /** The VAPID JWT's claims, and whether its signature checks with the key in the header. */
  vapid: { aud: string; sub: string; exp: number; publicKey: string; signatureValid: boolean };
};

export type PushDevice = {
  name: string;
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
};

export type FakePush = {
  url: string;
  received: ReceivedPush[];
  /** A device whose browser subscribed to this push service. */
  device(name: string): PushDevice;
  /** Answers the next `times` pushes with `status` (a 5xx: the service is down). */
  fail(status: number, times?: number): void;
  /** The device unsubscribed: its pushes are answered 410 Gone. */
  unsubscribe(name: string): void;
  close(): Promise<void>;
};

const b64url = (bytes: Buffer) => bytes.toString('base64url');

export async function startFakePush(): Promise<FakePush> {
  const devices = new Map<string, { ecdh: crypto.ECDH; auth: Buffer; gone: boolean }>();
  const received: ReceivedPush[] = [];
  let failing: { status: number; times: number } | null = null;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const name = decodeURIComponent((req.url ?? '').replace(/^\/push\//, ''));
      const device = devices.get(name);
      if (req.method !== 'POST' || !device) return void res.writeHead(404).end();
      if (device.gone) return void res.writeHead(410).end('unsubscribed');
      if (failing && failing.times > 0) {
        failing.times -= 1;
        return void res.writeHead(failing.status).end('push service unavailable');
      }
      try {
        const body = Buffer.concat(chunks);
        if (req.headers['content-encoding'] !== 'aes128gcm') throw new Error('not aes128gcm');
        const message: unknown = JSON.parse(decrypt(body, device.ecdh, device.auth).toString('utf8'));
        received.push({ device: name, headers: req.headers, message, vapid: checkVapid(req.headers.authorization) });
        res.writeHead(201).end();
      } catch (error) {
        res.writeHead(400).end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    received,
    device(name) {
      let device = devices.get(name);
      if (!device) {
        const ecdh = crypto.createECDH('prime256v1');
        ecdh.generateKeys();
        devices.set(name, (device = { ecdh, auth: crypto.randomBytes(16), gone: false }));
      }
      return {
        name,
        subscription: {
          endpoint: `${url}/push/${encodeURIComponent(name)}`,
          keys: { p256dh: b64url(device.ecdh.getPublicKey()), auth: b64url(device.auth) },
        },
      };
    },
    fail(status, times = 1) {
      failing = { status, times };
    },
    unsubscribe(name) {
      const device = devices.get(name);
      if (device) device.gone = true;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

const hkdf = (salt: Buffer, ikm: Buffer, info: Buffer, length: number) =>
  Buffer.from(crypto.hkdfSync('sha256', ikm, salt, info, length));

/** RFC 8291 §3.4 and RFC 8188 §2: one record, as web-push sends a payload of this size. */
function decrypt(body: Buffer, ecdh: crypto.ECDH, authSecret: Buffer): Buffer {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const serverPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const ecdhSecret = ecdh.computeSecret(serverPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), ecdh.getPublicKey(), serverPublic]);
  const ikm = hkdf(authSecret, ecdhSecret, keyInfo, 32);
  const cek = hkdf(salt, ikm, Buffer.from('Content-Encoding: aes128gcm\0'), 16);
  const nonce = hkdf(salt, ikm, Buffer.from('Content-Encoding: nonce\0'), 12);
  const decipher = crypto.createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 2, then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('no last-record delimiter');
  return padded.subarray(0, end);
}

/** `vapid t=<JWT>, k=<public key>` (RFC 8292 §3): the claims, and the ES256 signature checked. */
function checkVapid(header: string | undefined): ReceivedPush['vapid'] {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!match) throw new Error(`no VAPID authorization: ${header}`);
  const [, jwt, k] = match as unknown as [string, string, string];
  const [head, claims, signature] = jwt.split('.') as [string, string, string];
  const publicKey = crypto.createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: b64url(Buffer.from(k, 'base64url').subarray(1, 33)),
      y: b64url(Buffer.from(k, 'base64url').subarray(33, 65)),
    },
    format: 'jwk',
  });
  const signatureValid = crypto.verify(
    'sha256',
    Buffer.from(`${head}.${claims}`),
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  const { aud, sub, exp } = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as {
    aud: string;
    sub: string;
    exp: number;
  };
  return { aud, sub, exp, publicKey: k, signatureValid };
}
