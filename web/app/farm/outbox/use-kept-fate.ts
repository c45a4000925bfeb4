import { useEffect, useState } from 'react';
import { keptRecord, outboxChanged } from './outbox-store.ts';

export type KeptFate = 'waiting' | 'sent' | 'refused';

/** What became of a record kept on the phone: waiting to send, sent (gone from the outbox), refused. */
export function useKeptFate(clientId: string | null): KeptFate {
  const [fate, setFate] = useState<KeptFate>('waiting');
  useEffect(() => {
    if (!clientId) return;
    const look = () => {
      keptRecord(clientId)
        .then((record) => setFate(!record ? 'sent' : record.refusal ? 'refused' : 'waiting'))
        .catch(console.error);
    };
    look();
    window.addEventListener(outboxChanged, look);
    return () => window.removeEventListener(outboxChanged, look);
  }, [clientId]);
  return fate;
}
