import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { dropNulBytes } from './strip-nul.server.ts';

describe('the page stream', () => {
  it('drops the NUL bytes React leaves at a chunk end and keeps every Vietnamese letter whole', async () => {
    const chunks = [Buffer.from('Tệp '), Buffer.from([0, 0]), Buffer.from('đã chọn không phải là ảnh.')];
    const html = await text(Readable.from(chunks).pipe(dropNulBytes()));
    expect(html).toBe('Tệp đã chọn không phải là ảnh.');
  });
});
