import fs from 'node:fs';
import path from 'node:path';
import { localDateTime } from '@seedline/db';
import type { Database } from '@seedline/db/setup';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../web/server/start.ts';
import { refusedPhotos, sidewaysPhoneJpeg } from './support/phone-photos.ts';
import { openDemoApp } from './support/shop.ts';
import { signedInVisitor, visibleText } from './support/web.ts';

// An observation with a photo of what was seen (a pest, a diseased leaf), as the phone's form
// sends it without JavaScript (multipart). The photo goes through the same sharp pipeline as a
// seed packet's; a correction keeps its original's photo unless it brings its own.

let database: Database;
let web: RunningServer;
let dataDir: string;
let close: () => Promise<void>;
const now = new Date();

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'seedline-observations-'));
  ({ database, web, close } = await openDemoApp(now, { SEEDLINE_DATA_DIR: dataDir }));
});
afterAll(() => close?.());

const melon = () =>
  database.prisma.planting.findFirstOrThrow({
    where: { zone: { key: 'z2', greenhouse: { thingName: 'seedline-xh-nm1' } } },
  });

function observationForm(fields: Record<string, string>, photo?: Blob): FormData {
  const form = new FormData();
  const all = {
    clientId: crypto.randomUUID(),
    observation: 'DISEASE',
    text: 'Lá có đốm vàng, nghi sương mai',
    observedAt: localDateTime(new Date(now.getTime() - 3_600_000)),
    ...fields,
  };
  for (const [name, value] of Object.entries(all)) form.append(name, value);
  // A browser sends an empty file part when no photo is chosen.
  form.append('photo', photo ?? new Blob([]), photo ? 'la-benh.jpg' : '');
  return form;
}

const jpeg = async () => new Blob([await sidewaysPhoneJpeg()], { type: 'image/jpeg' });
const storedPhotoFolders = () => {
  const dir = path.join(dataDir, 'record-photos');
  return fs.existsSync(dir) ? fs.readdirSync(dir).length : 0;
};
const written = async () => ({
  logs: await database.prisma.farmLog.count(),
  photos: await database.prisma.recordPhoto.count(),
});

describe('an observation with a photo', () => {
  it('is recorded with its photo, upright and stripped, shown on the records page; sent twice, stored once', async () => {
    const { id } = await melon();
    const v = await signedInVisitor(web.url, 'nongdan.xh@seedline.vn');
    const before = await written();
    const clientId = crypto.randomUUID();
    for (let sent = 0; sent < 2; sent++) {
      const response = await v.postMultipart(
        `/farm/plantings/${id}/observation`,
        observationForm({ clientId }, await jpeg()),
      );
      expect(response.status).toBe(302);
    }
    expect(await written()).toEqual({ logs: before.logs + 1, photos: before.photos + 1 });
    const log = await database.prisma.farmLog.findUniqueOrThrow({ where: { clientId }, include: { photo: true } });
    expect(log.photo).toMatchObject({ subject: 'OBSERVATION', width: 400, height: 600 });

    const page = await (await v.get(`/farm/plantings/${id}/records`)).text();
    expect(page).toContain(`/farm/photos/${log.photoId}/320.jpeg`);
    const served = await v.get(`/farm/photos/${log.photoId}/320.jpeg`);
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 320, height: 480 });
    expect(meta.exif).toBeUndefined();
    // Another farm's farmer does not see it.
    const other = await signedInVisitor(web.url, 'nongdan.yd@seedline.vn');
    expect((await other.get(`/farm/photos/${log.photoId}/320.jpeg`)).status).toBe(404);
  });

  it('keeps its photo when corrected without a new one', async () => {
    const { id } = await melon();
    const v = await signedInVisitor(web.url, 'nongdan.xh@seedline.vn');
    const first = crypto.randomUUID();
    await v.postMultipart(`/farm/plantings/${id}/observation`, observationForm({ clientId: first }, await jpeg()));
    const original = await database.prisma.farmLog.findUniqueOrThrow({ where: { clientId: first } });
    const response = await v.postMultipart(
      `/farm/plantings/${id}/observation`,
      observationForm({
        corrects: original.id,
        reason: 'Là bệnh thán thư, không phải sương mai',
        text: 'Đốm nâu lõm trên quả',
      }),
    );
    expect(response.status).toBe(302);
    const correction = await database.prisma.farmLog.findFirstOrThrow({ where: { correctsId: original.id } });
    expect(correction).toMatchObject({ note: 'Đốm nâu lõm trên quả', photoId: original.photoId });
  });
});

describe('an observation photo that is refused', () => {
  it.each(refusedPhotos)(
    '%s: with a message beside the photo field, and nothing is written',
    async (_what, photo, message) => {
      const { id } = await melon();
      const before = await written();
      const v = await signedInVisitor(web.url, 'nongdan.xh@seedline.vn');
      const response = await v.postMultipart(
        `/farm/plantings/${id}/observation`,
        observationForm({ text: 'Sâu xanh ăn lá' }, await photo()),
      );
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain('id="photo-error"');
      expect(visibleText(html)).toContain(message);
      expect(html).toContain('Sâu xanh ăn lá');
      expect(await written()).toEqual(before);
      // No photo's files are left without its record.
      expect(storedPhotoFolders()).toBe(before.photos);
    },
    30_000,
  );
});
