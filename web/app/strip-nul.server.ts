import { Transform } from 'node:stream';

/**
 * React 18.3's renderToPipeableStream can end a chunk with NUL bytes when a multi-byte UTF-8
 * character (most Vietnamese letters) does not fit the rest of its 2 KB buffer
 * (github.com/facebook/react/issues/31134): the page then shows "Tệp \u0000đã". Well-formed HTML
 * holds no NUL, and in UTF-8 a 0x00 byte is never part of another character, so they are dropped.
 */
export function dropNulBytes() {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, chunk.includes(0) ? Buffer.from(chunk.filter((byte) => byte !== 0)) : chunk);
    },
  });
}
