import { type Database, seedDemo } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../web/server/start.ts';
import { signedInVisitor, startTestWeb, visibleText, visitor } from './support/web.ts';

// The co-op's register of input products under /coop/inputs: staff and admins keep it; a product
// a record uses is never deleted, only retired.

let database: Database;
let web: RunningServer;

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemo(database.prisma, new Date(), { demoLogins: true });
  web = await startTestWeb(database);
});

afterAll(async () => {
  await web?.close();
  await database?.close();
});

const staff = 'nhanvien@seedline.vn';
const newProduct = {
  name: 'Oshin 20WP',
  type: 'PESTICIDE',
  activeIngredient: 'dinotefuran',
  registrationNumber: '',
  phiDays: '7',
  maxDose: '0,6',
  doseUnit: 'G_PER_L',
};

describe('the input register', () => {
  it('lets staff add a product, with a decimal comma in its maximum dose', async () => {
    const v = await signedInVisitor(web.url, staff);
    const response = await v.post('/coop/inputs', newProduct);
    expect(response.status).toBe(302);
    const product = await database.prisma.inputProduct.findUniqueOrThrow({ where: { name: 'Oshin 20WP' } });
    expect(product).toMatchObject({
      type: 'PESTICIDE',
      phiDays: 7,
      maxDose: 0.6,
      doseUnit: 'G_PER_L',
      retiredAt: null,
    });
    const page = visibleText(await (await v.get(response.headers.get('location')!)).text());
    expect(page).toContain('Đã thêm Oshin 20WP vào danh mục.');
    expect(page).toContain('tối đa 0,6 g/L');
  });

  it('refuses a name already in the register beside the name, and a product without a unit beside the unit', async () => {
    const v = await signedInVisitor(web.url, staff);
    const before = await database.prisma.inputProduct.count();
    const taken = await v.post('/coop/inputs', { ...newProduct, name: 'Radiant 60SC' });
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain('id="name-error"');
    const noUnit = await v.post('/coop/inputs', { ...newProduct, name: 'Khác', doseUnit: '' });
    expect(noUnit.status).toBe(400);
    expect(await noUnit.text()).toContain('id="doseUnit-error"');
    expect(await database.prisma.inputProduct.count()).toBe(before);
  });

  it('lets staff edit a product, retire it and use it again', async () => {
    const v = await signedInVisitor(web.url, staff);
    const { id } = await database.prisma.inputProduct.findUniqueOrThrow({ where: { name: 'Sherpa 25EC' } });
    const edit = await v.post(`/coop/inputs/${id}`, {
      intent: 'save',
      ...newProduct,
      name: 'Sherpa 25EC',
      activeIngredient: 'cypermethrin',
      maxDose: '1,8',
      doseUnit: 'ML_PER_L',
    });
    expect(edit.status).toBe(302);
    expect(await database.prisma.inputProduct.findUniqueOrThrow({ where: { id } })).toMatchObject({ maxDose: 1.8 });
    expect((await v.post(`/coop/inputs/${id}`, { intent: 'retire' })).status).toBe(302);
    expect((await database.prisma.inputProduct.findUniqueOrThrow({ where: { id } })).retiredAt).not.toBeNull();
    expect((await v.post(`/coop/inputs/${id}`, { intent: 'restore' })).status).toBe(302);
    expect((await database.prisma.inputProduct.findUniqueOrThrow({ where: { id } })).retiredAt).toBeNull();
  });

  it('never deletes a product a record uses: refused with a message to retire it, and the product stays', async () => {
    const v = await signedInVisitor(web.url, staff);
    const { id } = await database.prisma.inputProduct.findUniqueOrThrow({ where: { name: 'Radiant 60SC' } });
    const response = await v.post(`/coop/inputs/${id}`, { intent: 'delete' });
    expect(response.status).toBe(409);
    expect(visibleText(await response.text())).toContain('không xoá được: hãy cho ngừng dùng');
    expect(await database.prisma.inputProduct.findUnique({ where: { id } })).not.toBeNull();
    // The database holds it too, whatever path a delete comes from.
    await expect(database.prisma.inputProduct.delete({ where: { id } })).rejects.toThrow();
  });

  it('deletes a product no record uses', async () => {
    const v = await signedInVisitor(web.url, staff);
    const { id } = await database.prisma.inputProduct.create({
      data: { name: 'Gõ nhầm', type: 'OTHER', phiDays: 0, maxDose: 1, doseUnit: 'ML_PER_L' },
    });
    const response = await v.post(`/coop/inputs/${id}`, { intent: 'delete' });
    expect(response.status).toBe(302);
    expect(await database.prisma.inputProduct.findUnique({ where: { id } })).toBeNull();
  });

  it.each([
    ['a farmer', 'nongdan.xh@seedline.vn'],
    ['a buyer', 'khachhang@example.vn'],
  ])('is refused to %s (403), for reading and for every change, and nothing changes', async (_who, email) => {
    const v = await signedInVisitor(web.url, email);
    const { id } = await database.prisma.inputProduct.findUniqueOrThrow({ where: { name: 'Amistar Top 325SC' } });
    const before = await database.prisma.inputProduct.findMany({ orderBy: { id: 'asc' } });
    expect((await v.get('/coop/inputs')).status).toBe(403);
    expect((await v.get(`/coop/inputs/${id}`)).status).toBe(403);
    expect((await v.post('/coop/inputs', { ...newProduct, name: 'Lén thêm' })).status).toBe(403);
    expect((await v.post(`/coop/inputs/${id}`, { intent: 'retire' })).status).toBe(403);
    expect((await v.post(`/coop/inputs/${id}`, { intent: 'delete' })).status).toBe(403);
    expect(await database.prisma.inputProduct.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
  });

  it('sends someone not signed in to log in', async () => {
    const response = await visitor(web.url).get('/coop/inputs');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toContain('/login');
  });

  it('is open to an admin too', async () => {
    expect((await (await signedInVisitor(web.url, 'admin@seedline.vn')).get('/coop/inputs')).status).toBe(200);
  });
});
