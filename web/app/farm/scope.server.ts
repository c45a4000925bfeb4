import type { Prisma } from '@seedline/db';
import type { SessionUser } from '../auth/session.server.ts';

/**
 * The farms a user of the farm area may see and change: a farmer their own, an admin every one.
 * Every farm query and change starts here, so a farmer cannot reach another farm by its ids.
 */
export function farmsOf(user: Pick<SessionUser, 'role' | 'farmId'>): Prisma.FarmWhereInput {
  if (user.role === 'ADMIN') return {};
  return { id: { in: user.farmId ? [user.farmId] : [] } };
}
