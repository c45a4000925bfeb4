import { redirect } from '@remix-run/node';
import { z } from 'zod';
import { safeRedirect } from '../auth/redirect.ts';
import { formAction } from '../forms/form-action.server.ts';
import { locales } from '../i18n/i18n.ts';
import { localeCookie } from '../i18n/locale.server.ts';

const languageForm = z.object({ locale: z.enum(locales), redirectTo: z.string().max(2_000).optional() });

/** The header's language switch: remembered in a cookie, then back to the page it was on. */
export const action = formAction(languageForm, async ({ locale, redirectTo }) =>
  redirect(safeRedirect(redirectTo), { headers: { 'Set-Cookie': await localeCookie.serialize(locale) } }),
);

export const loader = () => redirect('/');
