import { describe, expect, it } from 'vitest';
import { parseVariant, photoHeight, photoSrcSet, photoUrl } from './photos.ts';

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
  });

  it('refuses other formats, odd file names and odd ids', () => {
    expect(parseVariant(id, '640.png')).toBeNull();
    expect(parseVariant(id, '640')).toBeNull();
    expect(parseVariant(id, '640.webp.jpeg')).toBeNull();
    expect(parseVariant('../../etc', '640.webp')).toBeNull();
    expect(parseVariant(undefined, '640.webp')).toBeNull();
  });
});

describe('photo URLs', () => {
  it('keeps a 4:3 frame at every width', () => {
    expect([320, 640, 960, 1280].map(photoHeight)).toEqual([240, 480, 720, 960]);
  });

  it('names a variant by id, width and format', () => {
    expect(photoUrl(id, 320, 'webp')).toBe(`/photos/${id}/320.webp`);
  });

  it('lists every width in a srcset', () => {
    expect(photoSrcSet(id, 'jpeg')).toBe(
      `/photos/${id}/320.jpeg 320w, /photos/${id}/640.jpeg 640w, /photos/${id}/960.jpeg 960w, /photos/${id}/1280.jpeg 1280w`,
    );
  });
});
