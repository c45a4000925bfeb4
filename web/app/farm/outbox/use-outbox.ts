import { useCallback, useEffect, useRef, useState } from 'react';
import { isDelivery } from './delivery.ts';
import {
  type KeptRecord,
  type PlantingLabel,
  announceOutboxChange,
  forgetRecord,
  keptRecords,
  markRefused,
  outboxChanged,
  plantingLabels,
} from './outbox-store.ts';
import { setOutboxUser } from './outbox-user.ts';

/** How often the outbox tries again while records wait. */
const retryMs = 30_000;

/**
 * The signed-in farmer's outbox on this phone: the records kept, the plantings' names, and a
 * sender that posts each waiting record, oldest first, to /farm/outbox (which hands it to its
 * form's action): on start, when the network returns, every 30 s while any wait, and on demand.
 * A refused record stays, with the reason, until the farmer fixes or discards it.
 */
export function useOutbox(userId: string) {
  setOutboxUser(userId);
  const [records, setRecords] = useState<KeptRecord[]>([]);
  const [labels, setLabels] = useState<Map<string, PlantingLabel>>(new Map());
  const sending = useRef(false);
  const askedAgain = useRef(false);

  const reload = useCallback(async () => {
    const [kept, names] = await Promise.all([keptRecords(userId), plantingLabels()]);
    setRecords(kept);
    setLabels(names);
    return kept;
  }, [userId]);

  // One round at a time; asked again meanwhile (the network back, "Send now" tapped during a slow
  // try), another round follows it, so no ask is lost.
  const sendNow = useCallback(async () => {
    if (sending.current) {
      askedAgain.current = true;
      return;
    }
    sending.current = true;
    try {
      do {
        askedAgain.current = false;
        if (!navigator.onLine) break;
        for (const record of (await reload()).filter((r) => !r.refusal)) {
          if (!(await send(record))) break;
        }
      } while (askedAgain.current);
    } finally {
      sending.current = false;
      await reload();
    }
  }, [reload]);

  useEffect(() => {
    const onChange = () => void reload().catch(console.error);
    const trySend = () => void sendNow().catch(console.error);
    onChange();
    trySend();
    window.addEventListener(outboxChanged, onChange);
    window.addEventListener('online', trySend);
    const timer = window.setInterval(trySend, retryMs);
    return () => {
      window.removeEventListener(outboxChanged, onChange);
      window.removeEventListener('online', trySend);
      window.clearInterval(timer);
    };
  }, [reload, sendNow]);

  return { records, labels, sendNow };
}

/** Sends one record; false when it could not be delivered (no network, the server failing). */
async function send(record: KeptRecord): Promise<boolean> {
  const body = new FormData();
  for (const [name, value] of record.fields) body.append(name, value);
  let delivery: unknown;
  try {
    const to = `/farm/outbox?${new URLSearchParams({ path: record.path })}`;
    const response = await fetch(to, { method: 'POST', body, redirect: 'error' });
    if (response.status !== 200 && response.status !== 422) return false;
    delivery = await response.json();
  } catch {
    return false;
  }
  if (!isDelivery(delivery)) return false;
  if (delivery.stored) await forgetRecord(record.clientId);
  else await markRefused(record.clientId, delivery.refusal);
  announceOutboxChange();
  return true;
}
