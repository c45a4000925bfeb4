import { describe, expect, it } from 'vitest';
import { photoHeight, photoSrcSet, photoUrl } from './photos.ts';

const id = 'cmabc123def456ghi789';

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
