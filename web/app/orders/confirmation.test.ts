import { describe, expect, it } from 'vitest';
import { readMail } from '../mail/testkit.ts';
import { confirmationMessage } from './confirmation.ts';

describe('confirmationMessage', () => {
  it('is a UTF-8 message to the buyer with each line, its lot code, the total and the private link', () => {
    const eml = confirmationMessage(
      {
        reference: 'SL-7K3M9QX',
        contactName: 'Lê Thị Hoa',
        contactEmail: 'hoa@example.vn',
        totalVnd: 170_000,
        paymentMethod: 'BANK_TRANSFER',
        lines: [{ name: 'Dưa lưới', lotCode: 'XH-261125-01-A', quantity: 2 }],
      },
      {
        link: 'http://shop.example/orders/SL-7K3M9QX?t=secret',
        locale: 'vi',
        from: 'donhang@htx-thanhhoa.vn',
        now: new Date('2026-11-29T03:00:00Z'),
      },
    );
    const { head, text } = readMail(eml);
    expect(head).toContain('<hoa@example.vn>');
    expect(head).toContain('From: Seedline <donhang@htx-thanhhoa.vn>');
    expect(head).toContain('Subject: =?UTF-8?B?');
    expect(text).toContain('2 × Dưa lưới (lô XH-261125-01-A)');
    expect(text).toContain('170.000');
    expect(text).toContain('http://shop.example/orders/SL-7K3M9QX?t=secret');
  });
});
