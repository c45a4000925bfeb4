import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.ts';
import type { BatchStory } from '../shop/batches.server.ts';
import { IrrigationEntry } from './irrigation-record.tsx';
import { RecordCorrections, useDescribeRecord } from './record-corrections.tsx';

type Log = BatchStory['logs'][number];

/**
 * The batch's story in order: its seed lot, the farm records (corrections beside what they
 * correct), the zone's measured irrigation over the growing period, harvest and packing.
 */
export function BatchTimeline({ story }: { story: BatchStory }) {
  const { t, f } = useI18n();
  const describe = useDescribeRecord();
  // The planting's corrections stand with the entry of the day they correct: the transplanting of a
  // planting that was transplanted, else its sowing.
  const plantedLogId = (
    story.logs.find((l) => l.kind === 'TRANSPLANTING') ?? story.logs.find((l) => l.kind === 'SOWING')
  )?.id;
  return (
    <section aria-labelledby="story">
      <h2 id="story">{t('batch.story')}</h2>
      <ol className="timeline">
        <li className="log" data-kind="SEED_LOT">
          <time dateTime={new Date(story.seedLot.receivedOn).toISOString().slice(0, 10)}>
            {f.day(story.seedLot.receivedOn)}
          </time>
          <h3>{t('batch.seedLot')}</h3>
          <p>
            {t('batch.seedLotDetail', {
              variety: story.seedLot.variety,
              supplier: story.seedLot.supplier,
              lotNumber: story.seedLot.lotNumber,
            })}
          </p>
          {story.seedLot.certificateNumber ? (
            <p>{t('batch.seedCertificate', { number: story.seedLot.certificateNumber })}</p>
          ) : null}
          <RecordCorrections corrections={story.corrections.seedLot} describe={describe.seedLot} />
        </li>
        {story.logs.map((log) => (
          <LogEntry key={log.id} log={log}>
            {log.id === plantedLogId ? (
              <RecordCorrections
                corrections={story.corrections.planting}
                describe={describe.planting(story.plantingUnit)}
              />
            ) : null}
          </LogEntry>
        ))}
        <IrrigationEntry record={story.irrigation} />
        <li className="log" data-kind="HARVEST">
          <time dateTime={new Date(story.harvest.harvestedAt).toISOString()}>{f.date(story.harvest.harvestedAt)}</time>
          <h3>{t('batch.harvest')}</h3>
          <p>{t('batch.harvestDetail', { weight: f.number(story.harvest.weightGrams / 1000) })}</p>
          {story.harvest.note ? <p>{story.harvest.note}</p> : null}
          <RecordCorrections corrections={story.corrections.harvest} describe={describe.harvest} />
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

function LogEntry({ log, children }: { log: Log; children?: ReactNode }) {
  const { t, f } = useI18n();
  return (
    <li className={log.correctedById ? 'log corrected' : 'log'} data-kind={log.kind}>
      <time dateTime={new Date(log.occurredAt).toISOString()}>{f.date(log.occurredAt)}</time>
      <h3>
        {log.isCorrection ? `${t('batch.correction')}: ` : null}
        {log.kind === 'INPUT_APPLICATION' && log.inputType
          ? `${t(`input.${log.inputType}`)}: ${log.inputProduct ?? ''}`
          : t(`log.${log.kind}`)}
        {log.activeIngredient ? <span className="ai"> ({log.activeIngredient})</span> : null}
      </h3>
      {log.dose ? <p>{t('batch.dose', { dose: log.dose })}</p> : null}
      {log.kind === 'INPUT_APPLICATION' ? <PhiLine log={log} /> : null}
      {log.note ? <p>{log.note}</p> : null}
      {log.reason ? <p className="reason">{log.reason}</p> : null}
      {log.correctedById ? <p className="badge">{t('batch.corrected')}</p> : null}
      <p className="by">{t('batch.recordedBy', { name: log.recordedBy })}</p>
      {children}
    </li>
  );
}

/** "Harvested 12 days after application; interval 7 days", and whether that was enough. */
function PhiLine({ log }: { log: Log }) {
  const { t } = useI18n();
  if (log.phiDays === null || log.phiDays === 0) return <p className="phi">{t('batch.noPhi')}</p>;
  const days = log.daysBeforeHarvest ?? 0;
  const honoured = days >= log.phiDays;
  return (
    <p className={honoured ? 'phi' : 'phi phi-short'}>
      {t('batch.phi', { days, phi: log.phiDays })}{' '}
      <strong>
        {honoured ? '✓ ' : '✗ '}
        {t(honoured ? 'batch.phiHonoured' : 'batch.phiNotHonoured')}
      </strong>
    </p>
  );
}
