import { useI18n } from '../i18n/i18n.ts';

type Certification = { scheme: string; number: string; issuedBy: string | null; validUntil: Date | string };

/** "VietGAP VietGAP-TT-… · valid until 3 Dec 2027", and "expired" once it is past. */
export function CertificationLine({
  certification: c,
  now = new Date(),
}: {
  certification: Certification;
  now?: Date;
}) {
  const { t, f } = useI18n();
  const expired = new Date(c.validUntil) < now;
  // A scheme the page has no name for (one typed in the database) shows as it is stored.
  const key = `farms.scheme.${c.scheme}`;
  const scheme = t.has(key) ? t(key) : c.scheme;
  return (
    <p className={expired ? 'certification expired' : 'certification'}>
      {scheme} <code>{c.number}</code> ·{' '}
      {t(expired ? 'farms.expired' : 'farms.validUntilDay', { day: f.day(c.validUntil) })}
      {c.issuedBy ? <span className="hint"> · {c.issuedBy}</span> : null}
    </p>
  );
}
