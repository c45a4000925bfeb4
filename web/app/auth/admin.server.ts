import type { AppLoadContext } from '@remix-run/node';
import { forbidden } from '../http.server.ts';
import { areaUser } from './areas.server.ts';
import type { SessionUser } from './session.server.ts';

// Inside the co-op's area staff read; what changes members, roles and farms is the admin's alone.

export const isAdmin = (context: AppLoadContext) => areaUser(context).role === 'ADMIN';

/** The admin making a change, else 403 (a staff member who posts the form anyway). */
export function requireAdmin(context: AppLoadContext): SessionUser {
  const user = areaUser(context);
  if (user.role !== 'ADMIN') forbidden();
  return user;
}
