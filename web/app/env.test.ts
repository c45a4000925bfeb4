import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EnvError, assertSafeForProduction, ingestEnv, parseEnv } from './env.server.ts';

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

const parse = (vars: Record<string, string>) => parseEnv({ NODE_ENV: 'test', ...vars });

/** The message `vars` are refused with, checked to be one line (what the operator reads at start-up). */
function refusal(vars: Record<string, string>): string {
  let caught: unknown;
  try {
    parse(vars);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(EnvError);
  const { message } = caught instanceof EnvError ? caught : new EnvError('');
  expect(message).not.toMatch(/\n/);
  return message;
}

const INGEST = {
  INGEST_MQTT_ENDPOINT: 'abc123-ats.iot.ap-southeast-1.amazonaws.com',
  INGEST_CERT: '/etc/seedline/ingest.crt',
  INGEST_KEY: '/etc/seedline/ingest.key',
  INGEST_CA: '/etc/seedline/ca.pem',
};
type IngestName = keyof typeof INGEST;
const only = (names: IngestName[]) => Object.fromEntries(names.map((name) => [name, INGEST[name]]));

describe('live ingest variables: all of them or none', () => {
  it('refuses one set alone, naming in one line the three missing and the one set', () => {
    expect(refusal(only(['INGEST_CERT']))).toBe(
      'INGEST_MQTT_ENDPOINT, INGEST_KEY, INGEST_CA must be set with INGEST_CERT (live ingest needs all of them)',
    );
  });

  it('refuses a setting of live ingest (its port, its retention) without live ingest, naming it', () => {
    expect(refusal({ INGEST_MQTT_PORT: '8883' })).toBe(
      'INGEST_MQTT_PORT set without live ingest (INGEST_MQTT_ENDPOINT, INGEST_CERT, INGEST_KEY, INGEST_CA)',
    );
    expect(refusal({ INGEST_RAW_RETENTION_DAYS: '30' })).toMatch(/^INGEST_RAW_RETENTION_DAYS set without live ingest/);
    expect(ingestEnv(parse({ ...INGEST, INGEST_RAW_RETENTION_DAYS: '30' }))?.endpoint).toBe(
      INGEST.INGEST_MQTT_ENDPOINT,
    );
  });

  it.each<[IngestName[], IngestName[]]>([
    [['INGEST_MQTT_ENDPOINT'], ['INGEST_CERT', 'INGEST_KEY', 'INGEST_CA']],
    [
      ['INGEST_MQTT_ENDPOINT', 'INGEST_CERT'],
      ['INGEST_KEY', 'INGEST_CA'],
    ],
    [['INGEST_CERT', 'INGEST_KEY', 'INGEST_CA'], ['INGEST_MQTT_ENDPOINT']],
  ])('refuses %j without %j, naming exactly the missing ones', (set, missing) => {
    const [named] = refusal(only(set)).split(' must be set with ');
    expect(named?.split(', ')).toEqual(missing);
  });

  it('starts ingest with all four (port 8883 unless told), and without ingest when none is set', () => {
    expect(ingestEnv(parse(INGEST))).toEqual({
      endpoint: INGEST.INGEST_MQTT_ENDPOINT,
      port: 8883,
      certPath: INGEST.INGEST_CERT,
      keyPath: INGEST.INGEST_KEY,
      caPath: INGEST.INGEST_CA,
    });
    expect(ingestEnv(parse({ ...INGEST, INGEST_MQTT_PORT: '443' }))?.port).toBe(443);
    expect(ingestEnv(parse({}))).toBeNull();
    // Blank counts as unset (a `KEY=` line in an env file).
    expect(ingestEnv(parse({ INGEST_CERT: '' }))).toBeNull();
  });

  it("joins a share group, each copy under its host's client id unless given one, and refuses a group MQTT cannot name", () => {
    const member = ingestEnv(parse({ ...INGEST, INGEST_SHARE_GROUP: 'seedline-ingest' }));
    expect(member?.shareGroup).toBe('seedline-ingest');
    expect(member?.clientId).toBe(`seedline-ingest-${os.hostname().replace(/[^A-Za-z0-9_-]/g, '-')}`);
    const named = ingestEnv(parse({ ...INGEST, INGEST_SHARE_GROUP: 'g1', INGEST_CLIENT_ID: 'seedline-ingest-a' }));
    expect(named?.clientId).toBe('seedline-ingest-a');
    expect(refusal({ ...INGEST, INGEST_SHARE_GROUP: 'a/b' })).toMatch(/^INGEST_SHARE_GROUP/);
    expect(refusal({ INGEST_SHARE_GROUP: 'g1' })).toMatch(/^INGEST_SHARE_GROUP set without live ingest/);
  });
});

describe('SEEDLINE_ROLES: what one process runs', () => {
  it('reads a comma list of web, ingest and worker, and runs everything when unset', () => {
    expect(parse({ SEEDLINE_ROLES: 'web, worker' }).SEEDLINE_ROLES).toEqual(['web', 'worker']);
    expect(parse({ SEEDLINE_ROLES: 'ingest,ingest' }).SEEDLINE_ROLES).toEqual(['ingest']);
    expect(parse({}).SEEDLINE_ROLES).toBeUndefined();
  });

  it('refuses a role it does not know in one line naming the variable and the roles', () => {
    expect(refusal({ SEEDLINE_ROLES: 'web,cron' })).toBe('SEEDLINE_ROLES must be a comma list of web, ingest, worker');
    expect(refusal({ SEEDLINE_ROLES: ',' })).toBe('SEEDLINE_ROLES must be a comma list of web, ingest, worker');
  });

  it("lets a worker alone keep raw readings for as long as it is told, without ingest's link", () => {
    expect(parse({ SEEDLINE_ROLES: 'worker', INGEST_RAW_RETENTION_DAYS: '30' }).INGEST_RAW_RETENTION_DAYS).toBe(30);
    expect(refusal({ SEEDLINE_ROLES: 'web', INGEST_RAW_RETENTION_DAYS: '30' })).toMatch(
      /^INGEST_RAW_RETENTION_DAYS set/,
    );
  });
});

describe('a bad PORT or a short SESSION_SECRET', () => {
  it.each(['abc', '70000', '-1', '0', '80.5'])('refuses PORT=%s in one line naming PORT', (value) => {
    expect(refusal({ PORT: value })).toBe('PORT must be a port number from 1 to 65535');
  });

  it('accepts a port in range, and 3000 when PORT is unset', () => {
    expect(parse({ PORT: '8080' }).PORT).toBe(8080);
    expect(parse({}).PORT).toBe(3000);
  });

  it('refuses a SESSION_SECRET under 32 characters in one line naming it, and takes 32', () => {
    expect(refusal({ SESSION_SECRET: 'x'.repeat(31) })).toBe('SESSION_SECRET must be at least 32 characters');
    expect(parse({ SESSION_SECRET: 'x'.repeat(32) }).SESSION_SECRET).toHaveLength(32);
  });

  it('names every bad variable in the same line', () => {
    const message = refusal({ PORT: 'abc', SESSION_SECRET: 'short' });
    expect(message).toMatch(/^PORT .*; SESSION_SECRET /);
  });
});

describe('where photos are kept: SEEDLINE_S3_BUCKET and SEEDLINE_S3_ENDPOINT', () => {
  it('keeps them in the data folder unless a bucket is named, and takes an endpoint with it', () => {
    expect(parse({}).SEEDLINE_S3_BUCKET).toBeUndefined();
    const s3 = parse({ SEEDLINE_S3_BUCKET: 'seedline-photos-1', SEEDLINE_S3_ENDPOINT: 'http://127.0.0.1:9000' });
    expect(s3).toMatchObject({
      SEEDLINE_S3_BUCKET: 'seedline-photos-1',
      SEEDLINE_S3_ENDPOINT: 'http://127.0.0.1:9000',
    });
  });

  it('refuses a bucket name S3 would refuse, and an endpoint that is no http(s) URL, naming each', () => {
    expect(refusal({ SEEDLINE_S3_BUCKET: 'My_Bucket' })).toMatch(/^SEEDLINE_S3_BUCKET must be an S3 bucket name/);
    expect(refusal({ SEEDLINE_S3_BUCKET: 'b-1', SEEDLINE_S3_ENDPOINT: 'localhost:9000' })).toMatch(
      /^SEEDLINE_S3_ENDPOINT /,
    );
  });

  it('refuses an endpoint without a bucket, naming both', () => {
    expect(refusal({ SEEDLINE_S3_ENDPOINT: 'http://127.0.0.1:9000' })).toBe(
      'SEEDLINE_S3_ENDPOINT set without SEEDLINE_S3_BUCKET (the bucket to keep photos in)',
    );
  });
});

describe('the server refused at start-up by its environment', () => {
  const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

  /** Runs `npm start`'s entry point with only `vars` (and a throw-away data folder) set. */
  function start(vars: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seedline-env-'));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      SEEDLINE_DATA_DIR: dataDir,
      ...vars,
    };
    // Killed after 20 s: should the environment be accepted by mistake, the server would start.
    const child = spawn(process.execPath, ['--import', 'tsx', 'web/server/main.ts'], {
      cwd: repoRoot,
      env,
      timeout: 20_000,
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) => {
        fs.rmSync(dataDir, { recursive: true, force: true });
        resolve({ code, stderr });
      });
    });
  }

  it.concurrent.each([
    [{ PORT: 'abc' }, '✖ PORT must be a port number from 1 to 65535'],
    [{ SESSION_SECRET: 'short' }, '✖ SESSION_SECRET must be at least 32 characters'],
    [
      { INGEST_MQTT_ENDPOINT: INGEST.INGEST_MQTT_ENDPOINT },
      '✖ INGEST_CERT, INGEST_KEY, INGEST_CA must be set with INGEST_MQTT_ENDPOINT (live ingest needs all of them)',
    ],
  ])(
    'with %j prints one line naming the variable, no stack trace, and exits with 1',
    async (vars, line) => {
      const result = await start(vars);
      expect(result.stderr).toBe(`${line}\n`);
      expect(result.code).toBe(1);
    },
    30_000,
  );

  it('refuses a part of the system alone (SEEDLINE_ROLES) on the embedded database, naming DATABASE_URL', async () => {
    const result = await start({ SEEDLINE_ROLES: 'worker' });
    expect(result.stderr).toBe(
      '✖ SEEDLINE_ROLES=worker runs part of Seedline in this process, with the rest in others on one database: ' +
        'set DATABASE_URL to a PostgreSQL server (the embedded database is opened by one process only; unset SEEDLINE_ROLES to run everything here)\n',
    );
    expect(result.code).toBe(1);
  }, 30_000);

  it('refuses an ingest process without the broker, naming the variables, before it touches the database', async () => {
    // Nothing listens on port 1: a process that tried the database would fail there instead.
    const result = await start({ SEEDLINE_ROLES: 'ingest', DATABASE_URL: 'postgresql://seedline@127.0.0.1:1/none' });
    expect(result.stderr).toBe(
      '✖ SEEDLINE_ROLES=ingest needs the broker: set INGEST_MQTT_ENDPOINT, INGEST_CERT, INGEST_KEY and INGEST_CA\n',
    );
    expect(result.code).toBe(1);
  }, 30_000);
});
