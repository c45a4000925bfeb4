import { useI18n } from '../i18n/i18n.ts';

type File = { name: string; type: string; content: string };

/**
 * The files a bridge needs, each a download made from this page (a data: link): the answer that
 * brought them is the only copy of the private key (coop/provision.server.ts).
 */
export function BridgeFiles({ files }: { files: readonly File[] }) {
  const { t } = useI18n();
  const config = files[0];
  return (
    <div className="card" role="status">
      <p>{t('greenhouses.issued')}</p>
      <ul className="downloads">
        {files.map((file) => (
          <li key={file.name}>
            <a download={file.name} href={`data:${file.type};charset=utf-8,${encodeURIComponent(file.content)}`}>
              {t('greenhouses.download', { name: file.name })}
            </a>
          </li>
        ))}
      </ul>
      {config ? (
        <>
          <p>{t('greenhouses.run')}</p>
          <p className="wrap">
            <code>npm run bridge -- --config {config.name}</code>
          </p>
        </>
      ) : null}
    </div>
  );
}

/** On AWS, the existing command provisions the thing (infra/provision/cli.ts): the page names it. */
export function ProvisionCommand({ thingName }: { thingName: string }) {
  const { t } = useI18n();
  return (
    <>
      <h3>{t('greenhouses.aws')}</h3>
      <p className="hint">{t('greenhouses.awsHint')}</p>
      <p className="wrap">
        <code>
          npm run provision -w @seedline/infra -- --thing {thingName} --out {thingName}
        </code>
      </p>
    </>
  );
}
