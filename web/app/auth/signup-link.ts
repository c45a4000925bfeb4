/** How long a sign-up link works: a buyer may read their email the next morning. */
export const signupLinkHours = 24;

/** A link's token: 32 random bytes, base64url. Anything else opens nothing, unlooked-up. */
export const signupTokenPattern = /^[A-Za-z0-9_-]{43}$/;
