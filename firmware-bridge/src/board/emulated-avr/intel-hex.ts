/**
 * Program memory from an Intel HEX file (what avr-gcc and the Arduino IDE write): the data records
 * placed at their addresses, erased flash (0xFF) elsewhere. Pure: text in, words out.
 */
export function parseIntelHex(text: string, flashBytes = 32 * 1024): Uint16Array {
  const bytes = new Uint8Array(flashBytes).fill(0xff);
  let base = 0;
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const where = `line ${index + 1}`;
    if (!/^:([0-9A-Fa-f]{2})+$/.test(line)) throw new Error(`${where}: not an Intel HEX record`);
    const record = Uint8Array.from(line.slice(1).match(/../g)!, (hex) => parseInt(hex, 16));
    const length = record[0]!;
    if (record.length !== length + 5) throw new Error(`${where}: length ${length} does not match the record`);
    // The checksum makes the record's bytes sum to 0 (mod 256): a corrupt file is refused, not run.
    if (record.reduce((sum, b) => sum + b, 0) % 256 !== 0) throw new Error(`${where}: bad checksum`);
    const address = (record[1]! << 8) | record[2]!;
    const type = record[3]!;
    const data = record.subarray(4, 4 + length);
    if (type === 0x00) {
      const at = base + address;
      if (at + length > flashBytes) throw new Error(`${where}: data at 0x${at.toString(16)} is past the flash`);
      bytes.set(data, at);
    } else if (type === 0x01) {
      break;
    } else if (type === 0x02) {
      base = ((data[0]! << 8) | data[1]!) * 16;
    } else if (type === 0x04) {
      base = ((data[0]! << 8) | data[1]!) << 16;
    }
    // 0x03 and 0x05 (start address) mean nothing to a chip that starts at its reset vector.
  }
  return new Uint16Array(bytes.buffer);
}
