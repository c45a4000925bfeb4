// VietQR: the EMVCo merchant-presented QR payload that Vietnamese banking apps read (NAPAS spec).
// Every field is ID (2 digits) + length (2 digits) + value; the payload ends with a CRC over itself.

/** A field of the payload. Values here are ASCII, so the length in characters is the length in bytes. */
function field(id: string, value: string): string {
  if (value.length > 99) throw new RangeError(`VietQR field ${id} is longer than 99 characters`);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

/** CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF), as 4 upper-case hex digits. */
export function crc16ccitt(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

export type VietQrTransfer = {
  /** The receiving bank's 6-digit NAPAS BIN (e.g. 970436 Vietcombank). */
  bankBin: string;
  /** The receiving account number. */
  account: string;
  amountVnd: number;
  /** The transfer description the bank shows: the order reference, so staff can match it. */
  purpose: string;
};

const napasGuid = 'A000000727';
/** Transfer to an account (QRIBFTTC would be to a card number). */
const toAccount = 'QRIBFTTA';

/** The payload string of a dynamic VietQR (one amount, one purpose) for a transfer to an account. */
export function vietQrPayload(transfer: VietQrTransfer): string {
  if (!/^\d{6}$/.test(transfer.bankBin)) throw new RangeError('the bank BIN must be 6 digits');
  if (!/^[0-9A-Za-z]{1,19}$/.test(transfer.account)) throw new RangeError('the account must be 1–19 letters or digits');
  if (!Number.isInteger(transfer.amountVnd) || transfer.amountVnd <= 0 || transfer.amountVnd > 9_999_999_999_999) {
    throw new RangeError('the amount must be a positive whole number of VND');
  }
  // Banking apps drop or mangle other characters in the description.
  if (!/^[0-9A-Za-z -]{1,25}$/.test(transfer.purpose)) throw new RangeError('the purpose must be 1–25 ASCII letters');
  const beneficiary = field('00', transfer.bankBin) + field('01', transfer.account);
  const body =
    field('00', '01') + // payload format indicator
    field('01', '12') + // dynamic: the code carries the amount of one payment
    field('38', field('00', napasGuid) + field('01', beneficiary) + field('02', toAccount)) +
    field('53', '704') + // VND
    field('54', String(transfer.amountVnd)) +
    field('58', 'VN') +
    field('62', field('08', transfer.purpose));
  const withCrcHeader = `${body}6304`;
  return withCrcHeader + crc16ccitt(withCrcHeader);
}
