import { createHash, randomBytes } from 'node:crypto';
import { type Db, Prisma, hashPassword, inTransaction } from '@seedline/db';
import { refusal } from '../errors/refusals.ts';
import { allCatalogs } from '../i18n/all-messages.ts';
import { type Locale, translator } from '../i18n/i18n.ts';
import { type Limit, countEvent, countOrRefuse } from '../limits/rate-limit.server.ts';
import { plainMessage } from '../mail/message.ts';
import { mailFrom } from '../mail/sender.server.ts';
import { enqueueEmail } from '../orders/email-outbox.server.ts';
import { signupLinkHours, signupTokenPattern } from './signup-link.ts';

// Sign-up by email: the form answers "check your email" whoever asks, and the address's owner
// alone learns whether it already has an account. A new address gets a link that makes the
// account; a known one gets a note that it has one, with the way to log in. The answer costs the
// same either way (the password is hashed, one email queued).

export const signupLimits = {
  // Every request mails the address: three an hour lets a buyer ask again for a lost email, and
  // stops anyone using the shop to flood someone's inbox. Past it, nothing more is sent, and the
  // answer stays the same (a refusal here would say the address had been tried).
  email: { max: 3, windowMs: 60 * 60_000 },
  // One address may be a whole village behind one router: 20 sign-ups an hour is many households,
  // and stops one machine mailing strangers.
  client: { max: 20, windowMs: 60 * 60_000 },
} satisfies Record<string, Limit>;

export type SignupForm = { name: string; email: string; phone: string | null; password: string; redirectTo?: string };

type Context = { clientAddress: string; locale: Locale; publicUrl: string; now: Date };

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Records a sign-up and queues its email. Refused with SIGNUP_THROTTLED past the client's limit;
 * past the address's limit, quietly sends nothing.
 */
export async function requestSignup(db: Db, form: SignupForm, context: Context): Promise<void> {
  const { now } = context;
  await countOrRefuse(db, `signup:client:${context.clientAddress}`, signupLimits.client, 'SIGNUP_THROTTLED', now);
  const passwordHash = await hashPassword(form.password);
  const address = await countEvent(db, `signup:email:${form.email}`, signupLimits.email, now);
  if (address.count > signupLimits.email.max) return;

  const t = translator(context.locale, allCatalogs);
  const mail = (subject: string, lines: string[]) => ({
    to: form.email,
    subject,
    raw: plainMessage({
      from: { name: t('site.name'), address: mailFrom() },
      to: { name: form.name, address: form.email },
      subject: `${t('site.name')} — ${subject}`,
      lines: [form.name, '', ...lines],
      now,
    }),
  });
  await inTransaction(db, async (tx) => {
    const known = await tx.user.findUnique({ where: { email: form.email }, select: { id: true } });
    if (known) {
      const login = new URL('/login', context.publicUrl).href;
      await enqueueEmail(tx, mail(t('signup.mail.knownSubject'), [t('signup.mail.known'), '', login]), now);
      return;
    }
    const token = randomBytes(32).toString('base64url');
    await tx.signupRequest.create({
      data: {
        tokenHash: tokenHash(token),
        email: form.email,
        name: form.name,
        phone: form.phone,
        passwordHash,
        redirectTo: form.redirectTo || null,
        expiresAt: new Date(now.getTime() + signupLinkHours * 3_600_000),
        createdAt: now,
      },
    });
    const link = new URL(`/signup/confirm/${token}`, context.publicUrl).href;
    const lines = [t('signup.mail.confirm', { hours: signupLinkHours }), '', link, '', t('signup.mail.notYou')];
    await enqueueEmail(tx, mail(t('signup.mail.confirmSubject'), lines), now);
  });
}

/** The sign-up `token` opens, while its link works; a token of the wrong shape is not looked up. */
async function waitingRequest(db: Db, token: string, now: Date) {
  if (!signupTokenPattern.test(token)) return null;
  const request = await db.signupRequest.findUnique({ where: { tokenHash: tokenHash(token) } });
  return request && request.expiresAt > now ? request : null;
}

/** Whether `token` opens a sign-up still waiting (for the page that asks to confirm it). */
export async function signupWaiting(db: Db, token: string, now: Date): Promise<boolean> {
  return (await waitingRequest(db, token, now)) !== null;
}

/**
 * Makes the account of the sign-up `token` opens, as a buyer, and forgets every sign-up of its
 * address. Refused with SIGNUP_LINK_INVALID (unknown, used or expired) or, when the address got an
 * account meanwhile (two links used, or an admin's invitation), SIGNUP_EMAIL_TAKEN.
 */
export async function confirmSignup(
  db: Db,
  token: string,
  now: Date,
): Promise<{ userId: string; redirectTo: string | null }> {
  try {
    return await inTransaction(db, async (tx) => {
      const request = await waitingRequest(tx, token, now);
      if (!request) throw refusal('SIGNUP_LINK_INVALID');
      const user = await tx.user.create({
        data: {
          name: request.name,
          email: request.email,
          phone: request.phone,
          role: 'BUYER',
          passwordHash: request.passwordHash,
        },
        select: { id: true },
      });
      await tx.signupRequest.deleteMany({ where: { email: request.email } });
      return { userId: user.id, redirectTo: request.redirectTo };
    });
  } catch (error) {
    // The address's account was made between the look-up and the insert: its unique index says so.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw refusal('SIGNUP_EMAIL_TAKEN');
    }
    throw error;
  }
}

/** Sign-ups nobody confirmed in time: removed by the housekeeping sweep. */
export function pruneSignupRequests(db: Db, now: Date): Promise<number> {
  return db.signupRequest.deleteMany({ where: { expiresAt: { lte: now } } }).then((r) => r.count);
}
