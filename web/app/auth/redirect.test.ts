import { describe, expect, it } from 'vitest';
import { safeRedirect } from './redirect.ts';

describe('safeRedirect', () => {
  it.each(['/account', '/coop/orders?show=all', '/batches/XH-261201-01-9#story', '/tìm?q=dưa'])(
    'keeps a path of this site: %s',
    (path) => {
      expect(new URL(safeRedirect(path), 'http://x.invalid').href).toBe(new URL(path, 'http://x.invalid').href);
    },
  );

  it.each([
    '//evil.example/steal',
    '/\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '/%0a',
    'https://evil.example',
    'javascript:alert(1)',
    'account',
    '',
  ])('sends %j to the fallback instead of another site', (to) => {
    const result = safeRedirect(to, '/fallback');
    expect(new URL(result, 'http://shop.example').origin).toBe('http://shop.example');
    if (to !== '/%0a') expect(result).toBe('/fallback');
  });

  it('falls back for a missing value', () => {
    expect(safeRedirect(null)).toBe('/');
    expect(safeRedirect(undefined, '/cart')).toBe('/cart');
  });
});
