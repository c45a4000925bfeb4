import type { AVRTWI, TWIEventHandler } from 'avr8js';

/**
 * A Sensirion SHT31-D on the I²C bus, as far as Johnny-Five's driver uses it: soft reset
 * (0x30A2), then single-shot high-repeatability measurements (0x2400) read as six bytes
 * (temperature, CRC, humidity, CRC). Without a device on the bus Wire reads 0xFF and the bridge
 * would see 130 °C.
 */
export function sht31d(
  twi: AVRTWI,
  read: () => { temperature: number; humidity: number },
  address = 0x44,
): TWIEventHandler {
  let selected = false;
  let command: number[] = [];
  let out: number[] = [];
  return {
    start: () => twi.completeStart(),
    stop() {
      if (command.length === 2 && command[0] === 0x24 && command[1] === 0x00) out = measurement(read());
      command = [];
      selected = false;
      twi.completeStop();
    },
    connectToSlave(addr) {
      selected = addr === address;
      twi.completeConnect(selected);
    },
    writeByte(value) {
      if (selected) command.push(value);
      twi.completeWrite(selected);
    },
    readByte() {
      twi.completeRead(selected ? (out.shift() ?? 0xff) : 0xff);
    },
  };
}

/** The data sheet's conversions (section 4.13) inverted, each word with its CRC-8. */
export function measurement({ temperature, humidity }: { temperature: number; humidity: number }): number[] {
  const word = (value: number) => Math.max(0, Math.min(0xffff, Math.round(value)));
  const t = word(((temperature + 45) / 175) * 0xffff);
  const h = word((humidity / 100) * 0xffff);
  const bytes = (w: number) => [w >> 8, w & 0xff, crc8([w >> 8, w & 0xff])];
  return [...bytes(t), ...bytes(h)];
}

/** CRC-8 with polynomial 0x31 and initial value 0xFF (data sheet, section 4.12). */
export function crc8(data: number[]): number {
  let crc = 0xff;
  for (const byte of data) {
    crc ^= byte;
    for (let i = 0; i < 8; i++) crc = crc & 0x80 ? ((crc << 1) ^ 0x31) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}
