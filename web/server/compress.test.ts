import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressText } from './compress.ts';

// A page streamed in two parts (the shell, then what waited on data), and events: what reaches
// the browser before the answer ends.

let server: http.Server;
let release: () => void = () => undefined;

beforeAll(async () => {
  const app = express();
  app.use(compressText());
  app.get('/page', (_req, res) => {
    res.type('html');
    res.write(`<html><body>${'<p>shell</p>'.repeat(200)}`);
    // The rest only once the test has seen the shell.
    release = () => res.end('<p>the rest</p></body></html>');
  });
  app.get('/events', (_req, res) => {
    res.type('text/event-stream');
    res.write('retry: 3000\n\n');
    release = () => res.end();
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

/** The answer's headers and its first decoded text, while the server still holds the rest. */
function firstText(path: string): Promise<{ headers: http.IncomingHttpHeaders; text: string }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    http
      .get({ port, host: '127.0.0.1', path, headers: { 'Accept-Encoding': 'br' } }, (response) => {
        const body =
          response.headers['content-encoding'] === 'br' ? response.pipe(zlib.createBrotliDecompress()) : response;
        body.once('data', (chunk: Buffer) => {
          resolve({ headers: response.headers, text: chunk.toString('utf8') });
          release();
          body.resume();
        });
      })
      .on('error', reject);
  });
}

describe('compressed text', () => {
  it('a streamed page: its first part reaches the browser, compressed, before the page ends', async () => {
    const { headers, text } = await firstText('/page');
    expect(headers['content-encoding']).toBe('br');
    expect(headers['vary']).toBe('Accept-Encoding');
    expect(text).toContain('<p>shell</p>');
    expect(text).not.toContain('the rest');
  });

  it('events go out uncompressed, each as it is written', async () => {
    const { headers, text } = await firstText('/events');
    expect(headers['content-encoding']).toBeUndefined();
    expect(text).toBe('retry: 3000\n\n');
  });
});
