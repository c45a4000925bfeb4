import http from 'node:http';
import type { AddressInfo } from 'node:net';

// Zalo's ZNS API for tests: POST /message/template, as Zalo answers it (200 with { error: 0, data:
// { msg_id } } when accepted). It records every request and can refuse on demand, as Zalo does
// (200 with a negative error code) or as a server that is down does (a 5xx).

export type ZaloRequest = { accessToken: string | undefined; body: Record<string, unknown> };

export type FakeZalo = {
  url: string;
  requests: ZaloRequest[];
  /** Refuses the next `times` requests: with Zalo's `error` code, or with an HTTP status. */
  fail(how: { error: number; message?: string } | { status: number }, times?: number): void;
  close(): Promise<void>;
};

export async function startFakeZalo(): Promise<FakeZalo> {
  const requests: ZaloRequest[] = [];
  let failing: { how: { error: number; message?: string } | { status: number }; times: number } | null = null;
  let count = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/message/template') return void res.writeHead(404).end();
      const header = req.headers['access_token'];
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      requests.push({ accessToken: Array.isArray(header) ? header[0] : header, body });
      res.setHeader('Content-Type', 'application/json');
      if (failing && failing.times > 0) {
        failing.times -= 1;
        const how = failing.how;
        if ('status' in how) return void res.writeHead(how.status).end('{"error":-1,"message":"down"}');
        return void res.writeHead(200).end(JSON.stringify({ error: how.error, message: how.message ?? 'refused' }));
      }
      count += 1;
      res.writeHead(200).end(
        JSON.stringify({
          error: 0,
          message: 'Success',
          data: { msg_id: `msg-${count}`, sent_time: String(Date.now()) },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    fail(how, times = 1) {
      failing = { how, times };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
