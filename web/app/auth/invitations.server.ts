import { type Db, Prisma, type Tx, hashPassword, inTransaction } from '@seedline/db';
import { refusal } from '../errors/refusals.ts';
import { allCatalogs } from '../i18n/all-messages.ts';
import { type Locale, translator } from '../i18n/i18n.ts';
import { plainMessage } from '../mail/message.ts';
import { mailFrom } from '../mail/sender.server.ts';
import { enqueueEmail, kickEmailOutbox } from '../orders/email-outbox.server.ts';
import type { InviteForm } from './member-forms.ts';
import { isTokenShaped, newToken, tokenHash } from './one-time-token.server.ts';

// An admin invites a farmer or a staff member: the account is made at once (so it has its role and
// farm, and shows in the list) with no password, and a one-time link mailed to its address sets
// one. Until then nothing logs in to it: an empty hash matches no password (prisma/src/password.ts).

/** How long an invitation's link works: a farmer may read their email days later. */
export const inviteLinkHours = 72;
export const noPassword = '';

export type InviteContext = { invitedById: string; locale: Locale; publicUrl: string; now: Date };

/** Makes the account and mails its link. Refused with MEMBER_EMAIL_TAKEN if the address has one. */
export async function inviteMember(db: Db, form: InviteForm, context: InviteContext): Promise<string> {
  try {
    const userId = await inTransaction(db, async (tx) => {
      const { farmId } = form;
      if (farmId && !(await tx.farm.findUnique({ where: { id: farmId }, select: { id: true } }))) {
        throw refusal('MEMBER_FARM_UNKNOWN');
      }
      const data = { ...form, farmId, passwordHash: noPassword, locale: context.locale };
      const user = await tx.user.create({ data, select: { id: true, name: true, email: true } });
      await mailInvitation(tx, user, context);
      return user.id;
    });
    kickEmailOutbox();
    return userId;
  } catch (error) {
    // The address has an account (a buyer, or someone invited before): its unique index says so.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw refusal('MEMBER_EMAIL_TAKEN', { email: form.email });
    }
    throw error;
  }
}

/** A new link for an invitation not yet used (the old one stops working). */
export async function reinvite(db: Db, userId: string, context: InviteContext): Promise<void> {
  await inTransaction(db, async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { id: true, name: true, email: true, passwordHash: true, deactivatedAt: true },
    });
    if (!user || user.passwordHash !== noPassword || user.deactivatedAt) throw refusal('INVITE_NOT_PENDING');
    await mailInvitation(tx, user, context);
  });
  kickEmailOutbox();
}

type Invitee = { id: string; name: string; email: string };

async function mailInvitation(tx: Tx, user: Invitee, context: InviteContext) {
  const token = newToken();
  const expiresAt = new Date(context.now.getTime() + inviteLinkHours * 3_600_000);
  const invitation = { tokenHash: tokenHash(token), expiresAt, invitedById: context.invitedById };
  await tx.invitation.upsert({
    where: { userId: user.id },
    create: { userId: user.id, ...invitation },
    update: invitation,
  });
  const t = translator(context.locale, allCatalogs);
  const link = new URL(`/invite/${token}`, context.publicUrl).href;
  const subject = t('invite.mail.subject');
  const raw = plainMessage({
    from: { name: t('site.name'), address: mailFrom() },
    to: { name: user.name, address: user.email },
    subject: `${t('site.name')} — ${subject}`,
    lines: [user.name, '', t('invite.mail.body', { hours: inviteLinkHours }), '', link, '', t('invite.mail.notYou')],
    now: context.now,
  });
  await enqueueEmail(tx, { to: user.email, subject, raw }, context.now);
}

/** The account an invitation's `token` opens, while its link works. */
export async function invitationWaiting(db: Db, token: string, now: Date) {
  if (!isTokenShaped(token)) return null;
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: tokenHash(token) },
    select: {
      expiresAt: true,
      user: { select: { id: true, name: true, email: true, role: true, deactivatedAt: true } },
    },
  });
  if (!invitation || invitation.expiresAt <= now || invitation.user.deactivatedAt) return null;
  return invitation.user;
}

/**
 * Sets the password of the invitation `token` opens and spends the link. Refused with
 * INVITE_LINK_INVALID when it is unknown, used, expired, or its account deactivated.
 */
export async function acceptInvitation(db: Db, token: string, password: string, now: Date) {
  // Looked up before the costly hash: a made-up link must not buy anyone scrypt's time and memory.
  if (!(await invitationWaiting(db, token, now))) throw refusal('INVITE_LINK_INVALID');
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (tx) => {
    const user = await invitationWaiting(tx, token, now);
    // Deleting the row is the spending: of two sends of one link, one deletes it, the other nothing.
    const spent = user ? await tx.invitation.deleteMany({ where: { tokenHash: tokenHash(token) } }) : null;
    if (!user || spent?.count !== 1) throw refusal('INVITE_LINK_INVALID');
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    return user;
  });
}
