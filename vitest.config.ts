import { defineConfig } from 'vitest/config';

// One run covers every workspace. Project names say what a test needs:
//   unit         pure code, no database or network (`*.test.ts`)
//   local-stack  the local stack's own tests: the embedded broker, the shadow service and the
//                tests' Mosquitto over TLS on loopback ports, certificates made by `openssl`, and
//                `/usr/sbin/mosquitto` (each in a temporary folder of its own)
//   db-pglite    `*.db.test.ts` on PGlite, the embedded database
//   db-postgres  the same files on the PostgreSQL server (127.0.0.1:5432, or SEEDLINE_TEST_PG_URL)
//   e2e          `test/**/*.e2e.test.ts`: across parts (bridge, broker, ingest, web), one file at a time
// Run one with `npx vitest run --project db-pglite`.

// Test databases from one migrated template, and one production build of web for the tests that serve it.
const globalSetup = ['./test/support/global-setup.ts', './test/support/build-web.ts'];
// The web app's environment as a test machine has it, for domain functions that read it.
const setupFiles = ['./test/support/test-env.ts'];
const dbTests = ['prisma/src/**/*.db.test.ts', 'web/app/**/*.db.test.ts', 'test/**/*.db.test.ts'];
const localStackTests = [
  'infra/local/broker.test.ts',
  'infra/local/mosquitto.test.ts',
  'infra/local/pki.test.ts',
  'infra/local/issue.test.ts',
  'infra/local/shadow/service.test.ts',
];
const alwaysExcluded = ['**/node_modules/**', '**/dist/**', '**/build/**', '**/generated/**'];

export default defineConfig({
  test: {
    // A run of nothing is a failure, and (.ci/run) so is a project that ran nothing.
    reporters: ['default', './test/support/every-project-ran.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'prisma/src/**/*.test.ts',
            'firmware-bridge/**/*.test.ts',
            'web/app/**/*.test.{ts,tsx}',
            'web/server/**/*.test.ts',
            'web/bench/**/*.test.ts',
            'infra/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          exclude: [...alwaysExcluded, '**/*.db.test.ts', '**/*.e2e.test.ts', ...localStackTests],
          environment: 'node',
          testTimeout: 10_000,
        },
      },
      {
        test: {
          name: 'local-stack',
          include: localStackTests,
          exclude: [...alwaysExcluded, '**/*.db.test.ts', '**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'db-pglite',
          include: dbTests,
          exclude: alwaysExcluded,
          environment: 'node',
          env: { SEEDLINE_TEST_DB: 'pglite' },
          globalSetup,
          setupFiles,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'db-postgres',
          include: dbTests,
          exclude: alwaysExcluded,
          environment: 'node',
          env: { SEEDLINE_TEST_DB: 'postgres' },
          globalSetup,
          setupFiles,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e.test.ts'],
          exclude: alwaysExcluded,
          environment: 'node',
          env: { SEEDLINE_TEST_DB: 'pglite' },
          globalSetup,
          setupFiles,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // `fileParallelism: false` is a root-only option: one fork runs this project's files one
          // after another, and the project starts after the others have finished.
          poolOptions: { forks: { singleFork: true } },
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
