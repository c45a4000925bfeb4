import { Link } from '@remix-run/react';
import {
  type KeptRecord,
  type PlantingLabel,
  announceOutboxChange,
  forgetRecord,
} from '../farm/outbox/outbox-store.ts';
import { useKeptFate } from '../farm/outbox/use-kept-fate.ts';
import { useOutbox } from '../farm/outbox/use-outbox.ts';
import { type MessageKey, useI18n } from '../i18n/i18n.ts';

// The records kept on this phone, on every page of the farm area (with JavaScript): each waiting
// to send, or refused with the reason and the way to fix or discard it. Nothing shows when empty.

const kinds: Record<string, MessageKey> = {
  input: 'outbox.kind.input',
  observation: 'outbox.kind.observation',
  harvest: 'outbox.kind.harvest',
};

export function OutboxPanel({ userId }: { userId: string }) {
  const { records, labels, sendNow } = useOutbox(userId);
  const { t } = useI18n();
  if (records.length === 0) return null;
  return (
    <section aria-labelledby="outbox-title" className="card outbox">
      <h2 id="outbox-title">{t('outbox.title', { count: records.length })}</h2>
      <p className="meta">{t('outbox.intro')}</p>
      <ul>
        {records.map((record) => (
          <KeptItem key={record.clientId} record={record} label={labels.get(record.plantingId)} />
        ))}
      </ul>
      {records.some((r) => !r.refusal) ? (
        <button type="button" className="secondary" onClick={() => void sendNow().catch(console.error)}>
          {t('outbox.sendNow')}
        </button>
      ) : null}
    </section>
  );
}

function KeptItem({ record, label }: { record: KeptRecord; label: PlantingLabel | undefined }) {
  const { t, f } = useI18n();
  const kind = kinds[record.path.split('/').at(-1) ?? ''] ?? 'outbox.kind.other';
  const discard = () => {
    if (window.confirm(t('outbox.confirmDiscard')))
      forgetRecord(record.clientId).then(announceOutboxChange, console.error);
  };
  return (
    <li data-state={record.refusal ? 'refused' : 'waiting'}>
      <strong>{t('outbox.what', { kind: t(kind), product: label?.product ?? '—', place: label?.place ?? '—' })}</strong>
      <span className="meta">{t('outbox.madeAt', { at: f.dateTime(new Date(record.keptAt)) })}</span>
      {record.refusal ? (
        <>
          <span role="alert">{t('outbox.refused', { reason: t(record.refusal) })}</span>
          <span className="actions">
            <Link to={fixLink(record)}>{t('outbox.fix')}</Link>
            <button type="button" className="link" onClick={discard}>
              {t('outbox.discard')}
            </button>
          </span>
        </>
      ) : (
        <span className="status">{t('outbox.waiting')}</span>
      )}
    </li>
  );
}

/** The record's form, filled from the phone; a kept correction opens as the correction it is. */
function fixLink(record: KeptRecord): string {
  const corrects = record.fields.find(([name]) => name === 'corrects')?.[1];
  const search = new URLSearchParams({ outbox: record.clientId });
  if (typeof corrects === 'string' && corrects) search.set('correct', corrects);
  return `${record.path}?${search}`;
}

/**
 * On a record form, once its record was kept on the phone for lack of a network: what became of
 * it since (still waiting, sent, or refused: the list above says why).
 */
export function KeptNotice({ kept }: { kept: string | null }) {
  const { t } = useI18n();
  const fate = useKeptFate(kept);
  if (!kept) return null;
  const text = fate === 'sent' ? 'outbox.keptSent' : fate === 'refused' ? 'outbox.keptRefused' : 'outbox.kept';
  return (
    <p role="status" className={fate === 'refused' ? 'field-error' : 'done'}>
      {t(text)}
    </p>
  );
}
