import type { Locale } from '../i18n/i18n.ts';

// Instants shown with their time of day, in the shop's time zone (Vietnam, UTC+7 all year).
const zone = 'Asia/Ho_Chi_Minh';
const tag = (locale: Locale) => (locale === 'vi' ? 'vi-VN' : 'en-GB');
const timeOf = (locale: Locale) =>
  new Intl.DateTimeFormat(tag(locale), { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: zone });

/** "29/11/2026 09:20" */
export function formatDateTime(locale: Locale, at: Date | string): string {
  const day = new Intl.DateTimeFormat(tag(locale), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: zone,
  });
  return `${day.format(new Date(at))} ${timeOf(locale).format(new Date(at))}`;
}

/** "Thứ Hai, 30/11": the day a window falls on. */
export function formatWindowDay(locale: Locale, at: Date | string): string {
  return new Intl.DateTimeFormat(tag(locale), {
    weekday: 'long',
    day: '2-digit',
    month: '2-digit',
    timeZone: zone,
  }).format(new Date(at));
}

/** "08:00–11:00" */
export function formatTimeRange(locale: Locale, start: Date | string, end: Date | string): string {
  const time = timeOf(locale);
  return `${time.format(new Date(start))}–${time.format(new Date(end))}`;
}

/** "Thứ Hai, 30/11 08:00–11:00": a pickup window. */
export function formatPickupWindow(locale: Locale, start: Date | string, end: Date | string): string {
  return `${formatWindowDay(locale, start)} ${formatTimeRange(locale, start, end)}`;
}
