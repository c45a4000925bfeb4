import { Link } from '@remix-run/react';
import { type MessageKey, useI18n } from '../i18n/i18n.ts';

type Planting = {
  id: string;
  sownOn: string | Date | null;
  product: { nameVi: string; nameEn: string };
  zone: { name: string; greenhouse: { name: string } };
};

/** The head of a record page: back to the planting's records, the title, where it grows. */
export function RecordHeading({ planting, title }: { planting: Planting; title: MessageKey }) {
  const { t, f, locale } = useI18n();
  const product = locale === 'vi' ? planting.product.nameVi : planting.product.nameEn;
  return (
    <>
      <p>
        <Link to={`/farm/plantings/${planting.id}/records`}>← {t('records.toRecords')}</Link>
      </p>
      <h1>{t(title, { product })}</h1>
      <p className="meta">
        {t('harvest.where', {
          greenhouse: planting.zone.greenhouse.name,
          zone: planting.zone.name,
          sown: planting.sownOn ? f.day(planting.sownOn) : '—',
        })}
      </p>
    </>
  );
}
