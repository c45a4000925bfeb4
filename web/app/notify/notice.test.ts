import { describe, expect, it } from 'vitest';
import { alarmNotice } from './notice.ts';
import { znsPhone } from './zalo.server.ts';

// What a notice says, from the catalogue's alarm texts, in the reader's language.

const leak = {
  kind: 'leak',
  message: 'flow 4 L/min with every valve closed',
  raisedAt: new Date('2026-12-04T07:05:00Z'),
  clearedAt: null,
  greenhouse: { name: 'Nhà màng 1' },
  zone: null,
};

describe('an alarm notice', () => {
  it('says what is wrong, where, since when (Vietnam time) and what to do, and opens the farm', () => {
    expect(alarmNotice(leak, 'opened', 'vi')).toEqual({
      locale: 'vi',
      title: 'Cảnh báo ở Nhà màng 1',
      body: 'Cả nhà màng: nước chảy khi mọi van đóng (từ 14:05 4/12/26). Kiểm tra đường ống; van tổng đã đóng và giữ đóng đến khi cảnh báo được xác nhận.',
      path: '/farm',
      fields: {
        status: 'Mới',
        greenhouse: 'Nhà màng 1',
        place: 'Cả nhà màng',
        alarm: 'nước chảy khi mọi van đóng',
        time: '14:05 4/12/26',
      },
    });
  });

  it("opens a zone's page for a zone's alarm, says when it cleared, and falls back to Vietnamese", () => {
    const cleared = {
      ...leak,
      kind: 'no-flow',
      zone: { id: 'zone-7', name: 'Khu 2' },
      clearedAt: new Date('2026-12-04T08:00:00Z'),
    };
    expect(alarmNotice(cleared, 'cleared', 'fr')).toMatchObject({
      locale: 'vi',
      title: 'Hết cảnh báo ở Nhà màng 1',
      body: 'Khu 2: van mở mà không có nước chảy đã hết lúc 15:00 4/12/26.',
      path: '/farm/zones/zone-7',
      fields: { status: 'Đã hết', time: '15:00 4/12/26' },
    });
  });

  it("uses the bridge's own words for a kind the catalogue does not know", () => {
    const notice = alarmNotice({ ...leak, kind: 'valve-stuck', message: 'valve 3 stuck open' }, 'reminder', 'en');
    expect(notice.title).toBe('Reminder: the alarm at Nhà màng 1 is still open');
    expect(notice.body).toBe('Whole greenhouse: valve 3 stuck open (since 04/12/2026, 14:05), not acknowledged yet.');
  });

  it('writes a Vietnamese mobile as Zalo takes it', () => {
    expect(znsPhone('0912345678')).toBe('84912345678');
  });
});
