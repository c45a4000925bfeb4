import { createHash, randomBytes } from 'node:crypto';
import { signupTokenPattern } from './signup-link.ts';

// The links that open something once (an invitation): 32 random bytes in the link, only their
// SHA-256 in the database, so a copy of the table opens nothing. Same shape as sign-up links.

export const newToken = () => randomBytes(32).toString('base64url');

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A token of the wrong shape is never looked up. */
export const isTokenShaped = (token: string) => signupTokenPattern.test(token);
