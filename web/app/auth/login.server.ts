import { type Db, hashPassword, verifyPassword } from '@seedline/db';
import { refusal } from '../errors/refusals.ts';
import { type Limit, countEvent, eventsSoFar, forgetEvents, minutesUntil } from '../limits/rate-limit.server.ts';

// Log-in: the password checked, failures counted per account and per client so that guessing
// stops, and the same answer in the same time whether the email has an account or not.

export const loginLimits = {
  // A farmer who mistypes five times waits a quarter of an hour; a guesser gets 20 tries an hour.
  account: { max: 5, windowMs: 15 * 60_000 },
  // One address may be a whole village behind one router, or a mobile carrier's shared address:
  // 50 failures in a quarter of an hour is far beyond honest typing, and stops one machine from
  // trying passwords across many accounts.
  client: { max: 50, windowMs: 15 * 60_000 },
} satisfies Record<string, Limit>;

// A hash to check against when the email has no account, so that the answer takes as long.
let standIn: Promise<string> | undefined;
const standInHash = () => (standIn ??= hashPassword('no account has this password'));

/**
 * The id of the user whose email and password these are, or null (a wrong password and an unknown
 * email alike). Refused with LOGIN_THROTTLED, and the minutes to wait, past a limit.
 */
export async function logIn(
  db: Db,
  attempt: { email: string; password: string; clientAddress: string },
  now = new Date(),
): Promise<string | null> {
  const keys = { account: `login:account:${attempt.email}`, client: `login:client:${attempt.clientAddress}` };
  const [account, client] = await Promise.all([eventsSoFar(db, keys.account, now), eventsSoFar(db, keys.client, now)]);
  const full = [
    account.count >= loginLimits.account.max ? account.resetAt : null,
    client.count >= loginLimits.client.max ? client.resetAt : null,
  ].filter((at): at is Date => at !== null);
  if (full.length > 0) {
    throw refusal('LOGIN_THROTTLED', {
      minutes: minutesUntil(new Date(Math.max(...full.map((d) => d.getTime()))), now),
    });
  }
  const user = await db.user.findUnique({
    where: { email: attempt.email },
    select: { id: true, passwordHash: true, deactivatedAt: true },
  });
  const matches = await verifyPassword(attempt.password, user?.passwordHash || (await standInHash()));
  // A deactivated account answers as a wrong password: the form does not tell a stranger it exists.
  if (user && matches && !user.deactivatedAt) {
    await forgetEvents(db, keys.account);
    return user.id;
  }
  await Promise.all([
    countEvent(db, keys.account, loginLimits.account, now),
    countEvent(db, keys.client, loginLimits.client, now),
  ]);
  return null;
}
