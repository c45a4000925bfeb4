import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import type { ObjectStore } from './objects.server.ts';

// The store shared by every web process: objects in one S3 bucket, by key. Region and credentials
// come from the SDK's usual chain (AWS_REGION and the task role on Fargate). An endpoint points it
// at another S3-compatible service, or the tests' fake, with path-style addresses (no DNS per bucket).

export type S3Settings = { bucket: string; endpoint?: string } & Pick<S3ClientConfig, 'region' | 'credentials'>;

/** S3 says "no such object" as NoSuchKey on GET and as a bare 404 (NotFound) on HEAD. */
const absent = (error: unknown) => error instanceof NoSuchKey || error instanceof NotFound;

export function s3Store({ bucket, endpoint, ...client }: S3Settings): ObjectStore {
  const s3 = new S3Client({ ...client, ...(endpoint && { endpoint, forcePathStyle: true }) });
  return {
    name: `s3://${bucket}`,
    async put(key, bytes, contentType) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: contentType }));
    },
    async get(key) {
      try {
        const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return Body ? Buffer.from(await Body.transformToByteArray()) : null;
      } catch (error) {
        if (absent(error)) return null;
        throw error;
      }
    },
    async exists(key) {
      try {
        await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return true;
      } catch (error) {
        if (absent(error)) return false;
        throw error;
      }
    },
    async delete(keys) {
      // One call per key: a photo has a dozen at most, and DeleteObjects needs a Content-MD5 of its body.
      await Promise.all(keys.map((key) => s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))));
    },
  };
}
