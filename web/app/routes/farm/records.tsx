import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { areaUser } from '../../auth/areas.server.ts';
import { db } from '../../db.server.ts';
import { plantingRecords } from '../../farm/records.server.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { RecordCorrections, useDescribeRecord } from '../../ui/record-corrections.tsx';
import { RecordPhotoThumb } from '../../ui/record-photo.tsx';

export const meta = pageTitle('title.records');

export async function loader({ context, params }: LoaderFunctionArgs) {
  return plantingRecords(db(), areaUser(context), params.plantingId ?? '');
}

const formOf = { INPUT_APPLICATION: 'input', OBSERVATION: 'observation' } as const;

// A planting's records, newest first: a correction beside what it corrects (the original marked
// as corrected, never gone), and a way to correct the newest entry of each.
export default function Records() {
  const { planting, logs, harvests } = useLoaderData<typeof loader>();
  const describe = useDescribeRecord();
  const [searchParams] = useSearchParams();
  const { t, f, locale } = useI18n();
  const product = locale === 'vi' ? planting.product.nameVi : planting.product.nameEn;
  const base = `/farm/plantings/${planting.id}`;
  const saved = searchParams.get('corrected')
    ? 'records.corrected'
    : searchParams.get('recorded')
      ? 'records.recorded'
      : null;
  return (
    <section className="narrow records">
      <p>
        <Link to="/farm">← {t('records.back')}</Link>
      </p>
      <h1>{t('records.pageTitle', { product })}</h1>
      <p className="meta">
        {t('harvest.where', {
          greenhouse: planting.zone.greenhouse.name,
          zone: planting.zone.name,
          sown: planting.sownOn ? f.day(planting.sownOn) : '—',
        })}
      </p>
      {saved ? (
        <p role="status" className="done">
          {t(saved)}
        </p>
      ) : null}
      <p className="actions">
        <Link to={`${base}/input`} className="button">
          {t('records.applyInput')}
        </Link>{' '}
        <Link to={`${base}/observation`} className="button secondary">
          {t('records.observe')}
        </Link>{' '}
        {planting.status === 'GROWING' || planting.status === 'HARVESTING' ? (
          <Link to={`${base}/harvest`} className="button secondary">
            {t('harvest.record')}
          </Link>
        ) : null}
      </p>
      {logs.length === 0 ? <p>{t('records.none')}</p> : null}
      <ol className="timeline">
        {logs.map((log) => {
          const form = log.kind === 'INPUT_APPLICATION' || log.kind === 'OBSERVATION' ? formOf[log.kind] : null;
          const harvest = harvests.find((h) => h.logId === log.id);
          return (
            <li
              key={log.id}
              id={`r-${log.id}`}
              className={log.correctedById ? 'log corrected' : 'log'}
              data-kind={log.kind}
            >
              <time dateTime={new Date(log.occurredAt).toISOString()}>{f.dateTime(log.occurredAt)}</time>
              <h2>
                {log.correctsId ? `${t('batch.correction')}: ` : null}
                {log.kind === 'INPUT_APPLICATION' && log.inputType
                  ? `${t(`input.${log.inputType}`)}: ${log.inputProduct ?? ''}`
                  : t(`log.${log.kind}`)}
                {log.activeIngredient ? <span className="ai"> ({log.activeIngredient})</span> : null}
              </h2>
              {log.kind === 'INPUT_APPLICATION' ? (
                <p>
                  {log.dose ? t('batch.dose', { dose: log.dose }) : null}
                  {log.areaM2 ? ` · ${f.number(log.areaM2)} ${t('unit.m2')}` : null}
                  {log.appliedBy ? ` · ${t('applyInput.appliedBy')}: ${log.appliedBy}` : null}
                  {log.phiDays !== null ? ` · ${t('inputs.phi')}: ${log.phiDays} ${t('unit.days')}` : null}
                </p>
              ) : null}
              {log.note ? (
                <p>
                  {log.observation ? `${t(`records.observation.${log.observation}`)}: ` : null}
                  {log.note}
                </p>
              ) : null}
              {log.photoId ? (
                <RecordPhotoThumb id={log.photoId} alt={t('observe.photoAlt', { day: f.dateTime(log.occurredAt) })} />
              ) : null}
              {harvest ? <p>{describe.harvest(harvest)}</p> : null}
              {harvest ? <RecordCorrections corrections={harvest.corrections} describe={describe.harvest} /> : null}
              {harvest ? (
                <p>
                  <Link to={`/farm/harvests/${harvest.id}/correct`}>{t('records.correct')}</Link>
                </p>
              ) : null}
              {log.reason ? <p className="reason">{t('records.reason', { reason: log.reason })}</p> : null}
              {log.correctedById ? (
                <p className="badge">
                  <a href={`#r-${log.correctedById}`}>{t('batch.corrected')}</a>
                </p>
              ) : null}
              <p className="by">
                {t('records.recordedAt', { at: f.dateTime(log.recordedAt), name: log.recordedBy.name })}
              </p>
              {form && !log.correctedById ? (
                <p>
                  <Link to={`${base}/${form}?correct=${log.id}`}>{t('records.correct')}</Link>
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
