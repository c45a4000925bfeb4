import os from 'node:os';
import path from 'node:path';
import { env } from '../env.server.ts';
import { folderStore } from './folder.server.ts';
import { s3Store } from './s3.server.ts';

// The binary files the app keeps (listing photos and their sized variants, farm record photos),
// by key: in the data folder on one machine, in S3 when SEEDLINE_S3_BUCKET is set, so that every
// web process sees what another wrote (decision 037). Keys are '/'-separated relative paths.

export type ObjectStore = {
  /** Where it keeps things, for logs and errors. */
  name: string;
  /** Writes the whole object at once: a reader sees the old bytes, or the new, never half. */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The object's bytes, or null when there is none under the key. */
  get(key: string): Promise<Buffer | null>;
  exists(key: string): Promise<boolean>;
  /** Removes the objects that exist among `keys`; a missing one is no error. */
  delete(keys: readonly string[]): Promise<void>;
};

/** `name` under `prefix` as one key, or null when the name would climb out of it (`..`). */
export function keyUnder(prefix: string, name: string): string | null {
  const key = path.posix.join(prefix, name);
  return key.startsWith(`${prefix}/`) ? key : null;
}

let made: { settings: string; store: ObjectStore } | undefined;

/** The running app's store: S3 when a bucket is configured, else the data folder (tmp for a server started without one). */
export function objectStore(): ObjectStore {
  const { SEEDLINE_S3_BUCKET: bucket, SEEDLINE_S3_ENDPOINT: endpoint, SEEDLINE_DATA_DIR: dataDir } = env();
  const settings = JSON.stringify([bucket, endpoint, dataDir]);
  // One S3 client per process: it keeps its connections and credentials between requests.
  if (made?.settings !== settings) {
    const store = bucket
      ? s3Store({ bucket, ...(endpoint && { endpoint }) })
      : folderStore(dataDir ?? path.join(os.tmpdir(), 'seedline-data'));
    made = { settings, store };
  }
  return made.store;
}
