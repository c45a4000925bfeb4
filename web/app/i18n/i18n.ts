import { useRouteLoaderData } from '@remix-run/react';
import { type MessageKey, en, vi } from './messages.ts';

export const locales = ['vi', 'en'] as const;
export type Locale = (typeof locales)[number];
export type { MessageKey };

const catalogs: Record<Locale, Record<MessageKey, string>> = { vi, en };

export function isLocale(value: unknown): value is Locale {
  return locales.includes(value as Locale);
}

export type Translate = (key: MessageKey, params?: Record<string, unknown>) => string;

export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, params) =>
    catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && params[name] !== undefined && params[name] !== null ? String(params[name]) : whole,
    );
}

/** Formats shared by every page, in the shop's time zone. */
export type Formats = ReturnType<typeof makeFormats>;

// Building Intl formatters is slow (a tenth of the server's CPU under load when every component
// built its own: bench:web); they are immutable, so one set per locale serves every render.
const formatsByLocale = new Map<Locale, Formats>();

export function formats(locale: Locale): Formats {
  let cached = formatsByLocale.get(locale);
  if (!cached) formatsByLocale.set(locale, (cached = makeFormats(locale)));
  return cached;
}

function makeFormats(locale: Locale) {
  const tag = locale === 'vi' ? 'vi-VN' : 'en-GB';
  const date = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'Asia/Ho_Chi_Minh' });
  // `@db.Date` values are UTC midnights: format them in UTC so the day does not shift.
  const day = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(tag, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Asia/Ho_Chi_Minh',
  });
  const vnd = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });
  const number = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  return {
    date: (d: Date | string) => date.format(new Date(d)),
    day: (d: Date | string) => day.format(new Date(d)),
    dateTime: (d: Date | string) => dateTime.format(new Date(d)),
    vnd: (amount: number) => vnd.format(amount),
    number: (n: number) => number.format(n),
  };
}

/** The page's translator and formats, from the locale the root loader chose. */
export function useI18n() {
  const data = useRouteLoaderData<{ locale: Locale }>('root');
  const locale = data?.locale ?? 'vi';
  return { locale, t: translator(locale), f: formats(locale) };
}
