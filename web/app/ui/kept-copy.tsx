import { useI18n } from '../i18n/i18n.ts';

/**
 * Says that a batch page is the copy kept on the phone, and from when: hidden on the page the
 * server sends; shown and filled in by the service worker (web/public/sw.js) when it answers with
 * its copy for want of a network, in the words given here ({at}, the time it was kept). No
 * script: the page's own may not load offline. React sets the element's HTML once and never
 * compares it, so a hydrated page keeps what the worker wrote.
 */
export function KeptCopyNotice() {
  const { t } = useI18n();
  return (
    <p
      className="kept-copy"
      role="status"
      data-kept-copy={t('batch.keptCopy', { at: '{at}' })}
      hidden
      dangerouslySetInnerHTML={{ __html: '' }}
    />
  );
}
