import { describe, expect, it } from 'vitest';
import { parseIntelHex } from './intel-hex.ts';

describe('Intel HEX', () => {
  it('places data records at their addresses, little-endian words, erased flash elsewhere', () => {
    const words = parseIntelHex(':040000000C947B00E1\n:020010000A0BD9\n:00000001FF\n', 64);
    expect(words[0]).toBe(0x940c); // jmp: the reset vector of an avr-gcc image
    expect(words[1]).toBe(0x007b);
    expect(words[8]).toBe(0x0b0a);
    expect(words[2]).toBe(0xffff);
  });

  it('applies an extended segment address', () => {
    const words = parseIntelHex(':020000020010EC\n:02000000AA55FF\n:00000001FF\n', 0x200);
    expect(words[0x100 / 2]).toBe(0x55aa);
  });

  it('refuses a corrupt record instead of running it', () => {
    expect(() => parseIntelHex(':040000000C947B00E2\n')).toThrow('line 1: bad checksum');
    expect(() => parseIntelHex('hello\n')).toThrow('line 1: not an Intel HEX record');
    expect(() => parseIntelHex(':0400000000\n')).toThrow('line 1: length 4 does not match the record');
  });

  it('refuses data past the flash', () => {
    expect(() => parseIntelHex(':02FFFE00AA5502\n', 1024)).toThrow('past the flash');
  });
});
