import { useEffect, useState } from 'react';
import { type MessageKey, useI18n } from '../i18n/i18n.ts';

/** Prints the page. Shown once the page runs JavaScript; without it, the browser's own Print does. */
export function PrintButton({ label }: { label: MessageKey }) {
  const { t } = useI18n();
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  return (
    <button type="button" className="secondary no-print" onClick={() => window.print()}>
      {t(label)}
    </button>
  );
}
