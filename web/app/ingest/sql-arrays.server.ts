// A column of a batch as one PostgreSQL array literal (`{1,2,NULL}`), bound as a single text
// parameter and cast where it is used (`${numberArray(xs)}::float8[]`). Handed a JavaScript array
// instead, Prisma, its driver adapter and `pg` each walk and convert every element (three passes
// and an object or two per value): the largest part of ingest's CPU per message (decision 040). A
// literal built here is one pass; PostgreSQL parses the same text either way.

/** Numbers (float8 or bigint columns); null is SQL NULL. Only finite numbers: a bigint has no NaN. */
export function numberArray(values: readonly (number | null)[]): string {
  let literal = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) literal += ',';
    if (value === null || value === undefined) literal += 'NULL';
    else if (Number.isFinite(value)) literal += String(value);
    else throw new RangeError(`numberArray: ${value} is not a finite number`);
  }
  return `${literal}}`;
}

/** Text, each element quoted (so "NULL", commas and braces stay text); null is SQL NULL. */
export function textArray(values: readonly (string | null)[]): string {
  let literal = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) literal += ',';
    literal += value === null || value === undefined ? 'NULL' : `"${value.replace(/["\\]/g, '\\$&')}"`;
  }
  return `${literal}}`;
}

export function booleanArray(values: readonly boolean[]): string {
  let literal = '{';
  for (let i = 0; i < values.length; i++) literal += (i > 0 ? ',' : '') + (values[i] ? 't' : 'f');
  return `${literal}}`;
}
