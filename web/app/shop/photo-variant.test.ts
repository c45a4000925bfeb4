import { describe, expect, it } from 'vitest';
import { parseVariant } from './photo-variant.ts';

const id = 'cmabc123def456ghi789';

describe('parseVariant', () => {
  it('reads a width of the fixed set and a served format', () => {
    expect(parseVariant(id, '640.webp')).toEqual({ id, width: 640, format: 'webp' });
    expect(parseVariant(id, '1280.jpeg')).toEqual({ id, width: 1280, format: 'jpeg' });
    expect(parseVariant(id, '960.avif')).toEqual({ id, width: 960, format: 'avif' });
  });

  it('refuses widths outside the set, so no URL can ask for an arbitrary resize', () => {
    expect(parseVariant(id, '641.webp')).toBeNull();
    expect(parseVariant(id, '99999.webp')).toBeNull();
    expect(parseVariant(id, '0.webp')).toBeNull();
    expect(parseVariant(id, '0640.webp')).toBeNull();
  });

  it('refuses other formats, odd file names and odd ids', () => {
    expect(parseVariant(id, '640.png')).toBeNull();
    expect(parseVariant(id, '640')).toBeNull();
    expect(parseVariant(id, '640.webp.jpeg')).toBeNull();
    expect(parseVariant('../../etc', '640.webp')).toBeNull();
    expect(parseVariant(undefined, '640.webp')).toBeNull();
  });
});
