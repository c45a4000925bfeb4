import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes `text` to `file` so that after a power cut the file holds the old content or the new,
 * never half, and the new content is on the medium when this returns: temporary file, fsync,
 * rename over the target, fsync of the folder (the rename itself lives in the folder's entry).
 */
export function writeFileDurably(file: string, text: string): void {
  const temporary = `${file}.tmp`;
  const fd = fs.openSync(temporary, 'w');
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
  syncFolder(path.dirname(file));
}

/** Makes a rename or unlink in `folder` durable. Windows cannot open a folder for fsync. */
export function syncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(folder, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
