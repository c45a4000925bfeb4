import { type Locale, formats, translator } from '../i18n/i18n.ts';
import { footprint as footprintCatalog } from '../i18n/messages/footprint.ts';
import { type FootprintFigure, type WaterFootprint, sharePercent } from './water-footprint.ts';

// What the water footprint panel says, in the reader's language. The loaders translate it (they
// know the locale, and reload when it changes), so the batch page ships a few lines of text
// rather than the catalogue and this logic: that page is held to 100 KB of JavaScript.

export type FootprintFigureText = {
  label: string;
  /** "55 lít/kg", "ít nhất 55 lít/kg", or why there is no number. */
  value: string;
  /** A partial figure's share: "(có số liệu 98% số giờ)". */
  share: string | null;
  known: boolean;
};

export type FootprintText = {
  title: string;
  measured: FootprintFigureText | null;
  estimate: FootprintFigureText | null;
  notes: string[];
};

export function footprintText(footprint: WaterFootprint | null, locale: Locale): FootprintText {
  const t = translator(locale, [footprintCatalog]);
  const f = formats(locale);
  const title = t('footprint.title');
  if (!footprint) return { title, measured: null, estimate: null, notes: [t('footprint.noPeriod')] };
  const figure = (
    label: string,
    value: FootprintFigure,
    share: 'footprint.hoursShare' | 'footprint.daysShare',
  ): FootprintFigureText => {
    if (value.status === 'unknown') {
      return { label, value: t(`footprint.unknown.${value.reason}`), share: null, known: false };
    }
    const litres = f.number(value.litresPerKg);
    return value.status === 'complete'
      ? { label, value: t('footprint.perKg', { litres }), share: null, known: true }
      : {
          label,
          value: t('footprint.atLeast', { litres }),
          share: t(share, { percent: sharePercent(value.share) }),
          known: true,
        };
  };
  const basis = t(footprint.harvests > 1 ? 'footprint.basisShared' : 'footprint.basis', {
    days: f.number(footprint.days),
    from: f.date(footprint.from),
    to: f.date(footprint.to),
    kg: f.number(footprint.harvestedKg),
    count: footprint.harvests,
  });
  return {
    title,
    measured: figure(t('footprint.measured'), footprint.measured, 'footprint.hoursShare'),
    estimate: figure(t('footprint.estimate'), footprint.estimate, 'footprint.daysShare'),
    notes:
      footprint.estimate.status === 'unknown'
        ? [basis]
        : [basis, t('footprint.method', { area: f.number(footprint.zoneAreaM2) })],
  };
}
