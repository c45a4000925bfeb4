import { useI18n } from '../i18n/i18n.ts';

type Props = { lotCode: string; gtin: string; digitalLink: string; qrSvg: string };

/** What is printed on the pack: its QR code (the Digital Link URI), lot code and GTIN. */
export function PackLabel({ lotCode, gtin, digitalLink, qrSvg }: Props) {
  const { t } = useI18n();
  return (
    <section className="pack-label" aria-labelledby="pack-label">
      <h2 id="pack-label">{t('batch.packLabel')}</h2>
      {/* The SVG is the qrcode package's output for our own URI: no visitor text reaches it. */}
      <div
        className="qr"
        role="img"
        aria-label={t('batch.qrLabel', { lotCode, uri: digitalLink })}
        dangerouslySetInnerHTML={{ __html: qrSvg }}
      />
      <dl>
        <dt>{t('batch.lotCode')}</dt>
        <dd className="lot">
          <code>{lotCode}</code>
        </dd>
        <dt>{t('batch.gtin')}</dt>
        <dd>
          <code>{gtin}</code>
        </dd>
      </dl>
      <p className="digital-link">
        {t('batch.digitalLink')} <a href={digitalLink}>{digitalLink}</a>
      </p>
    </section>
  );
}
