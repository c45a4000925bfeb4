import { type Db, type Tx, inTransaction } from '@seedline/db';
import { refusal } from '../errors/refusals.ts';
import { notFound } from '../http.server.ts';
import { noPassword } from './invitations.server.ts';
import { memberRoles, type RoleForm } from './member-forms.ts';

// The co-op's people: farmers, staff and admins. Nobody is deleted: a deactivated account keeps its
// name on every record it made, cannot log in, and its sessions end at once. The co-op always keeps
// an admin who can log in, so nobody can lock it out of its own back office.

const shown = {
  id: true,
  name: true,
  email: true,
  role: true,
  deactivatedAt: true,
  passwordHash: true,
  farm: { select: { id: true, name: true } },
  invitation: { select: { expiresAt: true } },
} as const;

type Row = { passwordHash: string; invitation: { expiresAt: Date } | null };

/** An account that has not set its password yet shows its invitation's expiry instead. */
function withoutHash<T extends Row>({ passwordHash, invitation, ...member }: T) {
  return { ...member, invited: passwordHash === noPassword ? { expiresAt: invitation?.expiresAt ?? null } : null };
}

/** Every member, active ones first, by name. */
export async function memberList(db: Db) {
  const rows = await db.user.findMany({
    where: { role: { in: [...memberRoles] } },
    orderBy: [{ name: 'asc' }],
    select: shown,
  });
  return rows.map(withoutHash).sort((a, b) => Number(a.deactivatedAt !== null) - Number(b.deactivatedAt !== null));
}

export async function member(db: Db, id: string) {
  const row = await db.user.findFirst({ where: { id, role: { in: [...memberRoles] } }, select: shown });
  if (!row) notFound('No such member');
  return withoutHash(row);
}

/**
 * Refuses (LAST_ADMIN) a change that takes `userId` away from the admins who can log in when it is
 * the last one. The rows are locked: two admins demoting each other at once cannot both pass.
 */
async function keepAnAdmin(tx: Tx, userId: string) {
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "User"
    WHERE role = 'ADMIN' AND "deactivatedAt" IS NULL AND "passwordHash" <> ${noPassword}
    FOR UPDATE`;
  if (admins.length === 1 && admins[0]!.id === userId) throw refusal('LAST_ADMIN');
}

/** Gives a member another role (a farmer their farm); the next request they make has it. */
export async function changeRole(db: Db, userId: string, form: Omit<RoleForm, 'intent'>) {
  await inTransaction(db, async (tx) => {
    await member(tx, userId);
    if (form.role !== 'ADMIN') await keepAnAdmin(tx, userId);
    if (form.farmId && !(await tx.farm.findUnique({ where: { id: form.farmId }, select: { id: true } }))) {
      throw refusal('MEMBER_FARM_UNKNOWN');
    }
    await tx.user.update({ where: { id: userId }, data: { role: form.role, farmId: form.farmId } });
  });
}

/** Deactivates a member: no more log-in, every session and any unused invitation gone at once. */
export async function deactivateMember(db: Db, userId: string, now: Date) {
  await inTransaction(db, async (tx) => {
    await member(tx, userId);
    await keepAnAdmin(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { deactivatedAt: now } });
    await tx.session.deleteMany({ where: { userId } });
    await tx.invitation.deleteMany({ where: { userId } });
  });
}

export async function reactivateMember(db: Db, userId: string) {
  await member(db, userId);
  await db.user.update({ where: { id: userId }, data: { deactivatedAt: null } });
}
