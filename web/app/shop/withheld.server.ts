import { type Tx, assertPhiPassed, effectiveHarvest, runningIntervals, traceabilityRefusal } from '@seedline/db';
import { refusal } from '../errors/refusals.ts';

// A batch harvested inside an input's pre-harvest interval may not be sold. Publishing checks it,
// and so does every order: a correction (a longer interval, a different harvest time) can put a
// lot that was on sale inside one after it was published.

/** The lot's harvest as it counts: a corrected harvest is checked at its corrected time. */
async function harvestOf(tx: Tx, packLotId: string) {
  const lot = await tx.packLot.findUnique({
    where: { id: packLotId },
    select: {
      harvest: {
        select: {
          plantingId: true,
          harvestedAt: true,
          weightGrams: true,
          corrections: { select: { version: true, harvestedAt: true, weightGrams: true } },
        },
      },
    },
  });
  if (!lot) throw traceabilityRefusal('RECORD_NOT_FOUND');
  return effectiveHarvest(lot.harvest, lot.harvest.corrections);
}

/** Refuses (PHI_NOT_PASSED, with the input and its first allowed day) to publish such a lot. */
export async function assertLotPhiPassed(tx: Tx, packLotId: string): Promise<void> {
  const harvest = await harvestOf(tx, packLotId);
  await assertPhiPassed(tx, harvest.plantingId, harvest.harvestedAt);
}

type OrderedListing = { id: string; packLotId: string; titleVi: string; titleEn: string; lotCode: string };

/** Refuses (LISTING_WITHHELD, naming the batches) an order of a lot inside an interval. */
export async function assertNoneWithheld(tx: Tx, listings: readonly OrderedListing[]): Promise<void> {
  const withheld: OrderedListing[] = [];
  for (const listing of listings) {
    const harvest = await harvestOf(tx, listing.packLotId);
    const blocks = await runningIntervals(tx, harvest.plantingId, harvest.harvestedAt);
    if (blocks.length > 0) withheld.push(listing);
  }
  if (withheld.length === 0) return;
  const items = (title: 'titleVi' | 'titleEn') => withheld.map((l) => `${l[title]} (${l.lotCode})`).join(', ');
  throw refusal('LISTING_WITHHELD', { items: { vi: items('titleVi'), en: items('titleEn') } });
}
