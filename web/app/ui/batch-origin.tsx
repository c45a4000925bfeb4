import { useI18n } from '../i18n/i18n.ts';
import type { BatchStory } from '../shop/batches.server.ts';

/** The farm that grew the batch: where it is, the net house and zone, its certification. */
export function BatchOrigin({ farm, place }: Pick<BatchStory, 'farm' | 'place'>) {
  const { t, f } = useI18n();
  return (
    <section aria-labelledby="origin">
      <h2 id="origin">{t('batch.origin')}</h2>
      <dl className="facts">
        <dt>{t('batch.farm')}</dt>
        <dd>
          {farm.name}
          <div className="meta">{t('batch.address', { commune: farm.commune, province: farm.province })}</div>
        </dd>
        <dt>{t('batch.place')}</dt>
        <dd>{t('batch.greenhouse', place)}</dd>
        {farm.certifications.length > 0 ? (
          <>
            <dt>{t('batch.certifications')}</dt>
            <dd>
              {farm.certifications.map((c) => (
                <div key={c.number} className="cert">
                  {t('batch.certification', { scheme: c.scheme, number: c.number, date: f.day(c.validUntil) })}
                  {c.issuedBy ? <div className="meta">{t('batch.issuedBy', { issuedBy: c.issuedBy })}</div> : null}
                </div>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
