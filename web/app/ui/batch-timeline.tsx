import { useI18n } from '../i18n/i18n.ts';
import type { BatchStory } from '../shop/batches.server.ts';

/** The batch's story in order: seed, farm records (corrections beside what they correct), harvest, packing. */
export function BatchTimeline({ story }: { story: BatchStory }) {
  const { t, f } = useI18n();
  return (
    <section aria-labelledby="story">
      <h2 id="story">{t('batch.story')}</h2>
      <dl className="facts">
        <dt>{t('batch.farm')}</dt>
        <dd>
          {story.farm.name} — {t('batch.greenhouse', story.place)}
          {story.farm.certifications.map((c) => (
            <div key={c.number} className="cert">
              {t('batch.certification', { scheme: c.scheme, number: c.number, date: f.day(c.validUntil) })}
            </div>
          ))}
        </dd>
        <dt>{t('batch.seedLot')}</dt>
        <dd>
          {t('batch.seedLotDetail', story.seedLot)}
          {story.seedLot.certificateNumber ? (
            <div>{t('batch.seedCertificate', { number: story.seedLot.certificateNumber })}</div>
          ) : null}
        </dd>
      </dl>
      <ol className="timeline">
        {story.logs.map((log) => (
          <li key={log.id} className={log.correctedById ? 'log corrected' : 'log'} data-kind={log.kind}>
            <time dateTime={new Date(log.occurredAt).toISOString()}>{f.date(log.occurredAt)}</time>
            <h3>
              {log.isCorrection ? `${t('batch.correction')}: ` : null}
              {log.kind === 'INPUT_APPLICATION' && log.inputType
                ? `${t(`input.${log.inputType}`)}: ${log.inputProduct ?? ''}`
                : t(`log.${log.kind}`)}
              {log.activeIngredient ? <span className="ai"> ({log.activeIngredient})</span> : null}
            </h3>
            {log.dose ? <p>{t('batch.dose', { dose: log.dose })}</p> : null}
            {log.kind === 'INPUT_APPLICATION' ? (
              <p className="phi">
                {log.phiDays === null || log.phiDays === 0
                  ? t('batch.noPhi')
                  : t('batch.phi', { days: log.daysBeforeHarvest ?? '?', phi: log.phiDays })}
              </p>
            ) : null}
            {log.note ? <p>{log.note}</p> : null}
            {log.correctedById ? <p className="badge">{t('batch.corrected')}</p> : null}
            <p className="by">{t('batch.recordedBy', { name: log.recordedBy })}</p>
          </li>
        ))}
        <li className="log" data-kind="HARVEST">
          <time dateTime={new Date(story.harvest.harvestedAt).toISOString()}>{f.date(story.harvest.harvestedAt)}</time>
          <h3>{t('batch.harvest')}</h3>
          <p>{t('batch.harvestDetail', { weight: f.number(story.harvest.weightGrams / 1000) })}</p>
        </li>
        <li className="log" data-kind="PACK">
          <time dateTime={new Date(story.pack.packedOn).toISOString().slice(0, 10)}>{f.day(story.pack.packedOn)}</time>
          <h3>{t('batch.pack')}</h3>
          <p>
            {t('batch.packDetail', {
              count: story.pack.unitCount,
              packed: f.day(story.pack.packedOn),
              bestBefore: f.day(story.pack.bestBefore),
            })}
            {story.pack.unitWeightGrams ? ` · ${t('batch.unitWeight', { grams: story.pack.unitWeightGrams })}` : null}
          </p>
        </li>
      </ol>
    </section>
  );
}
