import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formAction } from './form-action.server.ts';
import { formView } from './form-result.ts';
import { readFormWithFiles } from './uploads.server.ts';

// A form with a photo, read on a bare Request as a browser sends it (multipart/form-data).

const multipart = (form: FormData) => new Request('http://farm.test/form', { method: 'POST', body: form });
const limits = { fileFields: ['photo'], maxBytes: 1024 };

describe('readFormWithFiles', () => {
  it('keeps the text fields for the form contract and the file of a field asked for, within the limit', async () => {
    const form = new FormData();
    form.append('lotNumber', 'TK-1');
    form.append('photo', new Blob([new Uint8Array(1000).fill(7)], { type: 'image/jpeg' }), 'goi.jpg');
    form.append('other', new Blob(['not asked for']), 'other.txt');
    const { formData, files } = await readFormWithFiles(multipart(form), limits);
    expect([...formData.entries()]).toEqual([['lotNumber', 'TK-1']]);
    expect([...files.keys()]).toEqual(['photo']);
    expect(files.get('photo')).toMatchObject({ filename: 'goi.jpg', contentType: 'image/jpeg', size: 1000 });
    expect(files.get('photo')!.bytes!.equals(Buffer.alloc(1000, 7))).toBe(true);
  });

  it('counts a file over the limit to its end but keeps none of it, and still reads the fields after it', async () => {
    const form = new FormData();
    form.append('photo', new Blob([new Uint8Array(5000)]), 'big.jpg');
    form.append('lotNumber', 'TK-2');
    const { formData, files } = await readFormWithFiles(multipart(form), limits);
    expect(files.get('photo')).toMatchObject({ size: 5000, bytes: null });
    expect(formData.get('lotNumber')).toBe('TK-2');
  });

  it('reads an empty file input (no photo chosen) as no file', async () => {
    const form = new FormData();
    form.append('photo', new Blob([]), '');
    expect((await readFormWithFiles(multipart(form), limits)).files.size).toBe(0);
  });

  it('reads a urlencoded form as the contract does, and a body that is not a form as an empty one', async () => {
    const urlencoded = new Request('http://farm.test/form', {
      method: 'POST',
      body: new URLSearchParams({ lotNumber: 'TK-3' }),
    });
    expect((await readFormWithFiles(urlencoded, limits)).formData.get('lotNumber')).toBe('TK-3');
    const broken = new Request('http://farm.test/form', {
      method: 'POST',
      body: 'no boundary here',
      headers: { 'Content-Type': 'multipart/form-data; boundary=xyz' },
    });
    const read = await readFormWithFiles(broken, limits);
    expect([...read.formData.keys()]).toEqual([]);
    expect(read.files.size).toBe(0);
  });
});

describe('formAction with a body read already', () => {
  const schema = z.object({ lotNumber: z.string({ error: 'errors.required' }).min(1, { error: 'errors.required' }) });
  const run = async (form: FormData) => {
    const request = multipart(form);
    const { formData } = await readFormWithFiles(request, limits);
    // The request's body is spent: the contract reads the fields from what was read.
    return formAction(schema, async (input) => `ran with ${input.lotNumber}`, { formData })({
      request,
      params: {},
      context: {},
    });
  };

  it('hands the text fields of that body to the handler', async () => {
    const form = new FormData();
    form.append('lotNumber', 'TK-4');
    form.append('photo', new Blob([new Uint8Array(10)]), 'goi.jpg');
    expect(await run(form)).toBe('ran with TK-4');
  });

  it('refuses a missing one beside its field', async () => {
    const form = new FormData();
    form.append('photo', new Blob([new Uint8Array(10)]), 'goi.jpg');
    const result = await run(form);
    expect(result).toMatchObject({ init: { status: 400 } });
    expect(formView((result as { data: unknown }).data).error('lotNumber')?.key).toBe('errors.required');
  });
});
