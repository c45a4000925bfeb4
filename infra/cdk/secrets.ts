import { SecretValue, aws_secretsmanager as sm } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * A JSON object of blank values: the keys must exist for ECS to start a task that names them, and
 * the app reads a blank variable as unset (parseEnv). Nothing secret passes through the template.
 */
const blank = (keys: readonly string[]) =>
  Object.fromEntries(keys.map((key) => [key, SecretValue.unsafePlainText('')]));

export const PAYMENT_KEYS = ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'] as const;
export const NOTIFY_KEYS = [
  'VAPID_PUBLIC_KEY',
  'VAPID_PRIVATE_KEY',
  'ZALO_ZNS_ACCESS_TOKEN',
  'ZALO_ZNS_TEMPLATE_ID',
] as const;
export const MAIL_KEYS = ['SMTP_URL'] as const;
/** PEM texts; the container's entrypoint writes them to the files INGEST_CERT, INGEST_KEY and INGEST_CA name. */
export const INGEST_CERTIFICATE_KEYS = ['INGEST_CERT_PEM', 'INGEST_KEY_PEM', 'INGEST_CA_PEM'] as const;

/**
 * The app's secrets, one Secrets Manager secret per concern so that each task's execution role is
 * granted only the ones its task is given (IAM grants whole secrets, not keys). All but the session
 * secret start blank (the feature stays off) and are filled by the operator with
 * `aws secretsmanager put-secret-value` (README, Deploy to AWS); a change reaches the tasks at
 * their next start.
 */
export class AppSecrets extends Construct {
  /** SESSION_SECRET, generated: 64 letters and digits. */
  readonly session: sm.Secret;
  readonly payments: sm.Secret;
  readonly notify: sm.Secret;
  readonly mail: sm.Secret;
  readonly ingestCertificate: sm.Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.session = new sm.Secret(this, 'Session', {
      description: 'Seedline SESSION_SECRET: signs session cookies (rotating it signs everyone out)',
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'SESSION_SECRET',
        passwordLength: 64,
        excludePunctuation: true,
      },
    });
    const filledLater = (name: string, keys: readonly string[], description: string) =>
      new sm.Secret(this, name, { description, secretObjectValue: blank(keys) });
    this.payments = filledLater('Payments', PAYMENT_KEYS, 'Seedline Stripe keys: both or neither');
    this.notify = filledLater('Notify', NOTIFY_KEYS, 'Seedline Web Push (VAPID) pair and Zalo ZNS token and template');
    this.mail = filledLater('Mail', MAIL_KEYS, 'Seedline SMTP_URL: SES SMTP credentials in the URL');
    this.ingestCertificate = filledLater(
      'IngestCertificate',
      INGEST_CERTIFICATE_KEYS,
      'Seedline ingest: AWS IoT certificate, private key and CA (PEM) from npm run provision -- --ingest',
    );
  }
}
