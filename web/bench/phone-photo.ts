import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';

// A stand-in for a phone's photo, for bench:photos and the listing tests: no photo is committed.
// Smooth colour (noise drawn small and enlarged) with a fine sensor grain on top, so encoders work
// about as hard as on a real scene; held sideways (EXIF orientation 6) with the camera's make and a
// GPS position, which the upload must strip.

export type PhoneFrame = { width: number; height: number };

/** 12 megapixels, as most phones take them (4:3), stored sideways. */
export const twelveMegapixels: PhoneFrame = { width: 4000, height: 3000 };

/** A sideways JPEG of `frame` with a red band along its stored left edge (the top once upright). */
export async function phonePhoto(frame: PhoneFrame = twelveMegapixels): Promise<Buffer> {
  const small = { width: Math.ceil(frame.width / 40), height: Math.ceil(frame.height / 40) };
  const scene = await sharp({
    create: { ...small, channels: 3, background: '#4a7a3a', noise: { type: 'gaussian', mean: 120, sigma: 40 } },
  })
    .png()
    .toBuffer();
  const grain = await sharp({
    create: { ...frame, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 16 } },
  })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const band = { width: Math.round(frame.width / 8), height: frame.height };
  return sharp(scene)
    .resize(frame.width, frame.height, { kernel: 'cubic' })
    .composite([
      { input: grain, blend: 'soft-light' },
      { input: { create: { ...band, channels: 3, background: '#ff0000' } }, left: 0, top: 0 },
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
}

/** `tsx web/bench/phone-photo.ts DIR N` draws N photos into DIR (bench:photos, in a process of its own). */
async function drawInto(dir: string, count: number) {
  for (let n = 0; n < count; n++) await writeFile(path.join(dir, `IMG_${1000 + n}.jpg`), await phonePhoto());
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void drawInto(process.argv[2] ?? '.', Number(process.argv[3] ?? 1));
}
