import http from 'node:http';
import type { AddressInfo } from 'node:net';

// S3 for tests, just what the app's store asks of it through @aws-sdk/client-s3: PUT, GET, HEAD
// and DELETE of one object, path-style (/{bucket}/{key}), any bucket, no signature check. It keeps
// objects in memory and records every request, so a test can see what was written and when.

export type S3Request = { method: string; bucket: string; key: string };
export type FakeS3 = {
  url: string;
  requests: S3Request[];
  /** The bytes under a key of a bucket, or undefined. */
  object(bucket: string, key: string): Buffer | undefined;
  close(): Promise<void>;
};

type Stored = { bytes: Buffer; contentType: string };

function noSuchKey(res: http.ServerResponse, key: string, head: boolean) {
  // HEAD has no body: the SDK reads a bare 404 as NotFound; GET's XML says NoSuchKey.
  res.writeHead(404, { 'Content-Type': 'application/xml' });
  res.end(head ? undefined : `<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Key>${key}</Key></Error>`);
}

export async function startFakeS3(): Promise<FakeS3> {
  const objects = new Map<string, Stored>();
  const requests: S3Request[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://s3');
      const [, bucket = '', ...rest] = url.pathname.split('/');
      const key = rest.map(decodeURIComponent).join('/');
      const method = req.method ?? 'GET';
      requests.push({ method, bucket, key });
      const id = `${bucket}/${key}`;
      const found = objects.get(id);
      if (method === 'PUT') {
        objects.set(id, { bytes: Buffer.concat(chunks), contentType: req.headers['content-type'] ?? '' });
        return void res.writeHead(200, { ETag: `"${objects.size}"` }).end();
      }
      if (method === 'DELETE') {
        objects.delete(id);
        return void res.writeHead(204).end();
      }
      if (!found) return noSuchKey(res, key, method === 'HEAD');
      res.writeHead(200, { 'Content-Type': found.contentType, 'Content-Length': found.bytes.length });
      res.end(method === 'HEAD' ? undefined : found.bytes);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    object: (bucket, key) => objects.get(`${bucket}/${key}`)?.bytes,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
