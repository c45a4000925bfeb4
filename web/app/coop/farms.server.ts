import type { Db } from '@seedline/db';
import { refusal } from '../errors/refusals.ts';
import { notFound } from '../http.server.ts';
import type { CertificationForm, FarmForm, NewFarmForm } from './farm-forms.ts';

// The co-op's member farms and their certifications (the batch page shows them to buyers).

const shown = {
  id: true,
  code: true,
  name: true,
  commune: true,
  province: true,
  certifications: {
    orderBy: { validUntil: 'desc' },
    select: { id: true, scheme: true, number: true, issuedBy: true, validFrom: true, validUntil: true },
  },
  _count: { select: { members: true, greenhouses: true } },
} as const;

export async function farmList(db: Db) {
  return db.farm.findMany({ orderBy: { name: 'asc' }, select: shown });
}

export async function farm(db: Db, id: string) {
  const found = await db.farm.findUnique({ where: { id }, select: shown });
  if (!found) notFound('No such farm');
  return found;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2002';
}

/** Runs `write`, answering a unique index's refusal with `code` (a farm code, a certificate). */
async function unique<T>(write: () => Promise<T>, code: 'FARM_CODE_TAKEN' | 'CERTIFICATION_TAKEN', params = {}) {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw refusal(code, params);
    throw error;
  }
}

export function addFarm(db: Db, form: NewFarmForm) {
  return unique(() => db.farm.create({ data: form, select: { id: true } }), 'FARM_CODE_TAKEN', { code: form.code });
}

export async function editFarm(db: Db, id: string, form: FarmForm) {
  await farm(db, id);
  await db.farm.update({ where: { id }, data: form });
}

/** A certificate is one scheme's number: the same one on two farms is refused. */
export async function certify(db: Db, farmId: string, form: CertificationForm) {
  await farm(db, farmId);
  const params = { number: form.number };
  await unique(() => db.certification.create({ data: { ...form, farmId } }), 'CERTIFICATION_TAKEN', params);
}

export async function uncertify(db: Db, farmId: string, certificationId: string) {
  const removed = await db.certification.deleteMany({ where: { id: certificationId, farmId } });
  if (removed.count === 0) notFound('No such certification');
}
