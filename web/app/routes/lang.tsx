import { type ActionFunctionArgs, redirect } from '@remix-run/node';
import { safeRedirect } from '../auth/session.server.ts';
import { isLocale } from '../i18n/i18n.ts';
import { localeCookie } from '../i18n/locale.server.ts';

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get('locale');
  const to = safeRedirect(form.get('redirectTo'));
  if (!isLocale(locale)) return redirect(to);
  return redirect(to, { headers: { 'Set-Cookie': await localeCookie.serialize(locale) } });
}

export const loader = () => redirect('/');
