import { createCookie } from '@remix-run/node';
import { type Locale, isLocale } from './i18n.ts';

export const localeCookie = createCookie('sl_lang', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 365 * 24 * 60 * 60,
});

/** Vietnamese unless the visitor chose English. */
export async function localeOf(request: Request): Promise<Locale> {
  const value: unknown = await localeCookie.parse(request.headers.get('Cookie'));
  return isLocale(value) ? value : 'vi';
}
