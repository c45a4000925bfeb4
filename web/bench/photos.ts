// Listing photo benchmark: ten 12-megapixel phone photos uploaded one after another through the
// upload path staff use (the multipart body read by readFormWithFiles, the checks, sharp once,
// every size written where the shop serves it, the row), into a fresh PGlite with the demo
// cooperative. Run: `npm run bench:photos [-- --photos N]`. Prints each upload, then one JSON line
// (the last): p50Ms and p95Ms from the request to every size ready, peakRssMb meanwhile.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { seedDemo } from '@seedline/db/setup';
import { addListingPhotos, maxPhotosPerListing } from '../app/coop/listing-photos.server.ts';
import { readFormWithFiles } from '../app/forms/uploads.server.ts';
import { maxListingPhotoBytes } from '../app/shop/photo-upload.server.ts';
import { folderStore } from '../app/storage/folder.server.ts';
import { photoFormats, photoWidths } from '../app/shop/photos.ts';
import { freshDatabase } from './database.ts';
import { type Cleanups, machineLoad, runBench } from './lifecycle.ts';

import { percentile } from './report.ts';

const phonePhotoScript = fileURLToPath(new URL('./phone-photo.ts', import.meta.url));

/** The request a phone's browser sends for one photo on the listing page. */
function uploadRequest(photo: Buffer, n: number): Request {
  const form = new FormData();
  form.append('intent', 'upload');
  form.append('photos', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), `IMG_${1000 + n}.jpg`);
  return new Request('http://bench.local/coop/listings/x', { method: 'POST', body: form });
}

/** The highest resident set size seen while `work` runs, sampled every 10 ms. */
async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  try {
    const result = await work();
    return { result, peakMb: Math.max(peak, process.memoryUsage.rss()) / (1024 * 1024) };
  } finally {
    clearInterval(timer);
  }
}

async function main(cleanups: Cleanups): Promise<number> {
  const { values } = parseArgs({
    options: {
      photos: { type: 'string', default: '10' },
      'pg-url': { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/postgres' },
    },
  });
  const count = Number(values.photos);
  if (!Number.isInteger(count) || count < 1 || count > maxPhotosPerListing) {
    throw new Error(`--photos takes a whole number from 1 to ${maxPhotosPerListing}`);
  }
  console.log(
    `Seedline photo bench: ${count} phone photos of 12 megapixels, one upload each. Before: ${machineLoad()}`,
  );
  // PostgreSQL, as in production: the database's memory is not this process's.
  const db = await freshDatabase('postgres', values['pg-url']);
  cleanups.push(() => db.drop());
  await seedDemo(db.database.prisma, new Date());
  const listing = await db.database.prisma.listing.findFirstOrThrow({ select: { id: true } });
  await db.database.prisma.listingPhoto.deleteMany({ where: { listingId: listing.id } });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'seedline-bench-photos-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const store = folderStore(dataDir);
  const variants = path.join(dataDir, 'photos', 'variants');
  // Drawn in a process of its own: drawing leaves this one hundreds of MB larger before any upload.
  const drawn = path.join(dataDir, 'phone');
  await mkdir(drawn);
  const draw = spawnSync(process.execPath, [...process.execArgv, phonePhotoScript, drawn, String(count)], {
    stdio: 'inherit',
  });
  if (draw.status !== 0) throw new Error('drawing the phone photos failed');
  const photos = await Promise.all((await readdir(drawn)).sort().map((file) => readFile(path.join(drawn, file))));
  console.log(`Resident set before the uploads: ${(process.memoryUsage.rss() / (1024 * 1024)).toFixed(0)} MB`);
  const upload = async (photo: Buffer, n: number) => {
    const started = performance.now();
    const { fileLists } = await readFormWithFiles(uploadRequest(photo, n), {
      fileFields: ['photos'],
      maxBytes: maxListingPhotoBytes,
    });
    const outcome = await addListingPhotos(db.database.prisma, listing.id, fileLists.get('photos') ?? [], store);
    if (!outcome.ok) throw new Error(`photo ${n} refused: ${JSON.stringify(outcome)}`);
    const ms = performance.now() - started;
    console.log(`- photo ${n + 1}: ${(photo.byteLength / 1e6).toFixed(1)} MB, every size ready in ${ms.toFixed(0)} ms`);
    return ms;
  };
  const { result: times, peakMb } = await peakRss(async () => {
    const ms: number[] = [];
    for (const [n, photo] of photos.entries()) ms.push(await upload(photo, n));
    return ms;
  });
  const files = (await Promise.all((await readdir(variants)).map((id) => readdir(path.join(variants, id))))).flat();
  const expected = count * photoWidths.length * photoFormats.length;
  if (files.length !== expected) throw new Error(`${files.length} files written, ${expected} expected`);
  console.log(`After: ${machineLoad()}; ${files.length} files written`);
  const round = (v: number) => Math.round(v);
  console.log(
    JSON.stringify({
      photos: count,
      p50Ms: round(percentile(times, 0.5)),
      p95Ms: round(percentile(times, 0.95)),
      peakRssMb: round(peakMb),
    }),
  );
  return 0;
}

runBench('bench:photos', main);
