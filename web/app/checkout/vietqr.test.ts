import { describe, expect, it } from 'vitest';
import { crc16ccitt, vietQrPayload } from './vietqr.ts';

describe('crc16ccitt', () => {
  it('gives the CRC-16/CCITT-FALSE check value of "123456789"', () => {
    expect(crc16ccitt('123456789')).toBe('29B1');
  });

  it('matches the CRC of the transfer-to-card example in the NAPAS VietQR specification', () => {
    const body =
      '00020101021238600010A00000072701300006970403011697040311012345670208QRIBFTTC530370454061800005802VN62340107NPS68690819thanh toan don hang6304';
    expect(crc16ccitt(body)).toBe('A203');
  });
});

describe('vietQrPayload', () => {
  it('builds the same payload as a VietQR issued by a payment gateway (payOS, MB Bank)', () => {
    const payload = vietQrPayload({
      bankBin: '970422',
      account: 'VQRQADAIJ5512',
      amountVnd: 7000,
      purpose: 'TL89 100',
    });
    expect(payload).toBe(
      '00020101021238570010A000000727012700069704220113VQRQADAIJ55120208QRIBFTTA5303704540470005802VN62120808TL89 1006304E346',
    );
  });

  it('carries the amount in whole VND and the order reference as the purpose', () => {
    const payload = vietQrPayload({
      bankBin: '970436',
      account: '1023456789',
      amountVnd: 85000,
      purpose: 'SL-7K3M9QX',
    });
    expect(payload).toContain('540585000');
    expect(payload).toContain('62140810SL-7K3M9QX');
    expect(payload.slice(-4)).toBe(crc16ccitt(payload.slice(0, -4)));
  });

  it('refuses a bad BIN, a fractional amount and a purpose banks would mangle', () => {
    const ok = { bankBin: '970436', account: '1023456789', amountVnd: 85000, purpose: 'SL-1' };
    expect(() => vietQrPayload({ ...ok, bankBin: '97043' })).toThrow(/BIN/);
    expect(() => vietQrPayload({ ...ok, amountVnd: 850.5 })).toThrow(/amount/);
    expect(() => vietQrPayload({ ...ok, amountVnd: 0 })).toThrow(/amount/);
    expect(() => vietQrPayload({ ...ok, purpose: 'Đơn hàng' })).toThrow(/purpose/);
  });
});
