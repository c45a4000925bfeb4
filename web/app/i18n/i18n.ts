import { useMatches } from '@remix-run/react';
import type { MessageParam } from '@seedline/db/domain-error';
import type { Catalog, KeyOf } from './messages/catalog.ts';
import type { account } from './messages/account.ts';
import type { checkout } from './messages/checkout.ts';
import type { common } from './messages/common.ts';
import type { coop } from './messages/coop.ts';
import type { farm } from './messages/farm.ts';
import type { footprint } from './messages/footprint.ts';
import type { greenhouses } from './messages/greenhouses.ts';
import type { listings } from './messages/listings.ts';
import type { members } from './messages/members.ts';
import type { outbox } from './messages/outbox.ts';
import type { packing } from './messages/packing.ts';
import type { payouts } from './messages/payouts.ts';
import type { pickup } from './messages/pickup.ts';
import type { recall } from './messages/recall.ts';
import type { records } from './messages/records.ts';
import type { refusals } from './messages/refusals.ts';
import type { shop } from './messages/shop.ts';
import type { zone } from './messages/zone.ts';

export const locales = ['vi', 'en'] as const;
export type Locale = (typeof locales)[number];

/** Every text of the app. Each area's catalogue loads with its routes (see `CatalogHandle`). */
export type MessageKey = KeyOf<
  | typeof account
  | typeof checkout
  | typeof common
  | typeof coop
  | typeof farm
  | typeof footprint
  | typeof greenhouses
  | typeof listings
  | typeof members
  | typeof outbox
  | typeof packing
  | typeof payouts
  | typeof pickup
  | typeof recall
  | typeof records
  | typeof refusals
  | typeof shop
  | typeof zone
>;

/** A text to show later, in the reader's language: a key and what fills it in. */
export type Message = { key: MessageKey; params?: MessageParams };
export type MessageParams = Readonly<Record<string, MessageParam | null | undefined>>;

export function isLocale(value: unknown): value is Locale {
  return locales.includes(value as Locale);
}

export type Translate = {
  /** A key with its parameters, or a Message (which carries its own). */
  (key: MessageKey | Message, params?: MessageParams): string;
  /** Whether `key` is a text this page has, e.g. a status note stored as a key or as free text. */
  has(key: string): key is MessageKey;
};

// Merged catalogues, one per locale and set of areas: built once, shared by every render.
const dictionaries = new Map<string, Readonly<Record<string, string>>>();

function dictionary(locale: Locale, catalogs: readonly Catalog[]): Readonly<Record<string, string>> {
  const id = `${locale}:${catalogs.map((c) => c.name).join(',')}`;
  let merged = dictionaries.get(id);
  if (!merged) dictionaries.set(id, (merged = Object.fromEntries(catalogs.flatMap((c) => Object.entries(c[locale])))));
  return merged;
}

/** Translates with the catalogues given (a page's, or every one on the server). */
export function translator(locale: Locale, catalogs: readonly Catalog[]): Translate {
  const texts = dictionary(locale, catalogs);
  const f = formats(locale);
  const has = (key: string): key is MessageKey => Object.hasOwn(texts, key);
  const param = (value: MessageParam): string => {
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    if ('day' in value) return f.day(`${value.day}T00:00:00Z`);
    if ('key' in value) return has(value.key) ? texts[value.key]! : value.key;
    return value[locale];
  };
  const fill = (key: string, params: MessageParams | undefined): string => {
    // A key this page did not load shows as itself (a test looks for those), never as an empty line.
    const text = texts[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params?.[name];
      return value === undefined || value === null ? whole : param(value);
    });
  };
  const t = (keyOrMessage: MessageKey | Message, params?: MessageParams) =>
    typeof keyOrMessage === 'string' ? fill(keyOrMessage, params) : fill(keyOrMessage.key, keyOrMessage.params);
  return Object.assign(t, { has });
}

/**
 * What a route module puts in its `handle` to bring its texts: the root brings what every page and
 * the shop need, an area's layout brings that area's. Pages of an area so load only their own.
 */
export type CatalogHandle = { messages: readonly Catalog[] };

function catalogsOf(handle: unknown): readonly Catalog[] {
  if (typeof handle !== 'object' || handle === null || !('messages' in handle)) return [];
  return Array.isArray(handle.messages) ? handle.messages : [];
}

/** The locale the root loader chose, from a page's matches (hooks and `meta` alike). */
function localeOf(matches: readonly PageMatch[]): Locale {
  const data = matches.find((m) => m.id === 'root')?.data;
  const locale = typeof data === 'object' && data !== null && 'locale' in data ? data.locale : undefined;
  return isLocale(locale) ? locale : 'vi';
}

type PageMatch = { id: string; data?: unknown; handle?: unknown };

/** The translator of a page: its locale and the catalogues its matched routes brought. */
export function pageTranslator(matches: readonly PageMatch[]) {
  const locale = localeOf(matches);
  return {
    locale,
    t: translator(
      locale,
      matches.flatMap((m) => catalogsOf(m.handle)),
    ),
  };
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
  const time = new Intl.DateTimeFormat(tag, { timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' });
  const vnd = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });
  const number = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  return {
    date: (d: Date | string) => date.format(new Date(d)),
    day: (d: Date | string) => day.format(new Date(d)),
    dateTime: (d: Date | string) => dateTime.format(new Date(d)),
    /** The time of day in Vietnam (HH:MM): for what happened today. */
    time: (d: Date | string) => time.format(new Date(d)),
    vnd: (amount: number | bigint) => vnd.format(amount),
    number: (n: number) => number.format(n),
  };
}

/** The page's translator and formats, from the locale the root loader chose. */
export function useI18n() {
  const { locale, t } = pageTranslator(useMatches());
  return { locale, t, f: formats(locale) };
}

/** A page's `meta`: its title in the reader's language. */
export function pageTitle(key: MessageKey, params?: MessageParams) {
  return ({ matches }: { matches: readonly PageMatch[] }) => [
    { title: `${pageTranslator(matches).t(key, params)} — Seedline` },
  ];
}
