import { hashPassword } from '@seedline/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { setEnv } from '../env.server.ts';
import {
  addToCart,
  cartContents,
  cartCookieHeader,
  ensureCart,
  findCart,
  loadCart,
  removeLine,
  updateLine,
} from './cart.server.ts';
import { listingOf, reserve, shopNow, useShopDatabase } from './testkit.ts';

const database = useShopDatabase();
const newCart = () => ensureCart(database().prisma, { cartId: null, userId: null });

beforeAll(() => {
  // The cart cookie is signed with the session secret.
  setEnv({ NODE_ENV: 'test', PORT: 3000, PUBLIC_URL: 'http://localhost:3000', SESSION_SECRET: 'x'.repeat(32) });
});

describe('adding to a cart', () => {
  it('adds units of a batch and adds more to the same line', async () => {
    const db = database().prisma;
    const melon = await listingOf(db, 'dua-luoi');
    const cart = await newCart();
    await addToCart(db, cart, melon.id, 2, shopNow);
    await addToCart(db, cart, melon.id, 3, shopNow);
    const contents = await cartContents(db, cart, shopNow);
    expect(contents.lines).toHaveLength(1);
    expect(contents.lines[0]).toMatchObject({
      quantity: 5,
      unitPriceVnd: 85_000,
      lineTotalVnd: 425_000,
      available: melon.stock,
      status: 'ok',
      listing: { id: melon.id, packLotId: melon.packLotId, published: true, product: { nameVi: 'Dưa lưới' } },
    });
    expect(contents).toMatchObject({ totalVnd: 425_000, count: 5, ready: true });
  });

  it('refuses more than the units left, counting what the cart already holds, and changes nothing', async () => {
    const db = database().prisma;
    const cucumber = await listingOf(db, 'dua-chuot');
    const cart = await newCart();
    await addToCart(db, cart, cucumber.id, cucumber.stock - 1, shopNow);
    await expect(addToCart(db, cart, cucumber.id, 2, shopNow)).rejects.toMatchObject({
      code: 'EXCEEDS_STOCK',
      params: { available: cucumber.stock },
    });
    expect((await cartContents(db, cart, shopNow)).lines[0]?.quantity).toBe(cucumber.stock - 1);
  });

  it('refuses units held by active reservations', async () => {
    const db = database().prisma;
    const tomato = await listingOf(db, 'ca-chua-bi');
    await reserve(db, tomato.id, tomato.stock - 4, new Date(shopNow.getTime() + 10 * 60_000));
    const cart = await newCart();
    await expect(addToCart(db, cart, tomato.id, 5, shopNow)).rejects.toMatchObject({ params: { available: 4 } });
    await addToCart(db, cart, tomato.id, 4, shopNow);
    expect((await cartContents(db, cart, shopNow)).lines[0]?.quantity).toBe(4);
  });

  it('refuses a batch that is not for sale', async () => {
    const db = database().prisma;
    const greens = await listingOf(db, 'cai-xanh');
    await db.listing.update({ where: { id: greens.id }, data: { published: false } });
    const cart = await newCart();
    await expect(addToCart(db, cart, greens.id, 1, shopNow)).rejects.toMatchObject({ code: 'LISTING_UNAVAILABLE' });
    await expect(addToCart(db, cart, 'cmnosuchlisting000000', 1, shopNow)).rejects.toMatchObject({
      code: 'LISTING_UNAVAILABLE',
    });
    expect((await cartContents(db, cart, shopNow)).lines).toEqual([]);
    await db.listing.update({ where: { id: greens.id }, data: { published: true } });
  });
});

describe('changing a cart', () => {
  it('sets a quantity, refuses one beyond the units left, and removes the line at 0', async () => {
    const db = database().prisma;
    const melon = await listingOf(db, 'dua-luoi');
    const cart = await newCart();
    await addToCart(db, cart, melon.id, 1, shopNow);
    await updateLine(db, cart, melon.id, 4, shopNow);
    expect((await cartContents(db, cart, shopNow)).lines[0]?.quantity).toBe(4);
    await expect(updateLine(db, cart, melon.id, melon.stock + 1, shopNow)).rejects.toMatchObject({
      code: 'EXCEEDS_STOCK',
    });
    expect((await cartContents(db, cart, shopNow)).lines[0]?.quantity).toBe(4);
    await updateLine(db, cart, melon.id, 0, shopNow);
    expect((await cartContents(db, cart, shopNow)).lines).toEqual([]);
  });

  it('removes a line', async () => {
    const db = database().prisma;
    const melon = await listingOf(db, 'dua-luoi');
    const cart = await newCart();
    await addToCart(db, cart, melon.id, 1, shopNow);
    await removeLine(db, cart, melon.id);
    expect(await cartContents(db, cart, shopNow)).toMatchObject({ lines: [], totalVnd: 0, count: 0, ready: false });
  });
});

describe('a line whose batch sold out or was withdrawn', () => {
  it('shows so, is left out of the total, and keeps the cart from checkout', async () => {
    const db = database().prisma;
    const melon = await listingOf(db, 'dua-luoi');
    const tomato = await listingOf(db, 'ca-chua-bi');
    const cucumber = await listingOf(db, 'dua-chuot');
    const cart = await newCart();
    await addToCart(db, cart, melon.id, 1, shopNow);
    await addToCart(db, cart, tomato.id, 2, shopNow);
    await addToCart(db, cart, cucumber.id, 3, shopNow);
    await db.listing.update({ where: { id: tomato.id }, data: { stock: 0 } });
    await db.listing.update({ where: { id: cucumber.id }, data: { published: false } });
    const contents = await cartContents(db, cart, shopNow);
    expect(contents.lines.map((l) => [l.listing.product.nameVi, l.status])).toEqual([
      ['Dưa lưới', 'ok'],
      ['Cà chua bi', 'soldOut'],
      ['Dưa chuột', 'unavailable'],
    ]);
    expect(contents).toMatchObject({ totalVnd: 85_000, count: 6, ready: false });
    await expect(updateLine(db, cart, tomato.id, 1, shopNow)).rejects.toMatchObject({ code: 'LISTING_SOLD_OUT' });
    await db.listing.update({ where: { id: tomato.id }, data: { stock: tomato.stock } });
    await db.listing.update({ where: { id: cucumber.id }, data: { published: true } });
  });

  it('asks for a lower quantity when fewer units are left than the line holds', async () => {
    const db = database().prisma;
    const greens = await listingOf(db, 'cai-xanh');
    const cart = await newCart();
    await addToCart(db, cart, greens.id, 5, shopNow);
    await db.listing.update({ where: { id: greens.id }, data: { stock: 3 } });
    const [line] = (await cartContents(db, cart, shopNow)).lines;
    expect(line).toMatchObject({ status: 'exceedsStock', available: 3 });
    await db.listing.update({ where: { id: greens.id }, data: { stock: greens.stock } });
  });
});

describe('whose cart it is', () => {
  async function buyer(email: string) {
    return database().prisma.user.create({
      data: { email, name: 'Người mua', passwordHash: await hashPassword('mật khẩu đủ dài') },
    });
  }

  it('gives a guest cart to the buyer who signs in, merged with the cart they kept before', async () => {
    const db = database().prisma;
    const melon = await listingOf(db, 'dua-luoi');
    const tomato = await listingOf(db, 'ca-chua-bi');
    const user = await buyer('hop-nhat@example.vn');
    const older = await ensureCart(db, { cartId: null, userId: user.id });
    await addToCart(db, older, melon.id, 2, shopNow);
    const guest = await newCart();
    await addToCart(db, guest, melon.id, 1, shopNow);
    await addToCart(db, guest, tomato.id, 1, shopNow);

    expect(await findCart(db, { cartId: guest, userId: user.id })).toBe(guest);
    const merged = await cartContents(db, guest, shopNow);
    expect(merged.lines.map((l) => [l.listing.product.nameVi, l.quantity])).toEqual([
      ['Dưa lưới', 3],
      ['Cà chua bi', 1],
    ]);
    expect(await db.cart.findMany({ where: { userId: user.id }, select: { id: true } })).toEqual([{ id: guest }]);
    // On another browser, with no cart cookie, the buyer finds the same cart.
    expect(await findCart(db, { cartId: null, userId: user.id })).toBe(guest);
  });

  it('never shows a buyer cart to a guest on the same browser after log-out', async () => {
    const db = database().prisma;
    const user = await buyer('dung-chung@example.vn');
    const own = await ensureCart(db, { cartId: null, userId: user.id });
    expect(await findCart(db, { cartId: own, userId: null })).toBeNull();
    const other = await buyer('nguoi-khac@example.vn');
    expect(await findCart(db, { cartId: own, userId: other.id })).toBeNull();
  });

  it('loads the cart a request names in its cookie', async () => {
    const db = database().prisma;
    const melon = await listingOf(db, 'dua-luoi');
    const cart = await newCart();
    await addToCart(db, cart, melon.id, 2, shopNow);
    const cookie = (await cartCookieHeader(cart)).split(';')[0]!;
    const request = new Request('http://localhost/cart', { headers: { Cookie: cookie } });
    const loaded = await loadCart(db, request, shopNow);
    expect(loaded).toMatchObject({ cartId: cart, totalVnd: 170_000, ready: true });
    const forged = new Request('http://localhost/cart', { headers: { Cookie: `sl_cart=${cart}` } });
    expect((await loadCart(db, forged, shopNow)).lines).toEqual([]);
  });
});
