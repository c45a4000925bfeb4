import type { Db } from '@seedline/db';
import { refusal } from '../errors/refusals.ts';
import { notFound } from '../http.server.ts';
import type { InputProductForm } from './input-product-form.ts';

// The co-op's register of input products. Staff add and edit; a product a record uses is never
// deleted (the database refuses it too: FarmLog's reference restricts), only retired, which hides
// it from new records while the old ones keep it.

const listed = {
  id: true,
  name: true,
  type: true,
  activeIngredient: true,
  registrationNumber: true,
  phiDays: true,
  maxDose: true,
  doseUnit: true,
  retiredAt: true,
  _count: { select: { farmLogs: true } },
} as const;

/** Every product, those in use first, by name. */
export async function inputRegister(db: Db) {
  const products = await db.inputProduct.findMany({ orderBy: { name: 'asc' }, select: listed });
  return products
    .map(({ _count, ...p }) => ({ ...p, uses: _count.farmLogs }))
    .sort((a, b) => Number(a.retiredAt !== null) - Number(b.retiredAt !== null));
}

export async function inputProduct(db: Db, id: string) {
  const product = await db.inputProduct.findUnique({ where: { id }, select: listed });
  if (!product) notFound('No such input product');
  const { _count, ...rest } = product;
  return { ...rest, uses: _count.farmLogs };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2002';
}

async function named<T>(form: InputProductForm, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw refusal('INPUT_PRODUCT_NAME_TAKEN', { name: form.name });
    throw error;
  }
}

export function addInputProduct(db: Db, form: InputProductForm) {
  return named(form, () => db.inputProduct.create({ data: form }));
}

/** Changes a product; records made with it keep what they copied when they were made. */
export async function editInputProduct(db: Db, id: string, form: InputProductForm) {
  await inputProduct(db, id);
  return named(form, () => db.inputProduct.update({ where: { id }, data: form }));
}

export async function retireInputProduct(db: Db, id: string, retired: boolean, now = new Date()) {
  await inputProduct(db, id);
  return db.inputProduct.update({ where: { id }, data: { retiredAt: retired ? now : null } });
}

/** Deletes a product no record uses; one in use is refused (INPUT_PRODUCT_IN_USE): retire it. */
export async function deleteInputProduct(db: Db, id: string) {
  const product = await inputProduct(db, id);
  if (product.uses > 0) throw refusal('INPUT_PRODUCT_IN_USE', { product: product.name, count: product.uses });
  return db.inputProduct.delete({ where: { id } });
}
