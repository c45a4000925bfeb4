import { type UploadHandlerPart, unstable_parseMultipartFormData } from '@remix-run/node';

// A form with a file (a photo of a seed packet) comes as multipart/form-data. It is read here, part
// by part, with a limit: a file over `maxBytes` is read to its end but not kept (the farmer gets
// a message beside the field, not a dropped connection), and text fields are kept short. The text
// fields go on to the form contract (`formAction(schema, handler, { formData })`), the files to
// the handler.

/** A file field as sent: its bytes when within the limit, else only its size. */
export type UploadedFile = {
  filename: string;
  contentType: string;
  size: number;
  /** Null when the file is larger than the limit: only its size was counted. */
  bytes: Buffer | null;
};

export type ReadForm = {
  /** The text fields, for the form contract. */
  formData: FormData;
  /** The files of the fields asked for; a field left empty (no file chosen) is absent. */
  files: ReadonlyMap<string, UploadedFile>;
  /** Every file of each field asked for, in the order sent (a `multiple` input sends several). */
  fileLists: ReadonlyMap<string, readonly UploadedFile[]>;
};

/** No text field of a form is longer (the form contract echoes at most 2,000 characters). */
const maxTextBytes = 16 * 1024;

async function readPart(data: AsyncIterable<Uint8Array>, limit: number) {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    // Past the limit, the rest is read and dropped: memory holds at most `limit` bytes.
    if (size <= limit) chunks.push(chunk);
  }
  return { size, bytes: size <= limit ? Buffer.concat(chunks) : null };
}

/**
 * Reads a form that may carry files. `fileFields` name the fields whose files are kept (at most
 * `maxBytes` each); any other file is dropped. A body that is not a form (or is a broken one)
 * reads as an empty form, as the form contract reads it.
 */
export async function readFormWithFiles(
  request: Request,
  { fileFields, maxBytes, maxFiles = 1 }: { fileFields: readonly string[]; maxBytes: number; maxFiles?: number },
): Promise<ReadForm> {
  const files = new Map<string, UploadedFile>();
  const fileLists = new Map<string, UploadedFile[]>();
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('multipart/form-data')) {
    return { formData: await request.formData().catch(() => new FormData()), files, fileLists };
  }
  const handler = async ({ name, filename, contentType, data }: UploadHandlerPart) => {
    if (filename === undefined) {
      const { bytes } = await readPart(data, maxTextBytes);
      return bytes ? bytes.toString('utf8') : null;
    }
    const list = fileLists.get(name) ?? [];
    // Files past `maxFiles` are read and dropped, as a file past `maxBytes` is.
    const wanted = fileFields.includes(name) && list.length < maxFiles;
    const { size, bytes } = await readPart(data, wanted ? maxBytes : 0);
    // An empty file input is sent as a part with no name and no bytes: no file was chosen.
    if (wanted && (size > 0 || filename !== '')) {
      const file = { filename, contentType, size, bytes };
      if (!files.has(name)) files.set(name, file);
      fileLists.set(name, [...list, file]);
    }
    return null;
  };
  try {
    return { formData: await unstable_parseMultipartFormData(request, handler), files, fileLists };
  } catch (error) {
    // A body that ends early or has no boundary is not a form; anything else is a fault.
    if (!(error instanceof TypeError) && !(error instanceof Error && /multipart|boundary/i.test(error.message))) {
      throw error;
    }
    return { formData: new FormData(), files: new Map(), fileLists: new Map() };
  }
}
