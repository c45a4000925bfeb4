import { useActionData, useSearchParams } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { isKeptAnswer } from '../../forms/kept-on-phone.ts';
import { useI18n } from '../../i18n/i18n.ts';
import { keptRecord, rememberPlanting } from './outbox-store.ts';
import { newRecordId } from './record-id.ts';

/**
 * What a farm record form needs to work offline (with JavaScript):
 * - `clientId`: the record's id. The server's (rendered into the page, for a form without
 *   JavaScript) until the page runs, then one made on the phone: a page kept by the service worker
 *   may be opened many times, and each record needs its own. A new one after each record kept,
 *   and with each new page data (a form that answers with itself, as the harvest's does).
 * - `kept`: the id of the record just kept on the phone (the page says so and offers a new form).
 * - `formRef`: with ?outbox=<id>, the form is filled with that kept record, to fix and send again.
 * It also keeps the planting's name on the phone, so the outbox can name it without a network.
 */
export function useRecordForm(planting: RecordPlanting, serverId: string) {
  const answer = useActionData();
  const kept = isKeptAnswer(answer) ? answer.keptOnPhone : null;
  const draftId = useSearchParams()[0].get('outbox');
  const formRef = useRef<HTMLFormElement>(null);
  const [clientId, setClientId] = useState(serverId);
  const filled = useRef<string | null>(null);

  const { locale } = useI18n();
  const product = locale === 'vi' ? planting.product.nameVi : planting.product.nameEn;
  const place = `${planting.zone.greenhouse.name} · ${planting.zone.name}`;
  useEffect(() => {
    rememberPlanting({ plantingId: planting.id, product, place }).catch(console.error);
  }, [planting.id, product, place]);

  // A kept record, or new page data (the harvest page answers a stored harvest with itself): a new
  // form, so a new id; a record from the outbox to fix keeps its own.
  useEffect(() => {
    if (!draftId || kept) {
      setClientId(newRecordId());
      return;
    }
    let live = true;
    keptRecord(draftId)
      .then((record) => {
        if (!live) return;
        setClientId(record ? record.clientId : newRecordId());
        // Filled once: after a refusal the form shows what the farmer typed, not the kept values.
        if (!record || !formRef.current || filled.current === record.clientId) return;
        fillForm(formRef.current, record.fields);
        filled.current = record.clientId;
      })
      .catch(console.error);
    return () => {
      live = false;
    };
  }, [draftId, kept, serverId]);

  return { clientId, kept, formRef };
}

type RecordPlanting = {
  id: string;
  product: { nameVi: string; nameEn: string };
  zone: { name: string; greenhouse: { name: string } };
};

/** Puts a kept record's text fields back into the form (a photo must be chosen again). */
function fillForm(form: HTMLFormElement, fields: readonly (readonly [string, string | File])[]) {
  for (const [name, value] of fields) {
    if (typeof value !== 'string' || name === 'clientId') continue;
    const field = form.elements.namedItem(name);
    if (field instanceof RadioNodeList) field.value = value;
    else if (field instanceof HTMLInputElement && field.type === 'hidden') continue;
    else if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) field.value = value;
    else if (field instanceof HTMLSelectElement) {
      field.value = value;
      // The input form shows the chosen product's unit: it listens for changes.
      field.dispatchEvent(new Event('change', { bubbles: true }));
    }
  }
}
