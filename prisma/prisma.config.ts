// Prisma CLI configuration. Only `prisma generate` runs through the CLI here: migrations run through
// Prisma's WebAssembly schema engine (src/migrate.ts), which needs no download (docs/decisions/001).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
});
