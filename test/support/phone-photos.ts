import sharp from 'sharp';
import { expect } from 'vitest';

// Photos as a farmer's phone sends them, for the forms that take one (seed lots, observations):
// one to keep, with what must be stripped, and the ones every photo field refuses.

/**
 * A phone photo held sideways: 600×400 pixels as stored, a red band on its left edge, EXIF
 * orientation 6 (turn a quarter clockwise to view), the camera's make and a GPS position.
 */
export async function sidewaysPhoneJpeg() {
  const bytes = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#3a7a4a' } })
    .composite([
      { input: { create: { width: 100, height: 400, channels: 3, background: '#ff0000' } }, left: 0, top: 0 },
    ])
    .withExif({
      IFD0: { Make: 'SeedlinePhone' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '19/1 48/1 30/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '105/1 46/1 0/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 90 })
    .toBuffer();
  const meta = await sharp(bytes).metadata();
  // The test's own photo carries what must be stripped: orientation, the make, the GPS IFD pointer (0x8825).
  expect(meta.orientation).toBe(6);
  expect(meta.exif?.toString('latin1')).toContain('SeedlinePhone');
  expect(meta.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true);
  return bytes;
}

/** What every photo field refuses, each with the message beside the field (Vietnamese). */
export const refusedPhotos: [what: string, photo: () => Promise<Blob>, message: string][] = [
  [
    'a 100-megapixel image',
    async () =>
      new Blob(
        [
          await sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: '#888' } })
            .jpeg({ quality: 20 })
            .toBuffer(),
        ],
        {
          type: 'image/jpeg',
        },
      ),
    'Ảnh có quá nhiều điểm ảnh: tối đa 40 triệu.',
  ],
  [
    'a file over 15 MB',
    async () => new Blob([Buffer.alloc(16 * 1024 * 1024, 0xff)], { type: 'image/jpeg' }),
    'Ảnh quá lớn: tối đa 15 MB.',
  ],
  [
    'a 50 MB file',
    async () => new Blob([Buffer.alloc(50 * 1024 * 1024, 0x20)], { type: 'image/jpeg' }),
    'Ảnh quá lớn: tối đa 15 MB.',
  ],
  [
    'a file that is not an image',
    async () => new Blob(['%PDF-1.4 an invoice, not a photo'], { type: 'application/pdf' }),
    'Tệp đã chọn không phải là ảnh.',
  ],
];
