// The catalogue's kept list of batches on sale is never the list as it was before a committed
// change or before a reservation ran out, and is kept otherwise (decision 031).
import { describe, expect, it } from 'vitest';
import { cachedBatchesOnSale } from './catalogue.server.ts';
import { publicStoryVersion } from './story-cache.server.ts';
import { listingOf, reserve, shopNow, useShopDatabase } from './testkit.ts';

const MIN = 60_000;
const at = (minutes: number) => new Date(shopNow.getTime() + minutes * MIN);

describe("the catalogue's kept list", () => {
  const database = useShopDatabase();
  const db = () => database().prisma;
  const available = async (now: Date, slug: string) => {
    const { id } = await listingOf(db(), slug);
    return (await cachedBatchesOnSale(db(), now)).items.find((item) => item.listingId === id)?.available;
  };

  it('is kept while nothing changes, and through a transaction that rolls back', async () => {
    const first = await cachedBatchesOnSale(db(), at(0));
    expect(first.items).toHaveLength(4);
    expect(await cachedBatchesOnSale(db(), at(1))).toBe(first);
    const { id } = await listingOf(db(), 'dua-luoi');
    await db()
      .$transaction(async (tx) => {
        await tx.listing.update({ where: { id }, data: { priceVnd: 1 } });
        throw new Error('staff cancelled the edit');
      })
      .catch(() => undefined);
    expect(await cachedBatchesOnSale(db(), at(2))).toBe(first);
  });

  it("counts an order's hold at once, gives the units back when the hold runs out with no write, and when it is released", async () => {
    const tomato = await listingOf(db(), 'ca-chua-bi');
    expect(await available(at(3), 'ca-chua-bi')).toBe(tomato.stock);
    const version = await publicStoryVersion(db());
    const order = await reserve(db(), tomato.id, 7, at(13));
    expect(await publicStoryVersion(db())).toBe(version + 1n);
    expect(await available(at(4), 'ca-chua-bi')).toBe(tomato.stock - 7);
    // Nothing is written when a hold runs out: the kept list holds only until then.
    expect(await available(at(12), 'ca-chua-bi')).toBe(tomato.stock - 7);
    expect(await available(at(13), 'ca-chua-bi')).toBe(tomato.stock);

    await reserve(db(), tomato.id, 5, at(60));
    expect(await available(at(14), 'ca-chua-bi')).toBe(tomato.stock - 5);
    await db().stockReservation.updateMany({ where: { orderId: { not: order.id } }, data: { releasedAt: at(15) } });
    expect(await available(at(15), 'ca-chua-bi')).toBe(tomato.stock);
  });

  it('brings a sold-out batch back when the hold that took its last units runs out', async () => {
    const cucumber = await listingOf(db(), 'dua-chuot');
    await reserve(db(), cucumber.id, cucumber.stock, at(30));
    expect(await available(at(20), 'dua-chuot')).toBeUndefined();
    expect(await available(at(30), 'dua-chuot')).toBe(cucumber.stock);
  });

  it('drops a certification on the first read of the day after it ends, with no write', async () => {
    const xh = await db().farm.findUniqueOrThrow({ where: { code: 'XH' } });
    await db().certification.create({
      data: {
        farmId: xh.id,
        scheme: 'ORGANIC',
        number: 'TCVN-11041-0042',
        validFrom: new Date('2026-01-01'),
        validUntil: new Date('2026-11-28'),
      },
    });
    const melon = async (now: Date) => {
      const { id } = await listingOf(db(), 'dua-luoi');
      return (await cachedBatchesOnSale(db(), now)).items.find((item) => item.listingId === id)?.certifications;
    };
    // 23:59 and then 00:00 in Vietnam (UTC+7).
    expect(await melon(new Date('2026-11-28T16:59:00Z'))).toContain('ORGANIC');
    expect(await melon(new Date('2026-11-28T17:00:00Z'))).not.toContain('ORGANIC');
  });
});
