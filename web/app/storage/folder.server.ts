import fs from 'node:fs/promises';
import path from 'node:path';
import type { ObjectStore } from './objects.server.ts';

// The store on one machine: each key is a file under the data folder, at the path the key names
// (the layout `npm start` has always had, so an existing data folder keeps its photos).

/** Writes through a temporary file, so a reader never sees half a file. */
async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(temporary, bytes);
  await fs.rename(temporary, file);
}

const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

export function folderStore(root: string): ObjectStore {
  const resolved = path.resolve(root);
  const fileOf = (key: string) => {
    const file = path.resolve(resolved, key);
    // A key can come from the database: it must not name a file outside the folder.
    if (!file.startsWith(resolved + path.sep)) throw new Error(`object key outside ${resolved}: ${key}`);
    return file;
  };
  return {
    name: resolved,
    put: (key, bytes) => writeAtomically(fileOf(key), bytes),
    async get(key) {
      try {
        return await fs.readFile(fileOf(key));
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
    },
    async exists(key) {
      try {
        return (await fs.stat(fileOf(key))).isFile();
      } catch (error) {
        if (missing(error)) return false;
        throw error;
      }
    },
    async delete(keys) {
      const files = keys.map(fileOf);
      await Promise.all(files.map((file) => fs.rm(file, { force: true })));
      // A photo's folder goes with its last file; one that still holds files stays.
      for (const folder of new Set(files.map((file) => path.dirname(file)))) {
        await fs.rmdir(folder).catch((error: unknown) => {
          const code = (error as NodeJS.ErrnoException).code;
          if (code !== 'ENOENT' && code !== 'ENOTEMPTY') throw error;
        });
      }
    },
  };
}
