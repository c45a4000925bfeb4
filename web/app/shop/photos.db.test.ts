import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '../db.server.ts';
import { setEnv } from '../env.server.ts';
import { loader } from '../routes/photo.ts';
import { type ObjectStore } from '../storage/objects.server.ts';
import { folderStore } from '../storage/folder.server.ts';
import { photoVariant } from './photos.server.ts';
import { type PhotoFormat, photoContentTypes, photoFormats, photoHeight, photoWidths } from './photos.ts';
import { useShopDatabase } from './testkit.ts';

const database = useShopDatabase();

/** The format sharp reads back: AVIF is a HEIF file to libvips. */
const sharpFormat: Record<PhotoFormat, string> = { avif: 'heif', webp: 'webp', jpeg: 'jpeg' };
let dataDir: string;
let store: ObjectStore;
const originals = () => path.join(dataDir, 'photos', 'originals');
const variants = () => path.join(dataDir, 'photos', 'variants');

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'seedline-photos-'));
  store = folderStore(dataDir);
});

afterAll(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function melonPhoto() {
  return database().prisma.listingPhoto.findFirstOrThrow({
    where: { listing: { packLot: { product: { slug: 'dua-luoi' } } } },
  });
}

describe('listing photos through sharp', () => {
  it('draws the demo original on first use and serves a 4:3 WebP of the asked width', async () => {
    const photo = await melonPhoto();
    const served = await photoVariant(database().prisma, store, { id: photo.id, width: 320, format: 'webp' });
    expect(served).toMatchObject({ contentType: 'image/webp', cached: false });
    expect(await sharp(served!.bytes).metadata()).toMatchObject({ format: 'webp', width: 320, height: 240 });
    const original = await sharp(path.join(originals(), photo.key)).metadata();
    expect(original).toMatchObject({ format: 'jpeg', width: photo.width, height: photo.height });
  });

  it('serves JPEG as the fallback, at the largest width', async () => {
    const photo = await melonPhoto();
    const served = await photoVariant(database().prisma, store, { id: photo.id, width: 1280, format: 'jpeg' });
    expect(await sharp(served!.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 1280, height: 960 });
  });

  it('serves a variant made before from the disk cache', async () => {
    const photo = await melonPhoto();
    const variant = { id: photo.id, width: 640, format: 'webp' } as const;
    const first = await photoVariant(database().prisma, store, variant);
    const file = path.join(variants(), photo.id, '640.webp');
    const madeAt = (await fs.stat(file)).mtimeMs;
    const second = await photoVariant(database().prisma, store, variant);
    expect(first?.cached).toBe(false);
    expect(second?.cached).toBe(true);
    expect(second?.bytes.equals(first!.bytes)).toBe(true);
    expect((await fs.stat(file)).mtimeMs).toBe(madeAt);
  });

  it('has nothing for an unknown photo, a missing original, or a key outside the originals folder', async () => {
    const db = database().prisma;
    const photo = await melonPhoto();
    expect(await photoVariant(db, store, { id: 'cmnosuchphoto00000000', width: 320, format: 'webp' })).toBeNull();
    const missing = await db.listingPhoto.create({
      data: { listingId: photo.listingId, key: 'uploads/lost.jpg', altVi: '-', altEn: '-', width: 800, height: 600 },
    });
    expect(await photoVariant(db, store, { id: missing.id, width: 320, format: 'webp' })).toBeNull();
    const escaping = await db.listingPhoto.create({
      data: { listingId: photo.listingId, key: '../../etc/passwd', altVi: '-', altEn: '-', width: 1, height: 1 },
    });
    expect(await photoVariant(db, store, { id: escaping.id, width: 320, format: 'webp' })).toBeNull();
  });
});

describe('the photo route', () => {
  beforeAll(() => {
    setDatabase(database());
    setEnv({
      NODE_ENV: 'test',
      PORT: 3000,
      PUBLIC_URL: 'http://localhost:3000',
      SESSION_SECRET: 'x'.repeat(32),
      SEEDLINE_DATA_DIR: dataDir,
    });
  });

  const get = (id: string, file: string) =>
    loader({ params: { id, file }, request: new Request(`http://localhost/photos/${id}/${file}`), context: {} });

  const statusOf = (thrown: unknown) => (thrown as { init?: { status?: number } }).init?.status;

  it('answers with the image and headers that let browsers keep it for a year', async () => {
    const photo = await melonPhoto();
    const response = await get(photo.id, '960.webp');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('image/webp');
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(await sharp(bytes).metadata()).toMatchObject({ width: 960, height: 720 });
  });

  it('answers 404 for a width outside the fixed set, so nothing is resized', async () => {
    const photo = await melonPhoto();
    for (const file of ['500.webp', '4000.jpeg', '320.gif', '320.png']) {
      const thrown = await get(photo.id, file).catch((error: unknown) => error);
      expect(statusOf(thrown), file).toBe(404);
    }
    const made = await fs.readdir(path.join(variants(), photo.id));
    expect(made.sort()).toEqual(['1280.jpeg', '320.webp', '640.webp', '960.webp']);
  });

  it('serves every width in AVIF, WebP and JPEG, each at its own URL with its own type and no Vary', async () => {
    const photo = await melonPhoto();
    for (const width of photoWidths) {
      for (const format of photoFormats) {
        const response = await get(photo.id, `${width}.${format}`);
        expect(response.headers.get('Content-Type'), `${width}.${format}`).toBe(photoContentTypes[format]);
        expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
        // The URL names the format: nothing is negotiated, so caches keep one copy per URL.
        expect(response.headers.get('Vary')).toBeNull();
        const bytes = Buffer.from(await response.arrayBuffer());
        expect(response.headers.get('Content-Length')).toBe(String(bytes.length));
        expect(await sharp(bytes).metadata()).toMatchObject({
          format: sharpFormat[format],
          width,
          height: photoHeight(width),
        });
      }
    }
  });

  it('answers 404 for an unknown photo', async () => {
    const thrown = await get('cmnosuchphoto00000000', '320.webp').catch((error: unknown) => error);
    expect(statusOf(thrown)).toBe(404);
  });
});
