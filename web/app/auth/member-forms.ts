import { z } from 'zod';
import type { MessageKey } from '../i18n/i18n.ts';

// The co-op's forms about its people: an invitation, a role, a password set from an invitation.
// Shared by the pages (field names) and the actions (validation); no server code here.
const m = (key: MessageKey) => ({ error: key });

/** The roles an admin gives: buyers sign up themselves. */
export const memberRoles = ['FARMER', 'STAFF', 'ADMIN'] as const;
export type MemberRole = (typeof memberRoles)[number];

const role = z.enum(memberRoles, m('members.errors.role'));
const farmId = z.string().trim().max(40).optional();

/** A farmer works for one member farm; staff and admins for none (their farm is dropped). */
function withFarm<T extends { role: MemberRole; farmId?: string | undefined }>(form: T) {
  return { ...form, farmId: form.role === 'FARMER' ? form.farmId || null : null };
}

type RoleAndFarm = { role: MemberRole; farmId?: string | undefined };
const farmForFarmer = (form: RoleAndFarm) => form.role !== 'FARMER' || !!form.farmId?.trim();
// Checked even when another field is wrong (zod skips a refinement of an object with issues
// otherwise), so that an empty form names every field at once; only a valid role is needed.
const farmIssue = {
  path: ['farmId'],
  error: 'members.errors.farm',
  when: (payload: z.core.ParsePayload) => !payload.issues.some((issue) => issue.path?.[0] === 'role'),
};

export const inviteSchema = z
  .object({
    name: z.string(m('errors.required')).trim().min(1, m('errors.required')).max(100, m('errors.nameLong')),
    email: z
      .string(m('errors.required'))
      .trim()
      .toLowerCase()
      .min(1, m('errors.required'))
      .pipe(z.email(m('errors.email'))),
    role,
    farmId,
  })
  .refine(farmForFarmer, farmIssue)
  .transform(withFarm);

export type InviteForm = z.output<typeof inviteSchema>;

const roleSchema = z
  .object({ intent: z.literal('role'), role, farmId })
  .refine(farmForFarmer, farmIssue)
  .transform(withFarm);
export type RoleForm = z.output<typeof roleSchema>;

/** The page of one member: change the role, deactivate or reactivate, send the invitation again. */
export const memberPageSchema = z.discriminatedUnion('intent', [
  roleSchema,
  z.object({ intent: z.enum(['deactivate', 'reactivate', 'reinvite']) }),
]);

export const setPasswordSchema = z
  .object({
    password: z.string(m('errors.required')).min(10, m('errors.passwordShort')).max(200, m('errors.passwordLong')),
    confirm: z.string(m('errors.required')).min(1, m('errors.required')),
  })
  .refine((form) => form.password === form.confirm, { path: ['confirm'], error: 'members.errors.confirm' });
