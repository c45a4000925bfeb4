import { describe, expect, it } from 'vitest';
import { inviteSchema, memberPageSchema, setPasswordSchema } from './member-forms.ts';

const invite = { name: 'Đỗ Thị Mai', email: ' Mai@Example.VN ', role: 'FARMER', farmId: 'farm-1' };
const errorsOf = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));

describe('the member forms', () => {
  it('invite a farmer to their farm, and staff to none (a farm sent for staff is dropped)', () => {
    expect(inviteSchema.parse(invite)).toEqual({ ...invite, email: 'mai@example.vn' });
    expect(inviteSchema.parse({ ...invite, role: 'STAFF' }).farmId).toBeNull();
  });

  it("name every wrong field of an empty invitation at once, the farmer's farm too", () => {
    expect(errorsOf(inviteSchema.safeParse({ name: '', email: '', role: 'FARMER' }))).toEqual({
      name: 'errors.required',
      email: 'errors.required',
      farmId: 'members.errors.farm',
    });
  });

  it('never give the buyer role: buyers sign up themselves', () => {
    expect(errorsOf(inviteSchema.safeParse({ ...invite, role: 'BUYER' }))).toEqual({ role: 'members.errors.role' });
  });

  it('change a role, the farm going with the role', () => {
    expect(memberPageSchema.parse({ intent: 'role', role: 'ADMIN', farmId: 'farm-1' })).toEqual({
      intent: 'role',
      role: 'ADMIN',
      farmId: null,
    });
    expect(errorsOf(memberPageSchema.safeParse({ intent: 'role', role: 'FARMER', farmId: '' }))).toEqual({
      farmId: 'members.errors.farm',
    });
  });

  it('set a password of 10 characters or more, typed the same twice', () => {
    expect(setPasswordSchema.safeParse({ password: 'mười ký tự ok', confirm: 'mười ký tự ok' }).success).toBe(true);
    expect(errorsOf(setPasswordSchema.safeParse({ password: 'mười ký tự ok', confirm: 'other' }))).toEqual({
      confirm: 'members.errors.confirm',
    });
    expect(errorsOf(setPasswordSchema.safeParse({ password: 'short', confirm: 'short' }))).toEqual({
      password: 'errors.passwordShort',
    });
  });
});
