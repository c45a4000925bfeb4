import { type Cookie, createCookie, redirect } from '@remix-run/node';
import type { Db, User } from '@seedline/db';
import { db } from '../db.server.ts';
import { env } from '../env.server.ts';
import { forbidden } from '../http.server.ts';
import { type Area, mayOpen } from './areas.ts';

const sessionDays = 30;
let cookie: Cookie | undefined;

/** The session cookie holds only a signed session id; the session itself lives in the database. */
function sessionCookie(): Cookie {
  cookie ??= createCookie('sl_session', {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: env().PUBLIC_URL.startsWith('https:'),
    secrets: [env().SESSION_SECRET],
    maxAge: sessionDays * 24 * 60 * 60,
  });
  return cookie;
}

export type SessionUser = Pick<User, 'id' | 'email' | 'name' | 'role' | 'farmId'>;

// One look-up per request: the root, an area's layout and its page all ask, side by side.
const usersOfRequests = new WeakMap<Request, Promise<SessionUser | null>>();

export function currentUser(request: Request, database: Db = db()): Promise<SessionUser | null> {
  let user = usersOfRequests.get(request);
  if (!user) usersOfRequests.set(request, (user = lookUpUser(request, database)));
  return user;
}

/**
 * The user of a long-lived request (a live stream) as they are now, not as they were when it
 * began: a log-out, an expiry or a deactivation ends what they may still receive.
 */
export function userNow(request: Request, database: Db = db()): Promise<SessionUser | null> {
  return lookUpUser(request, database);
}

async function lookUpUser(request: Request, database: Db): Promise<SessionUser | null> {
  const sessionId: unknown = await sessionCookie().parse(request.headers.get('Cookie'));
  if (typeof sessionId !== 'string') return null;
  const session = await database.session.findUnique({
    where: { id: sessionId },
    select: {
      expiresAt: true,
      user: { select: { id: true, email: true, name: true, role: true, farmId: true, deactivatedAt: true } },
    },
  });
  if (!session || session.expiresAt.getTime() <= Date.now()) return null;
  // Deactivation deletes the account's sessions; this also covers one started at the same moment.
  const { deactivatedAt, ...user } = session.user;
  return deactivatedAt ? null : user;
}

/** Starts a session and answers with a redirect that sets its cookie. */
export async function startSession(userId: string, redirectTo: string) {
  const session = await db().session.create({
    data: { userId, expiresAt: new Date(Date.now() + sessionDays * 86_400_000) },
  });
  return redirect(redirectTo, { headers: { 'Set-Cookie': await sessionCookie().serialize(session.id) } });
}

export async function endSession(request: Request) {
  const sessionId: unknown = await sessionCookie().parse(request.headers.get('Cookie'));
  if (typeof sessionId === 'string') await db().session.deleteMany({ where: { id: sessionId } });
  return redirect('/', { headers: { 'Set-Cookie': await sessionCookie().serialize('', { maxAge: 0 }) } });
}

/** Log-in and sign-up pages send a signed-in visitor to their account instead. */
export async function redirectIfSignedIn(request: Request): Promise<null> {
  if (await currentUser(request)) throw redirect('/account');
  return null;
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await currentUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

/** The guard of every protected area (areas.server.ts): signed in (else to log-in) and allowed (else 403). */
export async function requireArea(request: Request, area: Area): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!mayOpen(user.role, area)) forbidden();
  return user;
}
