import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.ts';

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('seedline-demo');
    expect(await verifyPassword('seedline-demo', stored)).toBe(true);
    expect(await verifyPassword('seedline-dem0', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('stores scheme, cost and salt with the hash, never the password', async () => {
    const stored = await hashPassword('mật khẩu bí mật');
    expect(stored).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(stored).not.toContain('mật khẩu');
  });

  it('salts each hash: the same password hashes differently, and both verify', async () => {
    const [a, b] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(a).not.toBe(b);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same password', b)).toBe(true);
  });

  it('treats Unicode forms of the same text alike (NFKC)', async () => {
    const stored = await hashPassword('Hòa'); // precomposed ò
    expect(await verifyPassword('Ho\u0300a', stored)).toBe(true); // o + combining grave accent
  });

  it.each([
    '',
    'plain',
    'bcrypt$1$2$3$4$5',
    'scrypt$32768$8$3$c2FsdA==',
    'scrypt$$8$3$c2FsdA==$a2V5',
    'scrypt$abc$8$3$c2FsdA==$a2V5',
    'scrypt$3$8$3$c2FsdA==$a2V5',
    'scrypt$1073741824$8$3$c2FsdA==$a2V5',
    'scrypt$32768$8$-3$c2FsdA==$a2V5',
  ])('refuses any password against a malformed stored hash %j', async (stored) => {
    expect(await verifyPassword('seedline-demo', stored)).toBe(false);
  });
});
