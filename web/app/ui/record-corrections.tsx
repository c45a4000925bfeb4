import { useI18n } from '../i18n/i18n.ts';

// Corrections of a seed lot, planting or harvest (decision 016) beside the record as it counts:
// when, who and why, and what the record said before each one. Shared by the farm's lists, the
// batch page and (as text) the record book.

type When = Date | string;

export type ShownCorrection<F> = { version: number; reason: string; recordedAt: When; recordedBy: string; before: F };

export type SeedLotFacts = {
  supplier: string;
  variety: string;
  lotNumber: string;
  receivedOn: When;
  quantity: number;
  quantityUnit: string;
};
export type PlantingFacts = {
  lotNumber: string;
  plantedOn: When | null;
  quantity: number | null;
  areaM2: number | null;
};
export type HarvestFacts = { harvestedAt: When; weightGrams: number };

/** The corrections of one record, oldest first; nothing when it was never corrected. */
export function RecordCorrections<F>({
  corrections,
  describe,
}: {
  corrections: readonly ShownCorrection<F>[];
  describe: (facts: F) => string;
}) {
  const { t, f } = useI18n();
  if (corrections.length === 0) return null;
  return (
    <ul className="corrections">
      {corrections.map((c) => (
        <li key={c.version}>
          <p className="reason">
            {t('corrections.corrected', { at: f.dateTime(c.recordedAt), name: c.recordedBy, reason: c.reason })}
          </p>
          <p className="meta">{t('corrections.before', { text: describe(c.before) })}</p>
        </li>
      ))}
    </ul>
  );
}

/** How each kind of record reads in one line, in the page's language. */
export function useDescribeRecord() {
  const { t, f } = useI18n();
  const unit = (u: string | null) =>
    t(u === 'g' ? 'corrections.unit.g' : u === 'plants' ? 'corrections.unit.plants' : 'corrections.unit.seeds');
  return {
    seedLot: (l: SeedLotFacts) =>
      t('corrections.seedLot', {
        variety: l.variety,
        supplier: l.supplier,
        lotNumber: l.lotNumber,
        quantity: f.number(l.quantity),
        unit: unit(l.quantityUnit),
        day: f.day(l.receivedOn),
      }),
    planting: (quantityUnit: string | null) => (p: PlantingFacts) =>
      t('corrections.planting', {
        day: p.plantedOn ? f.day(p.plantedOn) : '—',
        quantity: p.quantity === null ? '—' : f.number(p.quantity),
        unit: unit(quantityUnit),
        area: p.areaM2 === null ? '—' : f.number(p.areaM2),
        lotNumber: p.lotNumber,
      }),
    harvest: (h: HarvestFacts) =>
      t('corrections.harvest', { at: f.dateTime(h.harvestedAt), weight: f.number(h.weightGrams / 1000) }),
  };
}
