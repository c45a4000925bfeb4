import { describe, expect, it } from 'vitest';
import { newAccessToken, newOrderReference, tokenMatches } from './references.ts';

describe('order references and private links', () => {
  it('makes references without look-alike characters', () => {
    for (let i = 0; i < 200; i++) expect(newOrderReference()).toMatch(/^SL-[2-9A-HJKMNP-Z]{7}$/);
  });

  it('makes long, distinct access tokens and accepts only the exact one', () => {
    const token = newAccessToken();
    expect(token).toMatch(/^[\w-]{32}$/);
    expect(newAccessToken()).not.toBe(token);
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(token.slice(0, -1), token)).toBe(false);
    expect(tokenMatches('', token)).toBe(false);
    expect(tokenMatches(null, token)).toBe(false);
  });
});
