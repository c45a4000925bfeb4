import { describe, expect, it } from 'vitest';
import { EnvError, assertSafeForProduction, parseEnv } from './env.server.ts';

describe('the environment of a shop in production', () => {
  const production = (vars: Record<string, string>) => parseEnv({ NODE_ENV: 'production', ...vars });

  it('refuses to start on a real database without an https PUBLIC_URL, naming the variable', () => {
    const withoutHttps: Record<string, string>[] = [{}, { PUBLIC_URL: 'http://shop.example' }];
    for (const vars of withoutHttps) {
      expect(() => assertSafeForProduction(production(vars), 'postgres')).toThrow(EnvError);
      expect(() => assertSafeForProduction(production(vars), 'postgres')).toThrow(/^PUBLIC_URL must be/);
    }
  });

  it('starts with an https PUBLIC_URL, and on the embedded database (one machine) without one', () => {
    expect(() => assertSafeForProduction(production({ PUBLIC_URL: 'https://shop.example' }), 'postgres')).not.toThrow();
    expect(() => assertSafeForProduction(production({}), 'pglite')).not.toThrow();
    expect(() => assertSafeForProduction(parseEnv({ NODE_ENV: 'development' }), 'postgres')).not.toThrow();
  });
});
