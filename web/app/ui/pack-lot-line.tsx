import { useI18n } from '../i18n/i18n.ts';

type Props = {
  lot: {
    lotCode: string;
    unitCount: number;
    unitWeightGrams: number | null;
    packedOn: string | Date;
    product: { nameVi: string; nameEn: string };
    harvest: { planting: { zone: { greenhouse: { farm: { name: string } } } } };
  };
};

/** A pack lot on the packing page: what it holds, and its labels to print (PDF, opened as a file). */
export function PackLotLine({ lot }: Props) {
  const { t, locale } = useI18n();
  const day = { day: new Date(lot.packedOn).toISOString().slice(0, 10) };
  const labels = `/coop/pack-lots/${encodeURIComponent(lot.lotCode)}/labels.pdf`;
  return (
    <li id={`lot-${lot.lotCode}`}>
      <h3>
        <code>{lot.lotCode}</code> {locale === 'vi' ? lot.product.nameVi : lot.product.nameEn}
      </h3>
      <p>{lot.harvest.planting.zone.greenhouse.farm.name}</p>
      <p>
        {lot.unitWeightGrams === null
          ? t('packing.byPiece', { count: lot.unitCount, day })
          : t('packing.lotLine', { count: lot.unitCount, weight: lot.unitWeightGrams, day })}
      </p>
      <p className="label-files">
        <a href={labels} download aria-label={`${t('packing.sheetA4')}: ${lot.lotCode}`}>
          {t('packing.sheetA4')}
        </a>
        <a href={`${labels}?stock=single`} download aria-label={`${t('packing.sheetSingle')}: ${lot.lotCode}`}>
          {t('packing.sheetSingle')}
        </a>
      </p>
    </li>
  );
}
