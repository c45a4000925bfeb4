import { describe, expect, it } from 'vitest';
import { allCatalogs } from './all-messages.ts';
import { translator } from './i18n.ts';
import { rootCatalogs } from './root-messages.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalogues', () => {
  it('give every key the same placeholders in Vietnamese and in English', () => {
    const mismatched = allCatalogs.flatMap((catalog) =>
      Object.keys(catalog.vi).flatMap((key) => {
        const [vi, en] = [placeholders(catalog.vi[key]!), placeholders(catalog.en[key]!)];
        return JSON.stringify(vi) === JSON.stringify(en) ? [] : [`${catalog.name}/${key}: vi ${vi} en ${en}`];
      }),
    );
    expect(mismatched).toEqual([]);
  });

  it('never define one key in two areas (a page would show whichever loaded last)', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const catalog of allCatalogs) {
      for (const key of Object.keys(catalog.vi)) {
        if (seen.has(key)) twice.push(`${key}: ${seen.get(key)} and ${catalog.name}`);
        seen.set(key, catalog.name);
      }
    }
    expect(twice).toEqual([]);
  });

  it('leave no text empty', () => {
    const empty = allCatalogs.flatMap((c) =>
      (['vi', 'en'] as const).flatMap((locale) =>
        Object.entries(c[locale]).flatMap(([key, text]) => (text.trim() ? [] : [`${c.name}/${locale}/${key}`])),
      ),
    );
    expect(empty).toEqual([]);
  });
});

describe('a translator', () => {
  const vi = translator('vi', rootCatalogs);
  const en = translator('en', rootCatalogs);

  it("fills a refusal's text with a day in the reader's date format and a name in their language", () => {
    const message = {
      key: 'PHI_NOT_PASSED',
      params: {
        product: 'Radiant 60SC',
        appliedOn: { day: '2026-11-26' },
        phiDays: 7,
        firstDay: { day: '2026-12-03' },
      },
    } as const;
    expect(vi(message)).toBe(
      'Chưa hết thời gian cách ly: Radiant 60SC dùng ngày 26 thg 11, 2026 cần cách ly 7 ngày, nên chỉ được thu hoạch từ ngày 3 thg 12, 2026.',
    );
    expect(en(message)).toBe(
      'The pre-harvest interval has not passed: Radiant 60SC applied on 26 Nov 2026 needs 7 days, so harvest is allowed from 3 Dec 2026.',
    );
    const soldOut = { key: 'SOLD_OUT', params: { items: { vi: 'Dưa lưới (XH-1)', en: 'Melon (XH-1)' } } } as const;
    expect(vi(soldOut)).toContain('đã hết hàng: Dưa lưới (XH-1).');
    expect(en(soldOut)).toContain('sold out: Melon (XH-1).');
  });

  it('names a status given as a key in the reader’s language', () => {
    const message = {
      key: 'ILLEGAL_TRANSITION',
      params: { reference: 'SL-7', status: { key: 'order.PAID' } },
    } as const;
    expect(vi(message)).toBe('Đơn SL-7 đang ở trạng thái "đã thanh toán": không thể thực hiện thao tác này.');
    expect(en(message)).toContain('Order SL-7 is "paid"');
  });

  it('shows a key its page did not load as the key itself, and a missing parameter as its placeholder', () => {
    expect(vi('farm.title')).toBe('farm.title');
    expect(vi.has('farm.title')).toBe(false);
    expect(translator('vi', allCatalogs)('farm.title')).toBe('Trang trại của tôi');
    expect(vi('EXCEEDS_STOCK')).toBe('Số lượng vượt quá số hàng còn lại ({available}).');
  });
});
