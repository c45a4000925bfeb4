import fs from 'node:fs';

/**
 * PGlite corrupts a data folder that two instances open at once, so one process owns it.
 * The lock file holds the owner's pid; a lock left by a dead process is taken over.
 */
export class DatabaseInUseError extends Error {
  override name = 'DatabaseInUseError';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataDirLock(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        fs.rmSync(lockPath, { force: true });
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new DatabaseInUseError(
          `The embedded database at ${dataDir} is in use by process ${owner} (is \`npm start\` running?). ` +
            'Stop that process first, or set DATABASE_URL to use a PostgreSQL server.',
        );
      }
      if (owner === process.pid) {
        throw new DatabaseInUseError(`The embedded database at ${dataDir} is already open in this process.`);
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DatabaseInUseError(`Could not lock the embedded database at ${dataDir}.`);
}
