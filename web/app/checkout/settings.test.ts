import { describe, expect, it } from 'vitest';
import { type Env, EnvError, parseEnv } from '../env.server.ts';
import { holdMinutes, offeredPaymentMethods, stripeSettings } from './settings.server.ts';

const parse = (vars: Record<string, string>) => parseEnv({ NODE_ENV: 'test', ...vars });
const envOf = (vars: Record<string, string>): Env =>
  ({ ...parse(vars), PUBLIC_URL: 'http://localhost:3000', SESSION_SECRET: 'x'.repeat(32) }) as Env;

describe('checkout settings', () => {
  it('offer cash on delivery alone when neither Stripe nor a transfer account is configured', () => {
    const env = envOf({});
    expect(offeredPaymentMethods(env)).toEqual(['CASH_ON_DELIVERY']);
    expect(stripeSettings(env)).toBeNull();
    expect(holdMinutes('CARD', env)).toBe(15);
    expect(holdMinutes('BANK_TRANSFER', env)).toBe(24 * 60);
    // A cash order waits for staff to call the buyer, as a transfer waits for the money.
    expect(holdMinutes('CASH_ON_DELIVERY', env)).toBe(24 * 60);
  });

  it('offer card and transfer when configured, with the Stripe address and hold from the environment', () => {
    const env = envOf({
      STRIPE_SECRET_KEY: 'sk_test_1',
      STRIPE_WEBHOOK_SECRET: 'whsec_1',
      STRIPE_API_BASE: 'http://127.0.0.1:12111',
      SEEDLINE_RESERVATION_MINUTES: '1',
      VIETQR_BANK_BIN: '970436',
      VIETQR_ACCOUNT: '1023456789',
    });
    expect(offeredPaymentMethods(env)).toEqual(['CARD', 'CASH_ON_DELIVERY', 'BANK_TRANSFER']);
    expect(stripeSettings(env)?.apiBase?.port).toBe('12111');
    expect(holdMinutes('CARD', env)).toBe(1);
  });

  it('refuse a Stripe key without its webhook secret, and a malformed bank BIN, naming the variable', () => {
    expect(() => parse({ STRIPE_SECRET_KEY: 'sk_test_1' })).toThrow(EnvError);
    expect(() => parse({ STRIPE_SECRET_KEY: 'sk_test_1' })).toThrow(/STRIPE_WEBHOOK_SECRET/);
    expect(() => parse({ VIETQR_BANK_BIN: '9704', VIETQR_ACCOUNT: '1' })).toThrow(/VIETQR_BANK_BIN/);
    expect(() => parse({ SEEDLINE_RESERVATION_MINUTES: '0' })).toThrow(/SEEDLINE_RESERVATION_MINUTES/);
  });
});
