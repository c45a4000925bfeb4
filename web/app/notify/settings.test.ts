import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Env, EnvError, parseEnv } from '../env.server.ts';
import { reminderHours, vapidKeys, zaloSettings } from './settings.server.ts';

// Alarm notices' variables, parsed at start: pairs set together, keys in their format, and the
// VAPID pair generated once into the data folder when the environment has none.

const refusal = (vars: Record<string, string>) => {
  try {
    parseEnv({ NODE_ENV: 'test', ...vars });
  } catch (error) {
    if (error instanceof EnvError) return error.message;
    throw error;
  }
  return null;
};
const env = (vars: Record<string, string>): Env => ({
  ...parseEnv({ NODE_ENV: 'test', ...vars }),
  PUBLIC_URL: 'http://localhost:3000',
  SESSION_SECRET: 'x'.repeat(32),
});
const publicKey = 'BOqwy42ezrT0ZZnEYrv3ibddw90uyBTiKeTXIi8ZQ8rtYaeM8aR1sbIGT0x2tityEY_FV2u4RFJfaCArg0jIdGs';
const privateKey = '-KvaKDV9cKHOce5WabBO7wQx5Bhygdlf0KmuIVYfmwQ';

describe('alarm notice variables', () => {
  it('refuses one of a pair without the other, naming both', () => {
    expect(refusal({ VAPID_PUBLIC_KEY: publicKey })).toMatch(
      /^VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set together/,
    );
    expect(refusal({ ZALO_ZNS_ACCESS_TOKEN: 't' })).toMatch(
      /^ZALO_ZNS_ACCESS_TOKEN and ZALO_ZNS_TEMPLATE_ID must be set together/,
    );
  });

  it('refuses a key that is not a P-256 key in base64url, a subject that is no address, and names them', () => {
    expect(refusal({ VAPID_PUBLIC_KEY: 'abc', VAPID_PRIVATE_KEY: privateKey })).toBe(
      'VAPID_PUBLIC_KEY must be a base64url P-256 public key (87 characters)',
    );
    expect(refusal({ VAPID_SUBJECT: 'ops@seedline.vn' })).toBe('VAPID_SUBJECT must be a mailto: or https:// URL');
    expect(refusal({ SEEDLINE_ALARM_REMINDER_HOURS: '0' })).toMatch(/^SEEDLINE_ALARM_REMINDER_HOURS /);
  });

  it('reminds every 4 hours unless told, and offers Zalo only when configured', () => {
    expect(reminderHours(env({}))).toBe(4);
    expect(reminderHours(env({ SEEDLINE_ALARM_REMINDER_HOURS: '2' }))).toBe(2);
    expect(zaloSettings(env({}))).toBeNull();
    expect(zaloSettings(env({ ZALO_ZNS_ACCESS_TOKEN: 't', ZALO_ZNS_TEMPLATE_ID: '42' }))).toEqual({
      accessToken: 't',
      templateId: '42',
      apiBase: 'https://business.openapi.zalo.me',
    });
  });

  it('uses the VAPID pair of the environment, else makes one once into the data folder, owner-only', () => {
    expect(vapidKeys(env({ VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey }))).toEqual({
      publicKey,
      privateKey,
      subject: 'mailto:no-reply@seedline.local',
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seedline-vapid-'));
    const made = vapidKeys(env({ SEEDLINE_DATA_DIR: dir, MAIL_FROM: 'ops@seedline.vn' }));
    expect(made.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(made.subject).toBe('mailto:ops@seedline.vn');
    const file = path.join(dir, 'vapid.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({
      publicKey: made.publicKey,
      privateKey: made.privateKey,
    });
    fs.rmSync(dir, { recursive: true });
  });
});
