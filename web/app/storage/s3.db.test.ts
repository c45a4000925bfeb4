import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FakeS3, startFakeS3 } from '../../../test/support/fake-s3.ts';
import { addListingPhotos } from '../coop/listing-photos.server.ts';
import { setDatabase } from '../db.server.ts';
import { setEnv } from '../env.server.ts';
import { discardPhoto, preparePhoto, recordPhotoFile, storePhoto } from '../farm/photos.server.ts';
import { loader } from '../routes/photo.ts';
import { photoVariant, variantKey } from '../shop/photos.server.ts';
import { listingOf, useShopDatabase } from '../shop/testkit.ts';
import type { ObjectStore } from './objects.server.ts';
import { s3Store } from './s3.server.ts';

// Two web processes on one bucket, each with its own S3 client (the real @aws-sdk/client-s3)
// talking to a local fake S3: what one writes, the other serves.

const database = useShopDatabase();
const bucket = 'seedline-test';
let s3: FakeS3;
let first: ObjectStore;
let second: ObjectStore;

beforeAll(async () => {
  s3 = await startFakeS3();
  const settings = {
    bucket,
    endpoint: s3.url,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  first = s3Store(settings);
  second = s3Store(settings);
});

afterAll(() => s3.close());

const puts = (key: string) => s3.requests.filter((r) => r.method === 'PUT' && r.key === key).length;

async function jpeg(width: number, height: number) {
  const bytes = await sharp({ create: { width, height, channels: 3, background: '#4a7' } })
    .jpeg()
    .toBuffer();
  return { filename: 'melon.jpg', contentType: 'image/jpeg', size: bytes.length, bytes };
}

describe('listing photos in S3 shared by two web processes', () => {
  it('serves through one process a photo uploaded through the other', async () => {
    const db = database().prisma;
    const listing = await listingOf(db, 'dua-luoi');
    const outcome = await addListingPhotos(db, listing.id, [await jpeg(1600, 1200)], first);
    expect(outcome).toEqual({ ok: true, added: 1 });
    const photo = await db.listingPhoto.findFirstOrThrow({
      where: { listingId: listing.id, key: { startsWith: 'uploads/' } },
    });
    const served = await photoVariant(db, second, { id: photo.id, width: 640, format: 'webp' });
    expect(served).toMatchObject({ contentType: 'image/webp', cached: true });
    expect(served?.bytes.equals(s3.object(bucket, variantKey(photo.id, 640, 'webp'))!)).toBe(true);
    expect(await second.exists(variantKey(photo.id, 640, 'webp'))).toBe(true);
    expect(await second.exists(variantKey('nosuchphoto', 640, 'webp'))).toBe(false);
  });

  it('serves a variant one process resized from the other, without resizing or writing it again', async () => {
    const db = database().prisma;
    const photo = await db.listingPhoto.findFirstOrThrow({ where: { key: { startsWith: 'demo/' } } });
    const variant = { id: photo.id, width: 320, format: 'avif' } as const;
    const made = await photoVariant(db, first, variant);
    const served = await photoVariant(db, second, variant);
    expect(made?.cached).toBe(false);
    expect(served?.cached).toBe(true);
    expect(served?.bytes.equals(made!.bytes)).toBe(true);
    expect(await sharp(served!.bytes).metadata()).toMatchObject({ width: 320, height: 240 });
    expect(puts(variantKey(photo.id, 320, 'avif'))).toBe(1);
  });
});

describe('the photo route on S3 (SEEDLINE_S3_BUCKET)', () => {
  beforeAll(() => {
    vi.stubEnv('AWS_REGION', 'ap-southeast-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
    setDatabase(database());
    setEnv({
      NODE_ENV: 'test',
      PORT: 3000,
      PUBLIC_URL: 'http://localhost:3000',
      SESSION_SECRET: 'x'.repeat(32),
      SEEDLINE_S3_BUCKET: bucket,
      SEEDLINE_S3_ENDPOINT: s3.url,
    });
  });
  afterAll(() => vi.unstubAllEnvs());

  const get = (id: string, file: string) =>
    loader({ params: { id, file }, request: new Request(`http://localhost/photos/${id}/${file}`), context: {} });
  const statusOf = (thrown: unknown) => (thrown as { init?: { status?: number } }).init?.status;

  it('streams the stored variant with the headers that let browsers keep it for a year', async () => {
    const photo = await database().prisma.listingPhoto.findFirstOrThrow({ where: { key: { startsWith: 'demo/' } } });
    const response = await get(photo.id, '320.avif');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('image/avif');
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.equals(s3.object(bucket, variantKey(photo.id, 320, 'avif'))!)).toBe(true);
  });

  it('answers 404 when the original is missing from the bucket, and for an unknown photo', async () => {
    const db = database().prisma;
    const listing = await listingOf(db, 'dua-luoi');
    const lost = await db.listingPhoto.create({
      data: { listingId: listing.id, key: 'uploads/lost', altVi: '-', altEn: '-', width: 800, height: 600 },
    });
    for (const id of [lost.id, 'cmnosuchphoto00000000']) {
      const thrown = await get(id, '320.webp').catch((error: unknown) => error);
      expect(statusOf(thrown), id).toBe(404);
    }
  });
});

describe('farm record photos in S3', () => {
  it('serves from one process a record photo stored by the other, and nothing once discarded', async () => {
    const db = database().prisma;
    const prepared = await preparePhoto(await jpeg(800, 600));
    if (!prepared.ok) throw new Error('the test photo was refused');
    const stored = await storePhoto(prepared.photo, first);
    const farmer = await db.user.findFirstOrThrow({ where: { role: 'FARMER', farmId: { not: null } } });
    await db.recordPhoto.create({
      data: {
        id: stored.id,
        farmId: farmer.farmId!,
        subject: 'OBSERVATION',
        widths: stored.widths,
        width: 800,
        height: 600,
        recordedById: farmer.id,
      },
    });
    const variant = { id: stored.id, width: stored.widths[0]!, format: 'webp' } as const;
    expect(await recordPhotoFile(db, farmer, variant, second)).toMatchObject({ contentType: 'image/webp' });
    await discardPhoto(stored.id, first);
    expect(await recordPhotoFile(db, farmer, variant, second)).toBeNull();
  });
});
