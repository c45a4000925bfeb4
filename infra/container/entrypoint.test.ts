import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const entrypoint = path.join(import.meta.dirname, 'entrypoint.sh');

/** The environment the app would start with, after the entrypoint, given what ECS injects. */
function appEnvironment(injected: Record<string, string>): Record<string, string> {
  const out = execFileSync('sh', [entrypoint, 'node', '-e', 'console.log(JSON.stringify(process.env))'], {
    env: { PATH: process.env.PATH, ...injected },
    encoding: 'utf8',
  });
  return JSON.parse(out) as Record<string, string>;
}

const rdsSecretParts = {
  DB_HOST: 'seedline.abc123.ap-southeast-1.rds.amazonaws.com',
  DB_PORT: '5432',
  DB_NAME: 'seedline',
  DB_USER: 'seedline',
  DB_PASSWORD: 'Zq8-x_Y.k~3',
};

describe('the image’s entrypoint', () => {
  it('builds DATABASE_URL from the RDS secret’s parts, checking the server’s certificate, and drops the bare password', () => {
    const env = appEnvironment(rdsSecretParts);
    expect(env.DATABASE_URL).toBe(
      'postgresql://seedline:Zq8-x_Y.k~3@seedline.abc123.ap-southeast-1.rds.amazonaws.com:5432/seedline?sslmode=verify-full',
    );
    expect(new URL(env.DATABASE_URL!).password).toBe(rdsSecretParts.DB_PASSWORD);
    expect(env.DB_PASSWORD).toBeUndefined();
  });

  it('leaves a DATABASE_URL given as it is', () => {
    const url = 'postgresql://postgres@127.0.0.1:5432/seedline';
    expect(appEnvironment({ ...rdsSecretParts, DATABASE_URL: url }).DATABASE_URL).toBe(url);
  });

  it('writes the ingest certificate, key and CA to files only the app’s user can read', () => {
    const env = appEnvironment({ INGEST_CERT_PEM: 'CERT', INGEST_KEY_PEM: 'KEY', INGEST_CA_PEM: 'CA' });
    expect(readFileSync(env.INGEST_KEY!, 'utf8')).toBe('KEY\n');
    expect(readFileSync(env.INGEST_CERT!, 'utf8')).toBe('CERT\n');
    expect(readFileSync(env.INGEST_CA!, 'utf8')).toBe('CA\n');
    expect(statSync(env.INGEST_KEY!).mode & 0o077).toBe(0);
    expect(env.INGEST_KEY_PEM).toBeUndefined();
    rmSync(path.dirname(env.INGEST_KEY!), { recursive: true });
  });

  it('leaves ingest off while the certificate secret is still blank', () => {
    const env = appEnvironment({ INGEST_CERT_PEM: '', INGEST_KEY_PEM: '', INGEST_CA_PEM: '' });
    expect(env.INGEST_CERT).toBeUndefined();
    expect(env.INGEST_CERT_PEM).toBeUndefined();
  });
});
