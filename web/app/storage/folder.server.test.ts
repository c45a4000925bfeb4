import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderStore } from './folder.server.ts';
import { keyUnder } from './objects.server.ts';

let root: string;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'seedline-store-'));
});

afterAll(() => fs.rm(root, { recursive: true, force: true }));

describe('the data folder as the object store', () => {
  it('keeps each key as the file its path names, and removes a photo folder with its last file', async () => {
    const store = folderStore(root);
    await store.put('photos/variants/p1/320.webp', Buffer.from('small'), 'image/webp');
    await store.put('photos/variants/p1/640.webp', Buffer.from('large'), 'image/webp');
    expect(await fs.readFile(path.join(root, 'photos/variants/p1/320.webp'), 'utf8')).toBe('small');
    expect((await store.get('photos/variants/p1/640.webp'))?.toString()).toBe('large');
    expect(await store.exists('photos/variants/p1/640.webp')).toBe(true);
    await store.delete(['photos/variants/p1/320.webp']);
    expect(await store.exists('photos/variants/p1/320.webp')).toBe(false);
    await store.delete(['photos/variants/p1/640.webp', 'photos/variants/p1/960.webp']);
    await expect(fs.stat(path.join(root, 'photos/variants/p1'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('has nothing for a missing key, and refuses a key that climbs out of the folder', async () => {
    const store = folderStore(root);
    expect(await store.get('photos/originals/lost.jpg')).toBeNull();
    expect(await store.exists('photos/originals/lost.jpg')).toBe(false);
    await expect(store.get('../outside')).rejects.toThrow(/outside/);
    expect(keyUnder('photos/originals', '../../etc/passwd')).toBeNull();
    expect(keyUnder('photos/originals', 'uploads/../../variants/x/320.webp')).toBeNull();
    expect(keyUnder('photos/originals', 'demo/melon.jpg')).toBe('photos/originals/demo/melon.jpg');
  });
});
