import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/free-port.ts';
import { type Front, startFront } from './front.ts';

const servers: http.Server[] = [];
let front: Front | undefined;

afterEach(async () => {
  await front?.close();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A web process stand-in that answers every request with its name. */
async function backend(name: string): Promise<number> {
  const server = http.createServer((_req, res) => res.end(name));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Who answered, on a connection of its own. */
const ask = (url: string) =>
  new Promise<string>((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve(body));
      })
      .on('error', reject);
  });

describe('the front port of start:cluster', () => {
  it('hands new connections to the web processes in turn', async () => {
    front = await startFront(await freePort(), [await backend('web-1'), await backend('web-2')]);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await ask(front.url));
    expect(answers).toEqual(['web-1', 'web-2', 'web-1', 'web-2']);
  });

  it('sends a connection a process refuses (one restarting) to the next one', async () => {
    const down = await freePort();
    front = await startFront(await freePort(), [down, await backend('web-2')]);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await ask(front.url));
    expect(answers).toEqual(['web-2', 'web-2', 'web-2']);
  });

  it('closes a connection when no process accepts it', async () => {
    front = await startFront(await freePort(), [await freePort()]);
    await expect(ask(front.url)).rejects.toThrow(/socket hang up|ECONNRESET/);
  });
});
