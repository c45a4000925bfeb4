import { describe, expect, it } from 'vitest';
import { normaliseMobile } from './phone.ts';

describe('normaliseMobile', () => {
  it('accepts the five mobile prefixes with spaces, dots and +84, and stores 10 digits', () => {
    expect(normaliseMobile('0912 345 678')).toBe('0912345678');
    expect(normaliseMobile('0912.345.678')).toBe('0912345678');
    expect(normaliseMobile('+84 912 345 678')).toBe('0912345678');
    expect(normaliseMobile('+84912345678')).toBe('0912345678');
    expect(normaliseMobile('84 35 123 4567')).toBe('0351234567');
    expect(normaliseMobile('0583 111 222')).toBe('0583111222');
    expect(normaliseMobile('070-111-2222')).toBe('0701112222');
    expect(normaliseMobile(' 0861234567 ')).toBe('0861234567');
  });

  it('refuses landlines, other prefixes, wrong lengths and letters', () => {
    expect(normaliseMobile('024 3825 1234')).toBeNull();
    expect(normaliseMobile('0112345678')).toBeNull();
    expect(normaliseMobile('0612345678')).toBeNull();
    expect(normaliseMobile('091234567')).toBeNull();
    expect(normaliseMobile('09123456789')).toBeNull();
    expect(normaliseMobile('+1 912 345 678')).toBeNull();
    expect(normaliseMobile('0912abc678')).toBeNull();
    expect(normaliseMobile('')).toBeNull();
  });
});
