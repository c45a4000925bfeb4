import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { onBoardReset } from './board-reset.ts';

describe('onBoardReset', () => {
  it('tells of a reset once when the board announces its version and name again', () => {
    const io = new EventEmitter();
    let resets = 0;
    onBoardReset(io, () => resets++);
    io.emit('analog-read-0', 512);
    expect(resets).toBe(0);
    io.emit('reportversion');
    io.emit('queryfirmware');
    expect(resets).toBe(1);
  });

  it('tells of a reset from the name alone, when the version was lost in a message cut short', () => {
    const io = new EventEmitter();
    let resets = 0;
    onBoardReset(io, () => resets++);
    io.emit('queryfirmware');
    expect(resets).toBe(1);
  });
});
